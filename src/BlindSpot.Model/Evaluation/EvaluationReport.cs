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
    SampledNegativeEvaluation? WithSampledNegatives = null,
    BootstrapMetrics? ModelIntervals = null,
    ExplorationCalibration? Exploration = null)
{
    /// <summary>The promotion floor: strictly better precision@k than both baselines on the same test rows.</summary>
    public bool BeatsBaselines => Model.PrecisionAtK > Rules.PrecisionAtK && Model.PrecisionAtK > TipsOnly.PrecisionAtK;
}

/// <summary>
/// Calibration where selection cannot bias it: the 탐색 visits of the test window (households drawn at random from the
/// eligible ones, never trained or calibrated on). Few rows (the exploration share is ~5% of visits), so read the counts.
/// </summary>
/// <param name="MeanPredicted">Mean calibrated probability over the exploration visits.</param>
/// <param name="ObservedRate">Their 발굴 rate.</param>
public sealed record ExplorationCalibration(int Rows, int Positives, double MeanPredicted, double ObservedRate, double Brier,
    IReadOnlyList<ReliabilityBin> Reliability)
{
    public static ExplorationCalibration? Of(IReadOnlyList<Training.LabeledExample> test, IReadOnlyList<double> p)
    {
        var idx = Enumerable.Range(0, test.Count).Where(i => test[i].Explored).ToArray();
        if (idx.Length == 0) return null;
        var probs = idx.Select(i => p[i]).ToArray();
        var labels = idx.Select(i => test[i].Label).ToArray();
        return new ExplorationCalibration(idx.Length, labels.Count(l => l), probs.Average(), labels.Average(l => l ? 1.0 : 0.0),
            idx.Average(i => Math.Pow(p[i] - (test[i].Label ? 1 : 0), 2)), Evaluator.Reliability(probs, labels));
    }
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
