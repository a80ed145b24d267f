namespace BlindSpot.Model.Tests.Evaluation;

public sealed class EvaluatorTests
{
    static LabeledExample Row(string id, int day, bool label) =>
        new(new HouseholdFeatures(id, "도림동", new DateOnly(2026, 1, day - 1), Sex.M, 60, 1, false, 0, new float[FeatureSchema.Count], ""),
            new DateOnly(2026, 1, day), label);

    [Fact]
    public void PrecisionAtKTakesTheKRowsRankedHighestOverTheTestWindow()
    {
        var rows = new[] { Row("a", 2, true), Row("b", 2, false), Row("c", 3, true), Row("d", 3, false), Row("e", 4, true) };
        var scores = new[] { 0.9, 0.8, 0.1, 0.7, 0.6 };
        var m = Evaluator.Evaluate("x", rows, scores, scores, k: 3); // a, b, d
        Assert.Equal(3, m.Selected);
        Assert.Equal(1, m.Hits);
        Assert.Equal(1.0 / 3, m.PrecisionAtK, 9);
        Assert.Equal(1.0 / 3, m.RecallAtK, 9);
    }

    [Fact]
    public void DailyPrecisionAndRecallAtKAreTakenPerDayThenSummed()
    {
        // Day 2: 3 rows, k = 2 picks the two best (one hit); day 3: 1 row, picked (a hit).
        var rows = new[] { Row("a", 2, true), Row("b", 2, false), Row("c", 2, true), Row("d", 3, true) };
        var scores = new[] { 0.9, 0.8, 0.1, 0.5 };
        var m = Evaluator.Evaluate("x", rows, scores, scores, k: 2);
        Assert.Equal(3, m.DailySelected);
        Assert.Equal(2, m.DailyHits);
        Assert.Equal(2.0 / 3, m.DailyPrecisionAtK, 9);
        Assert.Equal(2.0 / 3, m.DailyRecallAtK, 9);
    }

    [Fact]
    public void ReliabilityHasTenBinsCoveringEveryRow()
    {
        var bins = Evaluator.Reliability([0.05, 0.15, 0.95, 1.0], [false, false, true, true]);
        Assert.Equal(10, bins.Count);
        Assert.Equal(4, bins.Sum(b => b.Count));
        Assert.Equal(2, bins[9].Count);
    }

    [Fact]
    public void FairnessFlagsADisparityAndMarksSmallGroupsTooSmall()
    {
        // Men are ranked above women at equal base rates; a lone third dong is too small.
        var rows = new List<LabeledExample>();
        var scores = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var male = i % 2 == 0;
            var e = Row($"h{i}", 2 + i / 2 % 20, i % 4 < 2);
            rows.Add(e with { Features = e.Features with { Sex = male ? Sex.M : Sex.F, Dong = i == 0 ? "문래동" : "도림동" } });
            scores.Add(male ? 1 + i * 1e-3 : i * 1e-3);
        }
        var report = FairnessAudit.Run(rows, scores, k: 50);
        var women = report.Groups.Single(g => g.Attribute == "sex" && g.Group == "여");
        Assert.True(women.Flagged, women.ToString());
        Assert.Contains("selection_rate", women.FlaggedMetrics);
        var small = report.Groups.Single(g => g.Group == "문래동");
        Assert.True(small.TooSmall);
        Assert.False(small.Flagged);
    }

    [Theory]
    [InlineData(12, 60, 20, 200, true)] // twice the reference's rate on 60 rows: beyond the noise
    [InlineData(6, 30, 20, 200, false)] // the same ratio on 30 rows: inside it
    [InlineData(0, 60, 30, 200, true)] // none selected of 60 where the reference selects 15%
    [InlineData(0, 10, 30, 200, false)] // none of 10: could be chance
    [InlineData(22, 100, 20, 100, false)] // a ratio of 1.1
    public void ARatioIsBeyondTheNoiseOnlyWhenItsIntervalExcludesOne(int events, int trials, int refEvents, int refTrials, bool beyond) =>
        Assert.Equal(beyond, FairnessAudit.BeyondNoise((events, trials), (refEvents, refTrials)));

    [Fact]
    public void ARatioOutsideTheRangeByChanceIsShownButNotFlagged()
    {
        // Two dongs ranked by the same random scores: the small dong's precision differs from the large one's only by chance.
        var rng = new Random(3);
        var rows = new List<LabeledExample>();
        var scores = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var e = Row($"h{i}", 2 + i % 20, rng.NextDouble() < 0.3);
            rows.Add(e with { Features = e.Features with { Dong = i < 340 ? "도림동" : "문래동" } });
            scores.Add(rng.NextDouble());
        }
        var report = FairnessAudit.Run(rows, scores, k: 40);
        var small = report.Groups.Single(g => g.Attribute == "dong" && g.Group == "문래동");
        Assert.False(small.TooSmall, small.ToString());
        Assert.True(small.PrecisionRatio is < FairnessAudit.Low or > FairnessAudit.High, $"seed 3 should leave the range by chance: {small}");
        Assert.False(small.Flagged, small.ToString());
        Assert.Contains("precision", small.WithinNoiseMetrics!);
    }
}
