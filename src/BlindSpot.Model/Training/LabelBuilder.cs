using BlindSpot.Core.Domain;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>Turns visit outcomes into labeled examples: 발굴 = 1, 비해당 = 0, other results none.</summary>
public static class LabelBuilder
{
    /// <summary>
    /// Every labeled visit made up to <c>data.AsOf</c>, oldest first, with features as of the day BEFORE the visit
    /// (what staff could have known when they chose to go). Visits to households the registry never knew are skipped.
    /// </summary>
    public static IReadOnlyList<LabeledExample> Build(DistrictData data, FeatureBuilder features, CancellationToken ct = default)
    {
        var visits = new List<(Outcome Visit, bool Label)>();
        foreach (var o in data.Outcomes.OrderBy(o => o.VisitedOn).ThenBy(o => o.HouseholdId, StringComparer.Ordinal))
            if (o.VisitedOn <= data.AsOf && VisitResults.Label(o.Result) is { } label) visits.Add((o, label));
        // Each visit's features read only the builder's indexes: computed side by side into their places, then kept in
        // the visits' order, as one after another.
        if (visits.Count == 0) return []; // no labeled visit yet (a district's first run): the partitioner refuses an empty range
        var built = new HouseholdFeatures?[visits.Count];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, visits.Count, 1024), new ParallelOptions { CancellationToken = ct },
            range => { for (var k = range.Item1; k < range.Item2; k++) built[k] = features.Build(visits[k].Visit.HouseholdId, visits[k].Visit.VisitedOn.AddDays(-1)); });
        var result = new List<LabeledExample>(visits.Count);
        for (var k = 0; k < visits.Count; k++)
            if (built[k] is { } f) result.Add(new LabeledExample(f, visits[k].Visit.VisitedOn, visits[k].Label));
        return result;
    }
}
