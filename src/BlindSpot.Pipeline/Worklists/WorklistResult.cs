using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>Per-dong figures of a built worklist (no personal data).</summary>
public sealed record DongWorklistSummary(string Dong, int Capacity, int Listed, int Urgent, int OverCapacity, int Exploration, string File)
{
    /// <summary>How many households each exclusion kept off this dong's list (counts only).</summary>
    public IReadOnlyDictionary<Exclusion, int> Excluded { get; init; } = new Dictionary<Exclusion, int>();

    // Value equality over the counts too (a record compares a dictionary by reference): the same day built twice is equal.
    public bool Equals(DongWorklistSummary? other) =>
        other is not null && (Dong, Capacity, Listed, Urgent, OverCapacity, Exploration, File)
            == (other.Dong, other.Capacity, other.Listed, other.Urgent, other.OverCapacity, other.Exploration, other.File)
        && Excluded.Count == other.Excluded.Count && Excluded.All(e => other.Excluded.GetValueOrDefault(e.Key) == e.Value);

    public override int GetHashCode() => HashCode.Combine(Dong, Capacity, Listed, Urgent, OverCapacity, Exploration, File);
}

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

    /// <summary>How many households each exclusion kept off the day's lists, over every dong, in the enum's order.</summary>
    public IReadOnlyList<KeyValuePair<Exclusion, int>> Excluded =>
        [.. Enum.GetValues<Exclusion>().Select(e => KeyValuePair.Create(e, Dongs.Sum(d => d.Excluded.GetValueOrDefault(e))))];

    /// <summary>"전출 12, 사례관리 40, ..." for the console of the CLI (docs/adr/0011-cli-output-language.md).</summary>
    public string ExcludedText => TextOf(Excluded);

    /// <summary>The console's text of these counts, in their order: "전출 12, 사례관리 중 40, ...".</summary>
    public static string TextOf(IEnumerable<KeyValuePair<Exclusion, int>> excluded) =>
        string.Join(", ", excluded.Select(e => $"{Exclusions.KoreanName(e.Key)} {e.Value}"));

    /// <summary>Tips written to the dongs' tips-to-resolve files (not linked to a household; recent or urgent).</summary>
    public int TipsToResolve { get; init; }

    public static WorklistResult Failed(DateOnly date, DateOnly asOf, string error) =>
        new(date, asOf, false, ScoringMode.Rules, RiskGrades.RulesVersion, null, [], error);
}
