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
    FairnessReport Fairness)
{
    /// <summary>The promotion floor: strictly better precision@k than both baselines on the same test rows.</summary>
    public bool BeatsBaselines => Model.PrecisionAtK > Rules.PrecisionAtK && Model.PrecisionAtK > TipsOnly.PrecisionAtK;
}
