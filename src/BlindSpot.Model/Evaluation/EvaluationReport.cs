namespace BlindSpot.Model.Evaluation;

/// <summary>A slice of labeled visits by visit day (inclusive).</summary>
public sealed record TimeSlice(DateOnly From, DateOnly To, int Rows, int Positives);

/// <summary>
/// Temporal evaluation of one trained model: trained on <see cref="Train"/>, calibrated on <see cref="Calibration"/>
/// (the days right after), tested on <see cref="Test"/> (the days after that, up to the as-of date). Never shuffled.
/// </summary>
public sealed record EvaluationReport(
    TimeSlice Train,
    TimeSlice Calibration,
    TimeSlice Test,
    int K,
    int TestDays,
    ScorerMetrics Model,
    ScorerMetrics Rules,
    ScorerMetrics TipsOnly,
    FairnessReport Fairness,
    SampledNegativeEvaluation? WithSampledNegatives = null)
{
    /// <summary>The promotion floor: strictly better precision@k than both baselines on the same test rows.</summary>
    public bool BeatsBaselines => Model.PrecisionAtK > Rules.PrecisionAtK && Model.PrecisionAtK > TipsOnly.PrecisionAtK;
}

/// <summary>
/// The second evaluation when the model was trained with sampled negatives (<see cref="Training.NegativeSampler"/>):
/// the visited test rows PLUS the test window's sampled unvisited households (presumed 비해당; some are really in
/// crisis, so every scorer's precision here is a lower bound). Not comparable with the visited-only figures or with
/// cards of models trained without sampling; it shows how each scorer ranks the wider population.
/// </summary>
/// <param name="SampledTrainRows">Sampled negatives that joined the training slice.</param>
/// <param name="SampledTestRows">Sampled negatives added to the test rows for this evaluation.</param>
public sealed record SampledNegativeEvaluation(
    int SampledTrainRows,
    int SampledTestRows,
    int Rows,
    int Positives,
    ScorerMetrics Model,
    ScorerMetrics Rules,
    ScorerMetrics TipsOnly);
