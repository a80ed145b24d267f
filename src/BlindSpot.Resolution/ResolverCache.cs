using System.Runtime.CompilerServices;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// One <see cref="TipResolver"/> per ingest context, rebuilt only when a committed file changed the households: the
/// registry index is built once per run (not per tips file), and again only after a new registry snapshot.
/// </summary>
public static class ResolverCache
{
    static readonly ConditionalWeakTable<IngestContext, TipResolver> Resolvers = new();

    public static TipResolver For(IngestContext context) =>
        Resolvers.GetValue(context, c => new TipResolver(new RegistryIndex(c.Households.Values)));

    public static void Invalidate(IngestContext context) => Resolvers.Remove(context);
}
