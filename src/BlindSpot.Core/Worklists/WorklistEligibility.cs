using BlindSpot.Core.Domain;
using BlindSpot.Core.Scoring;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// A household that passes every exclusion on the day (<see cref="WorklistPolicy.Eligible"/>), with what it would be
/// listed for.
/// </summary>
/// <param name="Score">The day's score (model mode only; null when the household has none or in rules mode).</param>
/// <param name="RulesScore">Distinct crisis indicators of the recent months (<see cref="Contract.RulesScore"/>).</param>
/// <param name="RecentIndicators">Those indicators' codes, in ordinal order.</param>
/// <param name="Urgent">The newest unvisited urgent tip of the urgent window (긴급제보), if any.</param>
/// <param name="RecentTip">The newest unvisited tip of the tip window (제보), if any.</param>
/// <param name="AbsentReturn">Back after a 부재 visit (부재 후 재방문).</param>
/// <param name="TipCount">The household's tips of the last <see cref="WorklistOptions.TipCountDays"/> days.</param>
/// <param name="ModelEligible">May take a 모델 place (a score and a signal; in rules mode a recent indicator).</param>
/// <param name="SortKey">What the ranking orders by: the calibrated probability (model mode) or the rules score.</param>
public sealed record EligibleHousehold(
    Household Household,
    HouseholdScore? Score,
    int RulesScore,
    IReadOnlyList<string> RecentIndicators,
    Tip? Urgent,
    Tip? RecentTip,
    bool AbsentReturn,
    int TipCount,
    DateTime? LastTipAt,
    bool ModelEligible,
    double SortKey)
{
    /// <summary>Highest sort key first, then the most recent tip, then the household id (a total order: repeatable).</summary>
    internal static readonly IComparer<EligibleHousehold> Ranking = Comparer<EligibleHousehold>.Create((a, b) =>
    {
        var c = b.SortKey.CompareTo(a.SortKey);
        if (c != 0) return c;
        c = Nullable.Compare(b.LastTipAt, a.LastTipAt);
        return c != 0 ? c : string.CompareOrdinal(a.Household.HouseholdId, b.Household.HouseholdId);
    });
}

/// <summary>One dong's eligible households on the day, in the registry's order, and what the exclusions kept off.</summary>
/// <param name="Capacity">daily_visits of capacity.csv (or the configured default).</param>
/// <param name="Excluded">How many households each exclusion kept off (only the exclusions that kept someone off).</param>
public sealed record DongEligibility(string Dong, int Capacity, IReadOnlyList<EligibleHousehold> Households, IReadOnlyDictionary<Exclusion, int> Excluded);

/// <summary>Who may be listed on a day, per dong (no dong on a day that is not a business day).</summary>
public sealed record WorklistEligibility(DateOnly Date, DateOnly AsOf, bool IsBusinessDay, ScoringMode Mode, string ModelVersion, IReadOnlyList<DongEligibility> Dongs);
