using System.Runtime.CompilerServices;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// One <see cref="TipResolver"/> per ingest context, rebuilt only when a committed file changed the households
/// (<see cref="IngestContext.RegistryChanges"/>) or other thresholds are asked for: the registry index is built once per
/// run (not per tips file), and again only after a new registry snapshot. The index takes the registry's addresses
/// apart with the parts kept for the context (<see cref="Keep"/>), if any.
/// </summary>
public static class ResolverCache
{
    sealed record Built(TipResolver Resolver, int RegistryChanges);

    static readonly ConditionalWeakTable<IngestContext, Built> Resolvers = new();
    static readonly ConditionalWeakTable<IngestContext, RegistryAddresses> Addresses = new();

    public static TipResolver For(IngestContext context, ResolutionOptions? options = null)
    {
        options ??= ResolutionOptions.Default;
        if (Resolvers.TryGetValue(context, out var built) && built.RegistryChanges == context.RegistryChanges && built.Resolver.Options == options)
            return built.Resolver;
        var index = built is not null && built.RegistryChanges == context.RegistryChanges
            ? built.Resolver.Index
            : new RegistryIndex(context.Households.Values, Addresses.TryGetValue(context, out var a) ? a : null);
        var resolver = new TipResolver(index, options);
        Resolvers.AddOrUpdate(context, new Built(resolver, context.RegistryChanges));
        return resolver;
    }

    /// <summary>
    /// What the CSV reader links tips with: the context's resolver under <paramref name="options"/>, built when a tips
    /// file first asks (a file of another feed never builds the index).
    /// </summary>
    public static ITipLinker Linker(IngestContext context, ResolutionOptions? options = null) => new ContextLinker(context, options);

    /// <summary>The registry's addresses already taken apart (kept from an earlier run), for the context's index.</summary>
    public static void Keep(IngestContext context, RegistryAddresses addresses) => Addresses.AddOrUpdate(context, addresses);

    sealed class ContextLinker(IngestContext context, ResolutionOptions? options) : ITipLinker
    {
        TipResolver? resolver;
        TipResolver Resolver => resolver ??= For(context, options);

        public string? InferDong(string address) => Resolver.Index.InferDong(address);

        public Tip Link(Tip tip, bool dongGiven) =>
            Resolver.Resolve(TipEvidence.Of(tip, dongGiven)).ApplyTo(tip, Resolver.Index.NewestSnapshot);
    }
}
