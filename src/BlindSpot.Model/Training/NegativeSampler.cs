using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>
/// Positive-unlabeled (reject-inference) negatives: for each day with labeled visits, households that were NOT visited
/// within <see cref="TrainOptions.SampledNegativeHorizonDays"/> days from that day are drawn and labeled 비해당 (0),
/// with features as of the day before, exactly like a labeled visit. They correct the selective labels: past visits
/// went to tipped or rules-listed households only, so visits alone never show the model the wider population.
/// </summary>
public static class NegativeSampler
{
    /// <summary>Tries per wanted row before a day gives up (the pool may be small, e.g. few signal households).</summary>
    public const int TriesPerRow = 30;

    /// <summary>
    /// Sampled negatives for the days of <paramref name="visits"/>, oldest first, repeatable for the same data and seed.
    /// For day D: round(ratio x labeled visits on D) households living in the district on D-1 (not moved out), in the
    /// pool of <see cref="TrainOptions.SampledNegativePool"/>, with no visit of any result on D..min(D + horizon, as-of).
    /// Features are built as of D-1 from what was known then; the future is used only to exclude visited households.
    /// </summary>
    public static IReadOnlyList<LabeledExample> Sample(DistrictData data, FeatureBuilder features, IReadOnlyList<LabeledExample> visits,
        TrainOptions o, CancellationToken ct = default)
    {
        if (o.SampledNegativesPerVisit <= 0 || visits.Count == 0) return [];
        var ids = HouseholdIds(data.HouseholdVersions);
        if (ids.Length == 0) return [];
        var visitsByHousehold = data.Outcomes.Where(v => v.VisitedOn <= data.AsOf)
            .GroupBy(v => v.HouseholdId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(v => v.VisitedOn).Order().ToArray(), StringComparer.Ordinal);
        var requireSignal = o.SampledNegativePool.Equals("signal", StringComparison.OrdinalIgnoreCase);
        var tipSlot = FeatureSchema.IndexOf("tips_365d");
        var crisisSlot = FeatureSchema.IndexOf(RulesScore.FeatureName);

        // Each day draws from its own seed and reads only the builder's indexes: the days are sampled side by side and
        // their rows joined in day order, as one day after another.
        var days = visits.Where(v => v.VisitedOn <= data.AsOf).GroupBy(v => v.VisitedOn).OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Visits: g.Count())).ToArray();
        var perDay = new List<LabeledExample>[days.Length];
        Parallel.For(0, days.Length, new ParallelOptions { CancellationToken = ct }, k =>
        {
            var d = days[k].Day;
            var result = perDay[k] = [];
            var wanted = (int)Math.Round(o.SampledNegativesPerVisit * days[k].Visits, MidpointRounding.AwayFromZero);
            var until = d.AddDays(o.SampledNegativeHorizonDays) is var u && u < data.AsOf ? u : data.AsOf;
            var rng = new Random(unchecked(o.Seed * 1_000_003 + d.DayNumber));
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var tries = 0; taken.Count < wanted && tries < wanted * TriesPerRow; tries++)
            {
                var id = ids[rng.Next(ids.Length)];
                if (taken.Contains(id) || VisitedBetween(visitsByHousehold, id, d, until)) continue;
                var h = features.Resolve(id, d.AddDays(-1));
                if (h is null || h.MovedOut) continue;
                var f = features.Build(id, d.AddDays(-1));
                if (f is null) continue;
                if (requireSignal && f.Values[tipSlot] <= 0 && f.Values[crisisSlot] <= 0) continue;
                taken.Add(id);
                result.Add(new LabeledExample(f, d, false, Sampled: true));
            }
        });
        return [.. perDay.SelectMany(r => r)];
    }

    /// <summary>
    /// The distinct household ids of <paramref name="versions"/> in ordinal order, as
    /// <c>Select(id).Distinct(Ordinal).Order(Ordinal)</c> gives them. The store gives the versions household after
    /// household in id order: when each household's id is ordinally greater than the one before, the ids of the runs are
    /// that list already, without sorting ~200,000 strings (most of what sampling cost at 190,000 households). Versions
    /// in any other order take the sort.
    /// </summary>
    internal static string[] HouseholdIds(IReadOnlyList<Household> versions)
    {
        var ids = new List<string>();
        string? last = null;
        foreach (var v in versions)
        {
            var id = v.HouseholdId;
            if (last is not null)
            {
                if (ReferenceEquals(last, id)) continue;
                var order = string.CompareOrdinal(last, id);
                if (order == 0) continue;
                if (order > 0)
                    return versions.Select(x => x.HouseholdId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            }
            ids.Add(last = id);
        }
        return [.. ids];
    }

    static bool VisitedBetween(Dictionary<string, DateOnly[]> visits, string id, DateOnly from, DateOnly to)
    {
        if (!visits.TryGetValue(id, out var days)) return false;
        var i = Array.BinarySearch(days, from);
        if (i < 0) i = ~i;
        return i < days.Length && days[i] <= to;
    }
}
