namespace BlindSpot.Core.Scoring;

/// <summary>
/// Scoring with the champion as of a day, stored as the day's scores (BlindSpot.Model's ScoreService). The port the
/// main job scores through, so that the use cases' project does not depend on ML.NET (docs/adr/0018-pipeline-ports.md).
/// </summary>
public interface IModelScoring
{
    /// <summary>Scores the households a worklist can rank as of <paramref name="asOf"/> and stores them; says why not when no champion can score.</summary>
    Task<ScoreReport> ScoreAsync(DateOnly asOf, CancellationToken ct);
}
