namespace BlindSpot.Core.Domain;

/// <summary>
/// A tip from an officer (contract §2.3) or a hotline call (§2.4), with the household it was matched to.
/// </summary>
/// <param name="TipId">tip_id or call_id; unique within its <paramref name="Source"/>.</param>
/// <param name="ReceivedAt">Korea Standard Time, as written upstream.</param>
/// <param name="SourceDetail">officer_id for officer tips, reporter_type for hotline calls.</param>
/// <param name="Category">Officer tips only (경제, 주거, 건강, 고립, 돌봄, 기타).</param>
public sealed record Tip(
    TipSource Source,
    string TipId,
    DateTime ReceivedAt,
    string SourceDetail,
    string Dong,
    string Address,
    string? SubjectName,
    string? Phone,
    string? HouseholdId,
    MatchMethod Match,
    string? Category,
    bool Urgent,
    string Note);
