using BlindSpot.Model.Features;
using BlindSpot.Model.Training;
using Microsoft.ML;

namespace BlindSpot.Model.Evaluation;

/// <summary>
/// The two baselines every model is compared with, on the same test rows:
/// <b>rules</b> = the rules score (<see cref="Core.Contract.RulesScore"/>: distinct crisis indicators in the last 3 known months, like the
/// national system's lists; the same number the worklists' rules fallback ranks by),
/// <b>tips-only</b> = tip recency, 1 / (1 + days since the last tip), 0 without a tip in the last 365 days.
/// Their scores are turned into probabilities (for Brier and reliability only) by a Platt calibrator fitted on the
/// same calibration slice as the model's.
/// </summary>
public static class Baselines
{
    public const string Rules = "rules";
    public const string TipsOnly = "tips-only";

    static readonly int RulesSlot = FeatureSchema.IndexOf(Core.Contract.RulesScore.FeatureName);
    static readonly int TipSlot = FeatureSchema.IndexOf("days_since_last_tip");

    public static double RulesScore(HouseholdFeatures f) => f.Values[RulesSlot];

    public static double TipsScore(HouseholdFeatures f) =>
        f.Values[TipSlot] >= FeatureSchema.Never ? 0 : 1.0 / (1.0 + f.Values[TipSlot]);

    public static ScorerMetrics Evaluate(string name, Func<HouseholdFeatures, double> score, IReadOnlyList<LabeledExample> calibration,
        IReadOnlyList<LabeledExample> test, int k, int seed)
    {
        var testScores = test.Select(e => score(e.Features)).ToArray();
        var probabilities = PlattCalibrate(calibration.Select(e => score(e.Features)).ToArray(),
            calibration.Select(e => e.Label).ToArray(), testScores, seed);
        return Evaluator.Evaluate(name, test, testScores, probabilities, k);
    }

    sealed class ScoreRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
    }

    sealed class ProbabilityRow
    {
        public float Probability { get; set; }
    }

    /// <summary>ML.NET's Platt calibrator fitted on (score, label) pairs, applied to other scores.</summary>
    internal static double[] PlattCalibrate(double[] fitScores, bool[] fitLabels, double[] applyScores, int seed)
    {
        var ml = new MLContext(seed);
        var fit = ml.Data.LoadFromEnumerable(fitScores.Select((s, i) => new ScoreRow { Score = (float)s, Label = fitLabels[i] }).ToArray());
        var calibrator = ml.BinaryClassification.Calibrators.Platt("Label", "Score").Fit(fit);
        var apply = calibrator.Transform(ml.Data.LoadFromEnumerable(applyScores.Select(s => new ScoreRow { Score = (float)s }).ToArray()));
        return ml.Data.CreateEnumerable<ProbabilityRow>(apply, reuseRowObject: false).Select(r => (double)r.Probability).ToArray();
    }
}
