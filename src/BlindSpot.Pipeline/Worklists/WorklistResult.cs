using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>Per-dong figures of a built worklist (no personal data).</summary>
public sealed record DongWorklistSummary(string Dong, int Capacity, int Listed, int Urgent, int OverCapacity, int Exploration, string File);

/// <summary>
/// What <see cref="WorklistService.BuildAsync(DateOnly, DateOnly?, string, CancellationToken)"/> did. Expected
/// failures are values: <see cref="Error"/> is set and nothing was written.
/// </summary>
/// <param name="ScoresAsOf">The day of the scores used; null in rules mode.</param>
public sealed record WorklistResult(
    DateOnly Date,
    DateOnly AsOf,
    bool IsBusinessDay,
    ScoringMode Mode,
    string ModelVersion,
    DateOnly? ScoresAsOf,
    IReadOnlyList<DongWorklistSummary> Dongs,
    string? Error)
{
    public bool Succeeded => Error is null;
    public int Listed => Dongs.Sum(d => d.Listed);

    public static WorklistResult Failed(DateOnly date, DateOnly asOf, string error) =>
        new(date, asOf, false, ScoringMode.Rules, RiskGrades.RulesVersion, null, [], error);
}
