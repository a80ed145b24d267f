using BlindSpot.Model.Registry;

namespace BlindSpot.Model.Tests.Registry;

public sealed class PromotionPolicyTests
{
    static ScorerMetrics M(string name, double p) => new(name, 100, 20, 0.7, 0.4, 10, 50, (int)(p * 50), p, 0.5, 0.1, [], 100, 20, 0.2, 1);

    static EvaluationReport Report(double model, double rules = 0.3, double tips = 0.35, int flagged = 0) =>
        new(new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, 1, 1), new TimeSlice(default, default, 1, 1), 10, 5,
            M("model", model), M("rules", rules), M("tips-only", tips),
            new FairnessReport(Enumerable.Range(0, flagged).Select(i => new GroupFairness("dong", $"g{i}", 50, 10, 5, 0.1, null, null, null, null, null, null, null, false, false, true, ["fpr"])).ToList()));

    [Fact]
    public void NeverPromotesAModelThatDoesNotBeatBothBaselines()
    {
        Assert.False(PromotionPolicy.Decide(Report(0.34), null).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.35), null).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.34), new ChampionComparison("m-old", M("c", 0.1), 0, null)).Promote);
    }

    [Fact]
    public void PromotesTheFirstModelThatBeatsBothBaselines() =>
        Assert.True(PromotionPolicy.Decide(Report(0.4), null).Promote);

    [Fact]
    public void PromotesAChallengerOnlyWhenItBeatsTheChampionWithoutNewDisparities()
    {
        Assert.True(PromotionPolicy.Decide(Report(0.5, flagged: 1), new ChampionComparison("m-old", M("c", 0.45), 1, null)).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.45), new ChampionComparison("m-old", M("c", 0.45), 0, null)).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5, flagged: 2), new ChampionComparison("m-old", M("c", 0.45), 1, null)).Promote);
        Assert.False(PromotionPolicy.Decide(Report(0.5), new ChampionComparison("m-old", null, null, "feature schema fs-0")).Promote);
    }
}
