namespace BlindSpot.Model.Evaluation;

/// <summary>One reliability bin: predicted probabilities in [From, To) against the observed rate of 발굴.</summary>
public sealed record ReliabilityBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);

/// <summary>
/// The metrics of one scorer (the model, a baseline, the champion) on the test rows.
/// Precision@k / recall@k (the k test rows ranked highest over the whole test window) and their per-day variant:
/// see <see cref="Evaluator"/> for exactly how they are computed.
/// </summary>
public sealed record ScorerMetrics(
    string Scorer,
    int Rows,
    int Positives,
    double Auc,
    double Auprc,
    int K,
    int Selected,
    int Hits,
    double PrecisionAtK,
    double RecallAtK,
    double Brier,
    IReadOnlyList<ReliabilityBin> Reliability,
    int DailySelected,
    int DailyHits,
    double DailyPrecisionAtK,
    double DailyRecallAtK);
