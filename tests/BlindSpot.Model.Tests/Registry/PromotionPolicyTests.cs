using BlindSpot.Model.Registry;

namespace BlindSpot.Model.Tests.Registry;

public sealed class PromotionPolicyTests
{
    static ScorerMetrics M(string name, double p) => new(name, 100, 20, 0.7, 0.4, 10, 50, (int)(p * 50), p, 0.5, 0.1, [], 100, 20, 0.2, 1);

    static EvaluationReport Report(double model, double rules = 0.3, double tips = 0.35, int flagged = 0) =>
        new(new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, 1, 1), 10, 5,
            M("model", model), M("rules", rules), M("tips-only", tips),
            new FairnessReport(Enumerable.Range(0, flagged).Select(i => new GroupFairness("dong", $"g{i}", 50, 10, 5, 0.1, null, null, null, null, null, null, null, false, false, true, ["fpr"])).ToList()));

    static BootstrapGain Gain(double p, double pLow, double pHigh, double auc = 0, double aucLow = -0.01, double aucHigh = 0.01) =>
        new(1000, new Interval(p, pLow, pHigh), new Interval(auc, aucLow, aucHigh));

    static ChampionComparison Champion(double p, int flagged = 0, BootstrapGain? gain = null) =>
        new("m-old", M("c", p), flagged, null, gain ?? Gain(0.05, 0.01, 0.09));

    [Fact]
    public void NeverPromotesAModelThatDoesNotBeatBothBaselines()
    {
        Assert.False(PromotionPolicy.Decide(Report(0.34), null).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.35), null).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.34), Champion(0.1)).Promote);
    }

    [Fact]
    public void PromotesTheFirstModelThatBeatsBothBaselines() =>
        Assert.True(PromotionPolicy.Decide(Report(0.4), null).Promote);

    [Fact]
    public void PromotesAChallengerOnlyWhenItsGainIsBeyondTheNoiseWithoutNewDisparities()
    {
        Assert.True(PromotionPolicy.Decide(Report(0.5, flagged: 1), Champion(0.45, 1, Gain(0.05, 0.01, 0.09))).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5, flagged: 2), Champion(0.45, 1, Gain(0.05, 0.01, 0.09))).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5), new ChampionComparison("m-old", null, null, "feature schema fs-0")).Promote);
        // AUC beyond the noise while precision@k is not lower also promotes; AUC alone with a lower precision@k does not.
        Assert.True(PromotionPolicy.Decide(Report(0.5), Champion(0.5, gain: Gain(0, -0.05, 0.05, 0.04, 0.01, 0.07))).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5), Champion(0.52, gain: Gain(-0.02, -0.07, 0.03, 0.04, 0.01, 0.07))).Promote);
    }

    [Fact]
    public void RefusesPromotionWhenTheGainIsInsideTheNoise()
    {
        var decision = PromotionPolicy.Decide(Report(0.5), Champion(0.48, gain: Gain(0.02, -0.04, 0.08)));
        Assert.False(decision.Promote);
        Assert.Contains("inside the noise", decision.Reason);
        Assert.Contains("precision@k gain +2.0 points, 95% interval -4.0..+8.0", decision.Reason);
    }

    [Fact]
    public void ARefreshOfTheChampionsRecipePassesTheAbsoluteGatesOnly()
    {
        // The refitted champion learned from this test window: it cannot be scored on it. Same recipe, newer visits.
        static ChampionComparison Refresh(int cardFlagged) =>
            new("m-old", null, cardFlagged, "the champion was fitted on visits up to 2026-10-30, inside this test window", SameRecipe: true);

        var promoted = PromotionPolicy.Decide(Report(0.5, flagged: 1), Refresh(1));
        Assert.True(promoted.Promote);
        Assert.Contains("refresh of champion m-old", promoted.Reason);
        // Still never without beating both baselines, nor with more flagged fairness groups than the champion's card.
        Assert.False(PromotionPolicy.Decide(Report(0.34), Refresh(0)).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5, flagged: 2), Refresh(1)).Promote);
        // Another recipe that cannot be compared is left to an analyst, as before.
        Assert.False(PromotionPolicy.Decide(Report(0.5), new ChampionComparison("m-old", null, null, "fitted inside this test window")).Promote);
    }
}
