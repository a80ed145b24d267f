using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// Which households' calibrated probabilities a day's lists can use before they are drawn (docs/adr/0006-daily-run-in-proportion.md).
/// <see cref="WorklistPolicy"/> ranks by probability only the households with an urgent tip, a recent tip or (under
/// <see cref="WorklistOptions.ModelTierRequiresSignal"/>) a signal: a tip in the last <see cref="WorklistOptions.TipCountDays"/>
/// days or a crisis indicator in the last <see cref="WorklistOptions.SignalMonths"/> months. Every other household can
/// only be drawn for exploration, whose draw never looks at a probability; the probability of a drawn household is
/// computed once it is drawn. Scoring therefore computes probabilities for the households this rule names (a superset:
/// any known tip, or a signal-window crisis row), through the same model on the same features: the lists are those
/// of scoring every household.
/// </summary>
public static class ScoreNeeds
{
    /// <summary>
    /// The ids of the households (of any registry state) whose probability the lists after <paramref name="data"/>'s
    /// as-of day can rank by, or null when that is every household (<see cref="WorklistOptions.ModelTierRequiresSignal"/> off).
    /// </summary>
    public static HashSet<string>? RankableIds(DistrictData data, WorklistOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.ModelTierRequiresSignal) return null;
        var asOf = data.AsOf;
        var endOfAsOf = asOf.ToDateTime(TimeOnly.MaxValue);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        // Any tip known by the end of the day: urgent and recent tips, and the tip count of the signal rule, are all among them.
        foreach (var t in data.Tips)
            if (t.HouseholdId is { } id && t.ReceivedAt <= endOfAsOf) ids.Add(id);
        // The signal rule's crisis window, exactly as WorklistPolicy reads it.
        var signalFrom = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-options.SignalMonths);
        foreach (var c in data.Crisis)
            if (c.Month >= signalFrom && DistrictData.IsCrisisKnown(c, asOf)) ids.Add(c.HouseholdId);
        return ids;
    }
}
