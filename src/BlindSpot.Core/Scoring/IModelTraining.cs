namespace BlindSpot.Core.Scoring;

/// <summary>
/// Training a challenger as of a day with the configured settings, promoted when the promotion policy allows
/// (BlindSpot.Model's TrainService). The port the main job trains its first model through.
/// </summary>
public interface IModelTraining
{
    Task<TrainingSummary> TrainAsync(DateOnly asOf, CancellationToken ct);
}

/// <summary>What a training did, as the main job reports it (the full card stays in the registry).</summary>
/// <param name="Failure">Why no model was trained; null when one was.</param>
/// <param name="AlreadyExisted">The same data and options had produced this version before: nothing was saved again.</param>
/// <param name="Figures">The card's headline figures on its test window (null when none was trained).</param>
/// <param name="Warnings">The card's warnings, in its words (a calibrator that fell back, a model that does not beat the baselines).</param>
public sealed record TrainingSummary(
    DateOnly AsOf, string? Failure, string? Version, bool Promoted, bool AlreadyExisted, TrainingFigures? Figures, IReadOnlyList<string> Warnings);

/// <summary>A card's test-window figures: the model's AUC and precision@k beside both baselines' precision@k.</summary>
public sealed record TrainingFigures(int K, double Auc, double PrecisionAtK, double RulesPrecisionAtK, double TipsPrecisionAtK);
