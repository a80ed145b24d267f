using System.IO.Compression;
using System.Text;

namespace BlindSpot.Model.Tests.Training;

public sealed class RiskModelTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    [Fact]
    public void LearnsThePlantedSignalAndBeatsBothBaselines()
    {
        Assert.Null(fixture.Result.Failure);
        var r = fixture.Trained.Report;
        Assert.True(r.Model.Auc > 0.7, $"AUC {r.Model.Auc}");
        Assert.True(r.Model.Auc > r.Rules.Auc && r.Model.Auc > r.TipsOnly.Auc, $"{r.Model.Auc} {r.Rules.Auc} {r.TipsOnly.Auc}");
        Assert.True(r.BeatsBaselines, $"p@k model {r.Model.PrecisionAtK} rules {r.Rules.PrecisionAtK} tips {r.TipsOnly.PrecisionAtK}");
    }

    [Fact]
    public void SplitsByTimeWithoutOverlap()
    {
        var r = fixture.Trained.Report;
        Assert.True(r.Train.To < r.Calibration.From);
        Assert.True(r.Calibration.To < r.Test.From);
        Assert.True(r.Test.To <= Some.AsOf);
        Assert.Equal(fixture.Examples.Count, r.Train.Rows + r.Calibration.Rows + r.Test.Rows);
        Assert.All(fixture.Trained.TestRows, e => Assert.True(e.VisitedOn >= r.Test.From));
    }

    [Fact]
    public void CalibratedProbabilitiesMatchTheObservedRateOnTheTestWeeks()
    {
        var m = fixture.Trained.Report.Model;
        var meanPredicted = m.Reliability.Sum(b => b.MeanPredicted * b.Count) / m.Rows;
        var observed = (double)m.Positives / m.Rows;
        Assert.InRange(meanPredicted, observed - 0.08, observed + 0.08);
        var constantBrier = observed * (1 - observed);
        Assert.True(m.Brier < constantBrier, $"Brier {m.Brier} vs constant {constantBrier}");
    }

    [Fact]
    public void TrainingIsRepeatableWithTheSameSeed()
    {
        var again = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, new TrainOptions(NumberOfTrees: 100)).Trained!;
        var rows = fixture.Trained.TestRows.Select(e => e.Features).ToList();
        Assert.Equal(fixture.Trained.Model.Probabilities(rows), again.Model.Probabilities(rows));
        Assert.Equal(fixture.Trained.DataFingerprint, again.DataFingerprint);
    }

    [Fact]
    public void TheRefitFittedBesideTheHeldOutModelIsTheOneFittedAfterIt()
    {
        // ModelTrainer fits the deployed model's learner beside the held-out model; fitting it afterwards from the
        // held-out model, as before, gives the same model.
        Assert.True(fixture.Trained.Refitted);
        var o = new TrainOptions(NumberOfTrees: 100);
        var ordered = fixture.Examples.Where(e => e.VisitedOn <= Some.AsOf).OrderBy(e => e.VisitedOn).ThenBy(e => e.Sampled)
            .ThenBy(e => e.Features.HouseholdId, StringComparer.Ordinal).ToList();
        var afterwards = fixture.Trained.HeldOut.Refit(ordered, o);
        var rows = fixture.Builder.BuildAll(Some.AsOf);
        Assert.Equal(afterwards.ProbabilitiesThroughMlNet(rows), fixture.Trained.Model.ProbabilitiesThroughMlNet(rows));
        Assert.Equal(afterwards.Score(rows).Select(s => s.Reasons), fixture.Trained.Model.Score(rows).Select(s => s.Reasons));
        Assert.NotEqual(fixture.Trained.HeldOut.Probabilities(rows), fixture.Trained.Model.Probabilities(rows));
    }

    [Fact]
    public void SavedModelScoresLikeTheTrainedOne()
    {
        var rows = fixture.Trained.TestRows.Select(e => e.Features).ToList();
        var loaded = RiskModel.Load(fixture.Trained.Model.ToBytes());
        Assert.Equal(fixture.Trained.Model.Probabilities(rows), loaded.Probabilities(rows));
        Assert.Equal(rows.Count, loaded.Score(rows).Count());
    }

    [Fact]
    public void ModelFileHoldsNoNoteText()
    {
        // Every training note contains one of these fragments; none may appear in any entry of the zip, in any encoding.
        var bytes = fixture.Trained.Model.ToBytes();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var s = entry.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            var content = ms.ToArray();
            foreach (var fragment in new[] { "우편물", "악취", "인기척", "층간소음", "세입자" })
                foreach (var enc in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                    Assert.True(content.AsSpan().IndexOf(enc.GetBytes(fragment)) < 0, $"'{fragment}' found in {entry.FullName}");
        }
    }

    [Fact]
    public void ReasonsArePlainKoreanPhrasesNeverSlotNames()
    {
        var rows = fixture.Builder.BuildAll(Some.AsOf);
        var scored = fixture.Trained.Model.Score(rows).ToList();
        Assert.Equal(rows.Count, scored.Count);
        var slotNames = FeatureSchema.Numeric.Select(f => f.Name).ToHashSet();
        foreach (var s in scored)
        {
            Assert.InRange(s.Reasons.Count, 0, 3);
            Assert.InRange(s.Probability, 0, 1);
            foreach (var reason in s.Reasons)
            {
                Assert.DoesNotContain(reason, slotNames);
                Assert.DoesNotContain("_", reason);
                Assert.Contains(reason, r => r >= '가' && r <= '힣');
            }
        }
        // The riskiest households carry the planted signs as reasons.
        var top = scored.OrderByDescending(s => s.Probability).Take(50).SelectMany(s => s.Reasons).ToList();
        Assert.Contains(top, r => r.StartsWith("관리비 ", StringComparison.Ordinal) && r.EndsWith("개월 체납", StringComparison.Ordinal)
                                  || r.StartsWith("제보 이력", StringComparison.Ordinal) || r.StartsWith("1인 가구 ", StringComparison.Ordinal));
        Assert.True(scored.Count(s => s.Reasons.Count > 0) > scored.Count / 2);
    }

    [Fact]
    public void AuditsFairnessPerDongSexAgeBandAndHouseholdType()
    {
        var groups = fixture.Trained.Report.Fairness.Groups;
        Assert.Equal(["age_band", "dong", "household_type", "sex"], groups.Select(g => g.Attribute).Distinct().Order(StringComparer.Ordinal));
        foreach (var attribute in groups.GroupBy(g => g.Attribute))
            Assert.Single(attribute, g => g.IsReference);
        Assert.Contains(groups, g => g.TooSmall && !g.Flagged); // per-dong groups of a small test set
    }

    [Fact]
    public void RefusesToTrainWithoutEnoughHistory()
    {
        var few = fixture.Examples.Where(e => e.VisitedOn > Some.AsOf.AddDays(-72)).ToList();
        var result = ModelTrainer.TrainAndEvaluate(few, Some.AsOf, fixture.K, new TrainOptions());
        Assert.Null(result.Trained);
        Assert.Contains("학습할 이력이 부족합니다", result.Failure);
    }
}
