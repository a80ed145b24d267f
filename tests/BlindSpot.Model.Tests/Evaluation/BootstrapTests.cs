using BlindSpot.Model.Registry;

namespace BlindSpot.Model.Tests.Evaluation;

public sealed class BootstrapTests
{
    static LabeledExample Row(int i, bool label) =>
        new(new HouseholdFeatures($"H{i:0000}", "도림동", new DateOnly(2026, 1, 1), Sex.M, 60, 1, false, 0, new float[FeatureSchema.Count], ""),
            new DateOnly(2026, 1, 2 + i % 20), label);

    /// <summary>600 test rows, 1 in 4 in crisis; the "champion" ranks with a noisy score that carries some signal.</summary>
    static (LabeledExample[] Rows, double[] Champion) District()
    {
        var rng = new Random(7);
        var rows = Enumerable.Range(0, 600).Select(i => Row(i, rng.NextDouble() < 0.25)).ToArray();
        var champion = rows.Select(r => (r.Label ? 0.1 : 0) + rng.NextDouble()).ToArray();
        return (rows, champion);
    }

    static EvaluationReport Report(IReadOnlyList<LabeledExample> rows, double[] p, int k) =>
        new(new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, rows.Count, 1), k, 20,
            Evaluator.Evaluate("model", rows, p, p, k), Evaluator.Evaluate("rules", rows, new double[rows.Count], new double[rows.Count], k),
            Evaluator.Evaluate("tips", rows, new double[rows.Count], new double[rows.Count], k), new FairnessReport([]));

    [Fact]
    public void IntervalsHoldThePointEstimateAndRepeatForTheSameSeed()
    {
        var (rows, scores) = District();
        var a = Bootstrap.Of(rows, scores, k: 40, seed: 42);
        var m = Evaluator.Evaluate("x", rows, scores, scores, 40);

        Assert.Equal(m.PrecisionAtK, a.PrecisionAtK.Point, 12);
        Assert.Equal(m.Auc, a.Auc.Point, 12);
        Assert.InRange(a.PrecisionAtK.Point, a.PrecisionAtK.Low, a.PrecisionAtK.High);
        Assert.InRange(a.Auc.Point, a.Auc.Low, a.Auc.High);
        Assert.True(a.PrecisionAtK.High - a.PrecisionAtK.Low > 0.1); // 40 selected rows: wide
        Assert.Equal(a, Bootstrap.Of(rows, scores, k: 40, seed: 42));
    }

    [Fact]
    public void AOneHouseholdDifferenceInTheTopKIsInsideTheNoiseAndIsNotPromoted()
    {
        var (rows, champion) = District();
        // The challenger swaps one non-crisis row of the champion's top 40 for the best-ranked crisis row below it.
        var order = Enumerable.Range(0, rows.Length).OrderByDescending(i => champion[i]).ThenBy(i => Evaluator.TieBreak(rows[i])).ToArray();
        var dropped = order.Take(40).First(i => !rows[i].Label);
        var raised = order.Skip(40).First(i => rows[i].Label);
        var challenger = (double[])champion.Clone();
        (challenger[dropped], challenger[raised]) = (challenger[raised], challenger[dropped]);
        Assert.Equal(1, Evaluator.Evaluate("c", rows, challenger, challenger, 40).Hits - Evaluator.Evaluate("b", rows, champion, champion, 40).Hits);

        var gain = Bootstrap.Gain(rows, challenger, champion, 40, seed: 42);
        var decision = PromotionPolicy.Decide(Report(rows, challenger, 40),
            new ChampionComparison("m-old", Evaluator.Evaluate("champion", rows, champion, champion, 40), 0, null, gain));

        Assert.True(gain.PrecisionAtK.Point > 0);
        Assert.False(gain.PrecisionAtK.AboveZero);
        Assert.False(decision.Promote);
        Assert.Contains("inside the noise", decision.Reason);
    }

    [Fact]
    public void AClearlyBetterChallengerIsPromoted()
    {
        var (rows, champion) = District();
        var rng = new Random(3);
        var challenger = rows.Select(r => (r.Label ? 1.5 : 0) + rng.NextDouble()).ToArray();

        var gain = Bootstrap.Gain(rows, challenger, champion, 40, seed: 42);
        var decision = PromotionPolicy.Decide(Report(rows, challenger, 40),
            new ChampionComparison("m-old", Evaluator.Evaluate("champion", rows, champion, champion, 40), 0, null, gain));

        Assert.True(gain.PrecisionAtK.AboveZero);
        Assert.True(gain.Auc.AboveZero);
        Assert.True(decision.Promote, decision.Reason);
    }
}
