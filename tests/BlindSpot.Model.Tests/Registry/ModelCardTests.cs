using System.Text.Json.Nodes;
using BlindSpot.Model.Registry;

namespace BlindSpot.Model.Tests.Registry;

public sealed class ModelCardTests(Training.TrainedFixture fixture) : IClassFixture<Training.TrainedFixture>
{
    ModelCard Card(TrainOptions o, SampledNegativeEvaluation? second = null)
    {
        var r = fixture.Trained.Report;
        return new ModelCard("m-test", FeatureSchema.Version, Some.AsOf, new DateTime(2026, 7, 1), 1.0, "test", o, "fp",
            r.Train, r.Calibration, r.Test, r.K, r.TestDays, ["age"], r.Model, r.Rules, r.TipsOnly, null, r.Fairness,
            r.BeatsBaselines, new PromotionDecision(false, "test"), [], second);
    }

    [Fact]
    public void RoundTripsTheSampledNegativeSettingsAndTheSecondEvaluation()
    {
        var r = fixture.Trained.Report;
        var second = new SampledNegativeEvaluation(10, 20, r.Test.Rows + 20, r.Test.Positives, r.Model, r.Rules, r.TipsOnly);
        var card = Card(new TrainOptions(SampledNegativesPerVisit: 2, SampledNegativeWeight: 0.5), second);
        var back = ModelCard.FromJson(card.ToJson())!;
        Assert.Equal(card.Options, back.Options);
        Assert.Equal(20, back.TestWithSampledNegatives!.SampledTestRows);
        Assert.Contains("20 sampled unvisited households", ModelCardMarkdown.Render(back, BlindSpot.Core.Scoring.ModelStatus.Challenger));
    }

    [Fact]
    public void ReadsACardWrittenBeforeSampledNegativesAsVisitsOnly()
    {
        var json = JsonNode.Parse(Card(new TrainOptions()).ToJson())!.AsObject();
        var options = json["options"]!.AsObject();
        foreach (var name in new[] { "sampled_negatives_per_visit", "sampled_negative_weight", "sampled_negative_horizon_days", "sampled_negative_pool" })
            Assert.True(options.Remove(name), name);
        json.Remove("test_with_sampled_negatives");
        var old = ModelCard.FromJson(json.ToJsonString())!;
        Assert.Equal(0, old.Options.SampledNegativesPerVisit);
        Assert.Null(old.TestWithSampledNegatives);
    }

    [Fact]
    public void ReadsACardWrittenBeforeTheRefitAsAHeldOutModel()
    {
        var json = JsonNode.Parse(Card(new TrainOptions()).ToJson())!.AsObject();
        Assert.True(ModelCard.FromJson(json.ToJsonString()).Options.RefitOnAllRows);
        Assert.True(json["options"]!.AsObject().Remove("refit_on_all_rows"));
        Assert.False(ModelCard.FromJson(json.ToJsonString()).Options.RefitOnAllRows);
    }

    [Fact]
    public void ACardThatIsNotValidJsonIsAnErrorNeverANullInSilence()
    {
        var broken = Card(new TrainOptions()).ToJson()[..200]; // cut mid-way, as a torn write would leave it
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ModelCard.FromJson(broken));

        Assert.Null(ModelCard.FromJson(broken, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
        Assert.NotNull(ModelCard.FromJson(Card(new TrainOptions()).ToJson(), out var none));
        Assert.Null(none);
    }
}
