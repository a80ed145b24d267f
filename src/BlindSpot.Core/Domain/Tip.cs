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
    string Note)
{
    /// <summary>
    /// How sure the resolver is that <see cref="HouseholdId"/> is the household the tip is about (0..1): 1 for a
    /// given household_id or a link confirmed by dong staff, the resolver's posterior otherwise, 0 when not linked.
    /// A feature for the model (a weakly linked tip says less) and shown to staff.
    /// </summary>
    public double LinkConfidence { get; init; }

    /// <summary>
    /// Households dong staff are asked to choose from when the tip is not linked (best first, at most five);
    /// empty when linked or when nothing fits well enough (unresolved: the address as written is all there is).
    /// </summary>
    public IReadOnlyList<string> Candidates { get; init; } = Array.Empty<string>();

    /// <summary>Households dong staff said the tip is not about: never offered or linked again for this tip.</summary>
    public IReadOnlyList<string> RejectedCandidates { get; init; } = Array.Empty<string>();

    /// <summary>Newest registry snapshot the tip was last resolved against; a newer one makes an open tip be tried again.</summary>
    public DateOnly? ResolvedAgainst { get; init; }

    /// <summary>Linked, waiting for staff to choose among candidates, or unresolved.</summary>
    public TipLinkStatus LinkStatus =>
        HouseholdId is not null ? TipLinkStatus.Linked : Candidates.Count > 0 ? TipLinkStatus.Candidates : TipLinkStatus.Unresolved;
}
