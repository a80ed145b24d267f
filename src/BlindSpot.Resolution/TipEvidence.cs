using BlindSpot.Core.Domain;

namespace BlindSpot.Resolution;

/// <summary>What a tip says that can point at a household.</summary>
/// <param name="Dong">The tip's dong (written, or inferred from the address).</param>
/// <param name="DongGiven">True when the dong was written by the reporter (officers always; callers sometimes).</param>
/// <param name="SubjectName">As written: 김영희, 김OO, 김씨, 김 할머니 …</param>
/// <param name="Phone">The subject's phone when the tip gives one.</param>
/// <param name="Year">Year the tip was received (ages of 할머니/할아버지); 0 = the registry's newest snapshot year.</param>
/// <param name="Excluded">Households dong staff said the tip is not about: never candidates.</param>
/// <param name="Note">The note as written: what it says of the person (혼자 사는 할머니, 아기 엄마, 중년 남성) is evidence.</param>
/// <param name="ReporterType">A hotline caller's reporter type (관리사무소 reports within its own complex); null for officers.</param>
public sealed record TipEvidence(string Address, string? Dong, bool DongGiven, string? SubjectName, string? Phone, int Year = 0,
    IReadOnlyCollection<string>? Excluded = null, string? Note = null, string? ReporterType = null)
{
    /// <summary>The evidence of a stored or just-read tip (its rejected candidates excluded).</summary>
    public static TipEvidence Of(Tip tip, bool dongGiven) =>
        new(tip.Address, tip.Dong, dongGiven, tip.SubjectName, tip.Phone, tip.ReceivedAt.Year, tip.RejectedCandidates, tip.Note,
            tip.Source == TipSource.Hotline ? tip.SourceDetail : null);
}

/// <summary>A household the tip may be about, with the resolver's probability that it is.</summary>
public sealed record TipCandidate(string HouseholdId, double Probability, MatchMethod Method);

/// <summary>
/// The resolver's answer: linked (one household, <see cref="Confidence"/> at or above the link threshold), candidates
/// (one to five households for dong staff to confirm) or unresolved (nothing fits well enough).
/// </summary>
public sealed record TipResolution(TipLinkStatus Status, string? HouseholdId, MatchMethod Method, double Confidence, IReadOnlyList<TipCandidate> Candidates)
{
    public static readonly TipResolution Unresolved = new(TipLinkStatus.Unresolved, null, MatchMethod.None, 0, []);

    /// <summary>The resolution written onto a tip (household, method, confidence, candidate ids, snapshot).</summary>
    public Tip ApplyTo(Tip tip, DateOnly resolvedAgainst) => tip with
    {
        HouseholdId = HouseholdId,
        Match = Status == TipLinkStatus.Linked ? Method : MatchMethod.None,
        LinkConfidence = Status == TipLinkStatus.Linked ? Confidence : 0,
        Candidates = Status == TipLinkStatus.Candidates ? Candidates.Select(c => c.HouseholdId).ToArray() : Array.Empty<string>(),
        ResolvedAgainst = resolvedAgainst,
    };
}

/// <summary>
/// Thresholds of the three outcomes; the defaults were chosen on a labelled set (docs/ingest.md). Bound from the section
/// "BlindSpot:Resolution" (docs/configuration.md) and checked at start.
/// </summary>
public sealed record ResolutionOptions
{
    /// <summary>Smallest posterior that links: chosen for at least 99.5% precision.</summary>
    public double LinkThreshold { get; init; } = 0.7;

    /// <summary>Smallest posterior for a household to be shown as a candidate.</summary>
    public double CandidateFloor { get; init; } = 0.05;

    /// <summary>More plausible households than this: unresolved (too many to ask staff about).</summary>
    public int MaxCandidates { get; init; } = 5;

    /// <summary>The shown candidates must together hold at least this probability.</summary>
    public double CandidateMass { get; init; } = 0.5;

    public static ResolutionOptions Default { get; } = new();

    /// <summary>The first problem of these values in one Korean line, or null.</summary>
    public string? Validate() =>
        LinkThreshold is <= 0 or > 1 || double.IsNaN(LinkThreshold) ? "LinkThreshold는 0보다 크고 1 이하여야 합니다."
        : CandidateFloor < 0 || CandidateFloor >= LinkThreshold || double.IsNaN(CandidateFloor) ? "CandidateFloor는 0 이상이고 LinkThreshold보다 작아야 합니다."
        : MaxCandidates < 1 ? "MaxCandidates는 1 이상이어야 합니다."
        : CandidateMass is <= 0 or > 1 || double.IsNaN(CandidateMass) ? "CandidateMass는 0보다 크고 1 이하여야 합니다."
        : null;
}
