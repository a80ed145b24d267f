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
        var result = new List<LabeledExample>();
        foreach (var o in data.Outcomes.OrderBy(o => o.VisitedOn).ThenBy(o => o.HouseholdId, StringComparer.Ordinal))
        {
            if (o.VisitedOn > data.AsOf) continue;
            if (VisitResults.Label(o.Result) is not { } label) continue;
            if (result.Count % 1024 == 0) ct.ThrowIfCancellationRequested();
            var f = features.Build(o.HouseholdId, o.VisitedOn.AddDays(-1));
            if (f is null) continue;
            result.Add(new LabeledExample(f, o.VisitedOn, label));
        }
        return result;
    }
}
