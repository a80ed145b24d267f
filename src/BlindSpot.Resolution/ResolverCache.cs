using System.Runtime.CompilerServices;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// One <see cref="TipResolver"/> per ingest context, rebuilt only when a committed file changed the households
/// (<see cref="IngestContext.RegistryChanges"/>) or other thresholds are asked for: the registry index is built once per
/// run (not per tips file), and again only after a new registry snapshot. The index takes the registry's addresses
/// apart with the parts kept for the context (<see cref="Keep"/>), if any. The index may be started on another thread
/// before the first tips file asks for it (<see cref="BuildAhead"/>).
/// </summary>
public static class ResolverCache
{
    sealed record Built(TipResolver Resolver, int RegistryChanges);

    static readonly ConditionalWeakTable<IngestContext, Built> Resolvers = new();
    static readonly ConditionalWeakTable<IngestContext, Kept> KeptParts = new();
    static readonly ConditionalWeakTable<IngestContext, Ahead> Started = new();

    /// <summary>An index being built from the households the context held at <see cref="RegistryChanges"/>.</summary>
    sealed record Ahead(Task<RegistryIndex> Index, int RegistryChanges);

    /// <summary>
    /// What a kept copy gave the context: the index's parts for the households restored at <see cref="RegistryChanges"/>,
    /// taken by the first index built (then let go), and the addresses taken apart (decoded for an index built anew).
    /// </summary>
    sealed class Kept(KeptIndex parts, int registryChanges)
    {
        public KeptIndex? Parts = parts;
        public int RegistryChanges { get; } = registryChanges;
        public Lazy<RegistryAddresses> Addresses { get; } = parts.LazyAddresses;
    }

    public static TipResolver For(IngestContext context, ResolutionOptions? options = null)
    {
        options ??= ResolutionOptions.Default;
        if (Resolvers.TryGetValue(context, out var built) && built.RegistryChanges == context.RegistryChanges && built.Resolver.Options == options)
            return built.Resolver;
        var index = built is not null && built.RegistryChanges == context.RegistryChanges
            ? built.Resolver.Index
            : Awaited(context) ?? Build(context.Households.Values, context.RegistryChanges, KeptParts.TryGetValue(context, out var k) ? k : null);
        var resolver = new TipResolver(index, options);
        Resolvers.AddOrUpdate(context, new Built(resolver, context.RegistryChanges));
        return resolver;
    }

    /// <summary>
    /// Starts building the context's index on the thread pool from the households it holds now, unless one is built or
    /// being built for them: a run whose tips files come after other files (a first run's crisis months, a day's visit
    /// results) builds it on the second core meanwhile. <see cref="For"/> takes it only while the context's
    /// <see cref="IngestContext.RegistryChanges"/> has not moved (the same households in the same order, so the same
    /// index as built then); otherwise it builds anew, as without this call. The caller must not change the context's
    /// households during this call (a run's ingest is one thread); it may after it (the index reads its own copy).
    /// </summary>
    public static void BuildAhead(IngestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changes = context.RegistryChanges;
        if (Resolvers.TryGetValue(context, out var built) && built.RegistryChanges == changes) return;
        if (Started.TryGetValue(context, out var started))
        {
            if (started.RegistryChanges == changes) return;
            Settle(started);
        }
        var households = context.Households.Values.ToArray();
        var kept = KeptParts.TryGetValue(context, out var k) ? k : null;
        Started.AddOrUpdate(context, new Ahead(Task.Run(() =>
        {
            var index = Build(households, changes, kept);
            // The unit counts too (what the first tip that weighs a unit would otherwise count on the ingest's thread).
            index.CountUnitsNow();
            return index;
        }), changes));
    }

    /// <summary>
    /// The index of a context's households (ids unique): from the parts of the copy they were restored from when they are
    /// still those very households in that order (the same index, without taking an address apart), else built from them
    /// with the copy's addresses taken apart, if any.
    /// </summary>
    static RegistryIndex Build(IReadOnlyCollection<HouseholdRef> households, int changes, Kept? kept)
    {
        if (kept is null) return new RegistryIndex(households, null, idsUnique: true);
        // Taken once: the parts are let go (~6 MB at 190,000 households); any later index of the context is built anew.
        if (Interlocked.Exchange(ref kept.Parts, null) is { } parts && kept.RegistryChanges == changes && parts.Matches(households))
            return new RegistryIndex(parts, households as IReadOnlyList<HouseholdRef> ?? [.. households], idsUnique: true);
        return new RegistryIndex(households, kept.Addresses.Value, idsUnique: true);
    }

    /// <summary>The index started ahead for the context's households as they are now, waited for; null when none.</summary>
    static RegistryIndex? Awaited(IngestContext context)
    {
        if (!Started.TryGetValue(context, out var started)) return null;
        Started.Remove(context);
        if (started.RegistryChanges == context.RegistryChanges) return started.Index.GetAwaiter().GetResult();
        // Built for households since changed: not used, but finished first (it adds to the kept addresses an index
        // built now reads and adds to).
        Settle(started);
        return null;
    }

    static void Settle(Ahead stale)
    {
        try { stale.Index.Wait(); }
        catch (AggregateException) { /* not used; an index built now meets the same failure, if any */ }
    }

    /// <summary>
    /// What the CSV reader links tips with: the context's resolver under <paramref name="options"/>, built when a tips
    /// file first asks (a file of another feed never builds the index).
    /// </summary>
    public static ITipLinker Linker(IngestContext context, ResolutionOptions? options = null) => new ContextLinker(context, options);

    /// <summary>
    /// The index's parts and the registry's addresses taken apart, kept from an earlier run, for the context's index: the
    /// parts while the context holds the households restored with them, the addresses for any index built later.
    /// </summary>
    public static void Keep(IngestContext context, KeptIndex kept) => KeptParts.AddOrUpdate(context, new Kept(kept, context.RegistryChanges));

    sealed class ContextLinker(IngestContext context, ResolutionOptions? options) : ITipLinker
    {
        TipResolver? resolver;
        TipResolver Resolver => resolver ??= For(context, options);

        public string? InferDong(string address) => Resolver.Index.InferDong(address);

        public Tip Link(Tip tip, bool dongGiven) => Resolver.Resolve(TipEvidence.Of(tip, dongGiven)).ApplyTo(tip, Resolver.Index.NewestSnapshot);

        /// <summary>The tips resolved side by side (<see cref="TipResolver.ResolveAll"/>) by the context's resolver, built first on this thread.</summary>
        public IReadOnlyList<Tip> LinkAll(IReadOnlyList<Tip> tips, IReadOnlyList<bool> dongGiven)
        {
            ArgumentNullException.ThrowIfNull(tips);
            ArgumentNullException.ThrowIfNull(dongGiven);
            if (dongGiven.Count != tips.Count) throw new ArgumentException("One flag per tip.", nameof(dongGiven));
            if (tips.Count == 0) return [];
            var r = Resolver;
            var evidence = new TipEvidence[tips.Count];
            for (var i = 0; i < evidence.Length; i++) evidence[i] = TipEvidence.Of(tips[i], dongGiven[i]);
            var resolved = r.ResolveAll(evidence);
            var linked = new Tip[tips.Count];
            for (var i = 0; i < linked.Length; i++) linked[i] = resolved[i].ApplyTo(tips[i], r.Index.NewestSnapshot);
            return linked;
        }
    }
}
