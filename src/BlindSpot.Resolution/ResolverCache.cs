using System.Runtime.CompilerServices;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// One <see cref="TipResolver"/> per ingest context, rebuilt only when a committed file changed the households: the
/// registry index is built once per run (not per tips file), and again only after a new registry snapshot. The index
/// takes the registry's addresses apart with the parts kept for the context (<see cref="Keep"/>), if any.
/// </summary>
public static class ResolverCache
{
    static readonly ConditionalWeakTable<IngestContext, TipResolver> Resolvers = new();
    static readonly ConditionalWeakTable<IngestContext, RegistryAddresses> Addresses = new();

    public static TipResolver For(IngestContext context) =>
        Resolvers.GetValue(context, c => new TipResolver(new RegistryIndex(c.Households.Values, Addresses.TryGetValue(c, out var a) ? a : null)));

    /// <summary>The registry's addresses already taken apart (kept from an earlier run), for the context's index.</summary>
    public static void Keep(IngestContext context, RegistryAddresses addresses) => Addresses.AddOrUpdate(context, addresses);

    public static void Invalidate(IngestContext context) => Resolvers.Remove(context);
}
