namespace BlindSpot.Model.Tests.Training;

/// <summary>TrainOptions.Learner: the logistic regression is a real alternative, and auto picks one of the two on held-out rows.</summary>
public sealed class LearnerTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    TrainedModel Train(string learner) =>
        ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, new TrainOptions(NumberOfTrees: 100, Learner: learner)).Trained!;

    [Fact]
    public void TheDefaultIsTheBoostedTreesOfLightGbm()
    {
        Assert.Equal(Learners.LightGbm, new TrainOptions().Learner);
        Assert.Equal(Learners.LightGbm, fixture.Trained.Model.Learner);
    }

    [Fact]
    public void FastTreeStillLearnsThePlantedSignalSavesExplainsAndScoresWithoutMlNet()
    {
        var o = new TrainOptions(NumberOfTrees: 100, Learner: Learners.FastTree);
        var trained = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, o).Trained!;
        Assert.Equal(Learners.FastTree, trained.Model.Learner);
        Assert.True(trained.Report.Model.Auc > trained.Report.Rules.Auc, $"AUC {trained.Report.Model.Auc} rules {trained.Report.Rules.Auc}");
        var rows = fixture.Builder.BuildAll(Some.AsOf);
        var loaded = RiskModel.Load(trained.Model.ToBytes(), o);
        Assert.True(loaded.HasTreeScorer);
        Assert.Equal(loaded.ProbabilitiesThroughMlNet(rows), loaded.Probabilities(rows));
        Assert.Equal(trained.Model.Probabilities(rows), loaded.Probabilities(rows));
        Assert.NotEmpty(loaded.Score(rows).SelectMany(s => s.Reasons));
        // Another learner on the same rows: FastTree's trees are not LightGBM's.
        Assert.NotEqual(fixture.Trained.Model.Probabilities(rows), trained.Model.Probabilities(rows));
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
        var trees = Train(Learners.LightGbm);
        var linear = Train(Learners.Logistic);
        Assert.Contains(auto.Model.Learner, new[] { Learners.LightGbm, Learners.Logistic });
        // The chosen one is exactly the model trained with that learner forced (same rows, same seed).
        var same = auto.Model.Learner == Learners.LightGbm ? trees : linear;
        var rows = auto.TestRows.Select(e => e.Features).ToList();
        Assert.Equal(same.Model.Probabilities(rows), auto.Model.Probabilities(rows));
    }

    [Fact]
    public void GamLearnsThePlantedSignalSavesAndExplains()
    {
        var trained = Train(Learners.Gam);
        Assert.Equal(Learners.Gam, trained.Model.Learner);
        Assert.True(trained.Report.Model.Auc > trained.Report.Rules.Auc, $"AUC {trained.Report.Model.Auc} rules {trained.Report.Rules.Auc}");
        var rows = trained.TestRows.Select(e => e.Features).Take(50).ToList();
        var loaded = RiskModel.Load(trained.Model.ToBytes());
        Assert.Equal(trained.Model.Probabilities(rows), loaded.Probabilities(rows));
        Assert.NotEmpty(loaded.Score(rows).SelectMany(s => s.Reasons));
    }

    [Fact]
    public void ACalibrationWindowThatRanksBackwardsNeverInvertsTheModel()
    {
        // The visits of the calibration window get the opposite labels: a fitted Platt would take a negative slope and
        // turn every list upside down (the 12,000-household sample's first model at 6 negatives: test AUC 0.277).
        var o = new TrainOptions(NumberOfTrees: 100);
        var testFrom = Some.AsOf.AddDays(-(o.TestDays - 1));
        var calFrom = testFrom.AddDays(-o.CalibrationDays);
        var flipped = fixture.Examples
            .Select(e => !e.Sampled && e.VisitedOn >= calFrom && e.VisitedOn < testFrom ? e with { Label = !e.Label } : e).ToList();

        var trained = ModelTrainer.TrainAndEvaluate(flipped, Some.AsOf, fixture.K, o).Trained!;

        Assert.NotNull(trained.Model.CalibrationProblem);
        Assert.Contains("rank backwards", trained.Model.CalibrationProblem);
        Assert.Null(fixture.Trained.Model.CalibrationProblem);
        // The test window is untouched, so the model still ranks it the right way round.
        Assert.True(trained.Report.Model.Auc > 0.6, $"test AUC {trained.Report.Model.Auc}");
    }

    [Fact]
    public void RefitLearnsFromEveryRowUpToTheAsOfDateAndKeepsTheHeldOutFigures()
    {
        var o = new TrainOptions(NumberOfTrees: 100, RefitOnAllRows: true);
        Assert.True(new TrainOptions().RefitOnAllRows); // the default
        var refit = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, o).Trained!;
        var heldOut = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, o with { RefitOnAllRows = false }).Trained!;

        Assert.True(refit.Refitted);
        Assert.False(heldOut.Refitted);
        // The card's figures are the held-out model's: the same as without the refit.
        Assert.Equal(heldOut.Report.Model.Auc, refit.Report.Model.Auc);
        Assert.Equal(heldOut.Report.Model.PrecisionAtK, refit.Report.Model.PrecisionAtK);
        var rows = refit.TestRows.Select(e => e.Features).ToList();
        Assert.Equal(heldOut.Model.Probabilities(rows), refit.HeldOut.Probabilities(rows));
        // The deployed model learned from the calibration and test windows too: it scores differently, and it is saved.
        var deployed = refit.Model.Probabilities(rows);
        Assert.NotEqual(heldOut.Model.Probabilities(rows), deployed);
        Assert.Equal(deployed, RiskModel.Load(refit.Model.ToBytes()).Probabilities(rows));

        // Records after the as-of date change nothing (no look-ahead through the refit).
        var later = fixture.Examples.Where(e => e.VisitedOn > Some.AsOf.AddDays(-60))
            .Select(e => e with { VisitedOn = e.VisitedOn.AddDays(90), Label = !e.Label }).ToList();
        var withLater = ModelTrainer.TrainAndEvaluate([.. fixture.Examples, .. later], Some.AsOf, fixture.K, o).Trained!;
        Assert.Equal(deployed, withLater.Model.Probabilities(rows));
    }
}
