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

/// <summary>Thresholds of the three outcomes; the defaults were chosen on a labelled set (docs/ingest.md).</summary>
/// <param name="LinkThreshold">Smallest posterior that links: chosen for at least 99.5% precision.</param>
/// <param name="CandidateFloor">Smallest posterior for a household to be shown as a candidate.</param>
/// <param name="MaxCandidates">More plausible households than this: unresolved (too many to ask staff about).</param>
/// <param name="CandidateMass">The shown candidates must together hold at least this probability.</param>
public sealed record ResolutionOptions(double LinkThreshold = 0.7, double CandidateFloor = 0.05, int MaxCandidates = 5, double CandidateMass = 0.5)
{
    public static ResolutionOptions Default { get; } = new();
}
