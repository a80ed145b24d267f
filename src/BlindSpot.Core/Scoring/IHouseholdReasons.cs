namespace BlindSpot.Core.Scoring;

/// <summary>
/// The model's reasons (and, for a household without a stored score, its probability) of the few households a list
/// names (BlindSpot.Model's ReasonService, docs/adr/0006-daily-run-in-proportion.md). The port the worklists use.
/// </summary>
public interface IHouseholdReasons
{
    /// <summary>
    /// The scores scoring every household would have stored for <paramref name="householdIds"/> as of
    /// <paramref name="asOf"/> by <paramref name="modelVersion"/> (with their reasons when <paramref name="withReasons"/>);
    /// empty when that model cannot be used.
    /// </summary>
    Task<IReadOnlyList<HouseholdScore>> ScoreAsync(DateOnly asOf, string modelVersion, IReadOnlySet<string> householdIds, bool withReasons, CancellationToken ct);

    /// <summary>
    /// Completes a day's <paramref name="scores"/> for the households a list names, in one synchronous call (what the
    /// worklist policy asks once its selection is made): reasons for the scored, score and reasons for the others.
    /// </summary>
    Task<Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, HouseholdScore>>> CompleterAsync(
        DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct);
}
