using System.Runtime.CompilerServices;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// One <see cref="HouseholdMatcher"/> per ingest context, rebuilt only when a committed file changed the households:
/// building the address index of a district takes about half a second, and an inbox holds dozens of tip files.
/// </summary>
internal static class MatcherCache
{
    static readonly ConditionalWeakTable<IngestContext, HouseholdMatcher> Matchers = new();

    public static HouseholdMatcher For(IngestContext context) =>
        Matchers.GetValue(context, c => new HouseholdMatcher(c.Households.Values));

    public static void Invalidate(IngestContext context) => Matchers.Remove(context);
}
