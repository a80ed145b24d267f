namespace BlindSpot.Core.Worklists;

/// <summary>Why a household is on a worklist (선정구분).</summary>
public enum Selection
{
    UrgentTip,   // 긴급제보
    Tip,         // 제보
    Model,       // 모델
    Exploration, // 탐색
}

/// <summary>
/// One line of a dong's worklist for a business day, as stored: with the reason and the probability with
/// which it was selected, so that evaluation can weight visits and the feedback loop can be measured.
/// </summary>
/// <param name="SelectionProbability">1 for deterministic picks; the draw probability for 탐색 entries.</param>
/// <param name="OverCapacity">An urgent tip listed beyond the dong's daily capacity.</param>
public sealed record WorklistEntry(
    DateOnly Date,
    string Dong,
    int Rank,
    string HouseholdId,
    Selection Selection,
    double Score,
    string ModelVersion,
    IReadOnlyList<string> Reasons,
    double SelectionProbability,
    bool OverCapacity,
    DateTime? LastTipAt,
    int TipCount);
