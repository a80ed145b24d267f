namespace BlindSpot.Core.Scoring;

/// <summary>What `score` did. <see cref="Failure"/> is set (and nothing stored) when there is no usable champion.</summary>
public sealed record ScoreReport(DateOnly AsOf, string? ModelVersion, int Scored, double FeatureSeconds, double ScoringSeconds, string? Failure)
{
    public bool Succeeded => Failure is null;

    /// <summary>The features were those computed while the first model was fitted (IModelScoring.PrepareAhead).</summary>
    public bool FeaturesPreparedAhead { get; init; }
}
