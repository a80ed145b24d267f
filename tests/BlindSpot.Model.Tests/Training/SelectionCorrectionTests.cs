using BlindSpot.Core.Worklists;

namespace BlindSpot.Model.Tests.Training;

public sealed class SelectionCorrectionTests
{
    static readonly DateOnly Day = new(2026, 3, 10);

    static LabeledExample Visit(string id, DateOnly day, bool label = false, bool sampled = false) =>
        new(new HouseholdFeatures(id, "도림동", day.AddDays(-1), Sex.M, 60, 1, false, 0, new float[FeatureSchema.Count], ""), day, label, sampled);

    static WorklistEntry Listed(string id, DateOnly day, Selection selection, double p) =>
        new(day, "도림동", 1, id, selection, 0.3, "m1", [], p, false, null, 0);

    [Fact]
    public void WeightsEachVisitByTheInverseOfItsLoggedSelectionProbabilityClipped()
    {
        var visits = new[]
        {
            Visit("MODEL", Day), Visit("EXPLORED", Day), Visit("RARE", Day), Visit("LATE", Day.AddDays(2)), Visit("NOLIST", Day),
            Visit("STALE", Day), Visit("SAMPLED", Day, sampled: true), Visit("EXPLORED", Day.AddDays(2)),
        };
        var listed = new[]
        {
            Listed("MODEL", Day, Selection.Model, 1), Listed("EXPLORED", Day, Selection.Exploration, 0.1),
            Listed("RARE", Day, Selection.Exploration, 0.002), Listed("LATE", Day, Selection.Exploration, 0.25),
            Listed("STALE", Day.AddDays(-8), Selection.Exploration, 0.1), Listed("SAMPLED", Day, Selection.Exploration, 0.1),
        };
        var o = new TrainOptions(SampledNegativeWeight: 0.5);

        var all = SelectionCorrection.Apply(visits, listed);
        var corrected = all.Take(7).ToDictionary(e => e.Features.HouseholdId);

        Assert.Equal(1f, SelectionCorrection.Weight(corrected["MODEL"], o));
        Assert.Equal(10f, SelectionCorrection.Weight(corrected["EXPLORED"], o), 4);
        Assert.True(corrected["EXPLORED"].Explored);
        Assert.Equal(20f, SelectionCorrection.Weight(corrected["RARE"], o)); // 1 / 0.002 = 500, clipped at 20
        Assert.Equal(4f, SelectionCorrection.Weight(corrected["LATE"], o), 4); // visited two days after its list
        Assert.Equal(1f, SelectionCorrection.Weight(corrected["NOLIST"], o));
        Assert.False(corrected["NOLIST"].Explored);
        Assert.Equal(1f, SelectionCorrection.Weight(corrected["STALE"], o)); // listed 8 days before: not this visit's list
        Assert.Equal(0.5f, SelectionCorrection.Weight(corrected["SAMPLED"], o)); // sampled negatives keep their own weight
        Assert.False(corrected["SAMPLED"].Explored);
        Assert.Equal(1f, SelectionCorrection.Weight(all[7], o)); // a second visit two days later: the listing answered the first
    }

    [Fact]
    public void ExplorationCalibrationIsMeasuredOnTheExploredTestVisitsOnly()
    {
        var test = new[] { Visit("A", Day, true), Visit("B", Day), Visit("C", Day, true) with { Explored = true }, Visit("D", Day) with { Explored = true } };
        var check = ExplorationCalibration.Of(test, [0.9, 0.8, 0.3, 0.1])!;
        Assert.Equal(2, check.Rows);
        Assert.Equal(1, check.Positives);
        Assert.Equal(0.2, check.MeanPredicted, 12);
        Assert.Equal(0.5, check.ObservedRate, 12);
        Assert.Equal((0.49 + 0.01) / 2, check.Brier, 12);
        Assert.Null(ExplorationCalibration.Of(test.Take(2).ToList(), [0.9, 0.8]));
    }
}
