using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Core.Outcomes;

/// <summary>What becomes of one visit result offered to the store (a row of outcomes*.csv or an entry form).</summary>
public enum OutcomeDecision
{
    /// <summary>No result for this household and day yet: stored.</summary>
    New,
    /// <summary>The same result for the same household and day: counted as duplicate, not stored twice.</summary>
    Duplicate,
    /// <summary>Marked as a correction (정정) and different from the stored result: replaces it, the old one goes to the history.</summary>
    Correction,
    /// <summary>A different result for the same household and day without the correction mark: quarantined.</summary>
    Conflict,
    /// <summary>The household is not in the registry: quarantined (a visit to nobody would leave the real household unvisited).</summary>
    UnknownHousehold,
}

/// <summary>
/// The one place that decides how a visit result meets what is stored (docs/data-contract.md §2.5): the outcomes
/// file reader and the web entry form both call it, so a correction means the same everywhere.
/// </summary>
public static class OutcomeAdmission
{
    public const string UnknownHouseholdReason =
        "세대 명부에 없는 세대ID입니다. 세대ID를 확인해 고쳐 보내 주세요 (새로 전입한 세대라면 세대 명부가 들어온 뒤 다시 보내 주세요).";

    public const string ConflictReason =
        "같은 세대·방문일에 다른 결과가 이미 있습니다. 결과를 고치는 것이라면 정정 열에 Y를 적어 다시 보내 주세요.";

    /// <param name="known">Result already known for this household and day (stored, or accepted earlier in the same file), if any.</param>
    public static OutcomeDecision Decide(IngestContext context, Outcome outcome, bool correction, VisitResult? known)
    {
        if (!context.Households.ContainsKey(outcome.HouseholdId)) return OutcomeDecision.UnknownHousehold;
        if (known is not { } before) return OutcomeDecision.New;
        if (before == outcome.Result) return OutcomeDecision.Duplicate;
        return correction ? OutcomeDecision.Correction : OutcomeDecision.Conflict;
    }

    /// <summary>The clerk's reason for a quarantined decision, null for the others.</summary>
    public static string? Reason(OutcomeDecision decision) => decision switch
    {
        OutcomeDecision.Conflict => ConflictReason,
        OutcomeDecision.UnknownHousehold => UnknownHouseholdReason,
        _ => null,
    };
}
