using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// Core's <see cref="ITipResolution"/> under <paramref name="options"/> (the configured BlindSpot:Resolution; null: the
/// defaults), over the context's cached resolver (<see cref="ResolverCache"/>) and the kept registry copy
/// (<see cref="KeptRegistry"/>). Registered by the composition root.
/// </summary>
public sealed class RegistryTipResolution(ResolutionOptions? options = null) : ITipResolution
{
    public ResolutionOptions Options { get; } = options ?? ResolutionOptions.Default;

    public ITipLinker Linker(IngestContext context) => ResolverCache.Linker(context, Options);

    /// <summary>A hotline call's dong may have been inferred, so a stored tip's dong is taken as given only for an officer's tip.</summary>
    public IReadOnlyList<Tip> ResolveAgain(IngestContext context, IReadOnlyList<Tip> tips, DateOnly snapshot)
    {
        var resolver = ResolverCache.For(context, Options);
        return tips.Select(t => resolver.Resolve(TipEvidence.Of(t, dongGiven: t.Source == TipSource.Officer)).ApplyTo(t, snapshot)).ToList();
    }

    public byte[] RegistryCopy(IngestContext context) =>
        KeptRegistry.Write(context.Households.Values, ResolverCache.For(context).Index);

    public void BuildIndexAhead(IngestContext context) => ResolverCache.BuildAhead(context);

    public bool TryRestoreRegistry(byte[] copy, IngestContext context, out int households, out string? damage)
    {
        households = 0;
        if (!KeptRegistry.TryReadIndexed(copy, out var read, out KeptIndex kept, out damage)) return false;
        // Sized once (a dictionary grown by doubling to 203,300 households allocated ~11 MB more, all of it garbage).
        context.Households.EnsureCapacity(context.Households.Count + read.Count);
        foreach (var h in read) context.Households[h.HouseholdId] = h;
        ResolverCache.Keep(context, kept);
        households = read.Count;
        return true;
    }
}
