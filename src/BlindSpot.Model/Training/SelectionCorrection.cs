using BlindSpot.Core.Worklists;

namespace BlindSpot.Model.Training;

/// <summary>
/// Corrects the selective labels with what the worklists logged (docs/model.md, "Selection correction"): each labeled
/// visit gets the probability with which its household was selected for the list it was visited from
/// (<see cref="WorklistEntry.SelectionProbability"/>: 1 for a deterministic pick, E[slots] / pool for 탐색) and is weighted
/// by its inverse, clipped at <see cref="TrainOptions.MaxSelectionWeight"/>. An exploration visit then stands for the
/// many eligible households nobody chose, so the trees and the calibrator learn about them too. Visits with no stored
/// entry (made before BlindSpot made lists, or not from a list) keep probability 1.
/// </summary>
public static class SelectionCorrection
{
    /// <summary>A visit is matched to the household's latest listing on or up to this many days before the visit.</summary>
    public const int ListToVisitDays = 7;

    public static IReadOnlyList<LabeledExample> Apply(IReadOnlyList<LabeledExample> visits, IReadOnlyList<WorklistEntry> listed)
    {
        if (listed.Count == 0) return visits;
        var byHousehold = listed.GroupBy(e => e.HouseholdId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Date).ToArray(), StringComparer.Ordinal);
        var used = new HashSet<WorklistEntry>(ReferenceEqualityComparer.Instance); // a listing answers one visit: the first after it
        var result = new LabeledExample[visits.Count];
        foreach (var i in Enumerable.Range(0, visits.Count).OrderBy(i => visits[i].VisitedOn))
        {
            var v = visits[i];
            WorklistEntry? entry = null;
            if (!v.Sampled && byHousehold.TryGetValue(v.Features.HouseholdId, out var entries))
                foreach (var e in entries)
                    if (e.Date <= v.VisitedOn && e.Date.DayNumber >= v.VisitedOn.DayNumber - ListToVisitDays && !used.Contains(e)) entry = e;
            if (entry is not null) used.Add(entry);
            result[i] = entry is null ? v : v with
            {
                SelectionProbability = Math.Clamp(entry.SelectionProbability, 0, 1),
                Explored = entry.Selection == Selection.Exploration,
            };
        }
        return result;
    }

    /// <summary>The example weight: a sampled negative's fixed weight, else 1 / selection probability, clipped.</summary>
    public static float Weight(LabeledExample e, TrainOptions o) =>
        e.Sampled ? (float)o.SampledNegativeWeight
        : e.SelectionProbability <= 0 ? (float)o.MaxSelectionWeight
        : (float)Math.Min(1.0 / e.SelectionProbability, o.MaxSelectionWeight);
}
