namespace BlindSpot.Core.Scoring;

/// <summary>
/// Scoring with the champion as of a day, stored as the day's scores (BlindSpot.Model's ScoreService). The port the
/// main job scores through, so that the use cases' project does not depend on ML.NET (docs/adr/0018-pipeline-ports.md).
/// </summary>
public interface IModelScoring
{
    /// <summary>Scores the households a worklist can rank as of <paramref name="asOf"/> and stores them; says why not when no champion can score.</summary>
    Task<ScoreReport> ScoreAsync(DateOnly asOf, CancellationToken ct);

    /// <summary>
    /// Loads the champion that <see cref="ScoreAsync"/> would load (the main job starts it beside the ingest, which does
    /// not touch the models): the same model either way, loaded once. Never faults but when <c>ct</c> is cancelled: a
    /// champion that cannot be loaded is reported by <see cref="ScoreAsync"/>. Does nothing by default.
    /// </summary>
    Task LoadChampionAheadAsync(CancellationToken ct) => Task.CompletedTask;
}
