namespace BlindSpot.Model.Tests.Training;

/// <summary>TrainOptions.Learner: the logistic regression is a real alternative, and auto picks one of the two on held-out rows.</summary>
public sealed class LearnerTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    TrainedModel Train(string learner) =>
        ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, new TrainOptions(NumberOfTrees: 100, Learner: learner)).Trained!;

    [Fact]
    public void TheDefaultIsTheBoostedTrees()
    {
        Assert.Equal(Learners.FastTree, new TrainOptions().Learner);
        Assert.Equal(Learners.FastTree, fixture.Trained.Model.Learner);
    }

    [Fact]
    public void LogisticRegressionLearnsThePlantedSignalSavesAndExplains()
    {
        var trained = Train(Learners.Logistic);
        Assert.Equal(Learners.Logistic, trained.Model.Learner);
        Assert.True(trained.Report.Model.Auc > trained.Report.Rules.Auc, $"AUC {trained.Report.Model.Auc} rules {trained.Report.Rules.Auc}");

        var rows = trained.TestRows.Select(e => e.Features).Take(50).ToList();
        var p = trained.Model.Probabilities(rows);
        Assert.All(p, x => Assert.InRange(x, 0.0, 1.0));
        Assert.True(p.Distinct().Count() > 10, "the probabilities must depend on the household");
        // Saved and loaded, it scores the same; reasons are Korean phrases, never slot names.
        var loaded = RiskModel.Load(trained.Model.ToBytes());
        Assert.Equal(p, loaded.Probabilities(rows));
        var reasons = loaded.Score(rows).SelectMany(s => s.Reasons).ToList();
        Assert.NotEmpty(reasons);
        Assert.DoesNotContain(reasons, r => FeatureSchema.Numeric.Any(f => r.Contains(f.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public void AutoKeepsTheLearnerWithTheHigherAucOnTheCalibrationWindow()
    {
        var auto = Train(Learners.Auto);
        var trees = Train(Learners.FastTree);
        var linear = Train(Learners.Logistic);
        Assert.Contains(auto.Model.Learner, new[] { Learners.FastTree, Learners.Logistic });
        // The chosen one is exactly the model trained with that learner forced (same rows, same seed).
        var same = auto.Model.Learner == Learners.FastTree ? trees : linear;
        var rows = auto.TestRows.Select(e => e.Features).ToList();
        Assert.Equal(same.Model.Probabilities(rows), auto.Model.Probabilities(rows));
    }
}
