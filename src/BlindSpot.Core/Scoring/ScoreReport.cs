namespace BlindSpot.Core.Scoring;

/// <summary>What `score` did. <see cref="Failure"/> is set (and nothing stored) when there is no usable champion.</summary>
public sealed record ScoreReport(DateOnly AsOf, string? ModelVersion, int Scored, double FeatureSeconds, double ScoringSeconds, string? Failure)
{
    public bool Succeeded => Failure is null;
}
