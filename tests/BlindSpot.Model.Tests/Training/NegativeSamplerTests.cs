using BlindSpot.Samples;

namespace BlindSpot.Model.Tests.Training;

public sealed class NegativeSamplerTests
{
    static readonly PlantedDistrict District = Some.District(households: 800, tipRate: 10);
    static readonly FeatureBuilder Builder = new(District.Data);
    static readonly IReadOnlyList<LabeledExample> Visits = LabelBuilder.Build(District.Data, Builder);

    static IReadOnlyList<LabeledExample> Sample(TrainOptions o) => NegativeSampler.Sample(District.Data, Builder, Visits, o);

    [Fact]
    public void NeverSamplesAHouseholdVisitedOnTheDayOrWithinTheHorizon()
    {
        var o = new TrainOptions(SampledNegativesPerVisit: 1, SampledNegativeHorizonDays: 28, SampledNegativePool: "all");
        var sampled = Sample(o);
        Assert.NotEmpty(sampled);
        var visitDays = District.Data.Outcomes.ToLookup(v => v.HouseholdId, v => v.VisitedOn);
        Assert.All(sampled, s =>
        {
            Assert.True(s.Sampled);
            Assert.False(s.Label);
            var until = s.VisitedOn.AddDays(28) < Some.AsOf ? s.VisitedOn.AddDays(28) : Some.AsOf;
            Assert.DoesNotContain(visitDays[s.Features.HouseholdId], v => v >= s.VisitedOn && v <= until);
        });
        // No household twice on one day, and about as many as the labeled visits of each day.
        Assert.Equal(sampled.Count, sampled.Select(s => (s.Features.HouseholdId, s.VisitedOn)).Distinct().Count());
        Assert.Equal(Visits.Count, sampled.Count);
    }

    [Fact]
    public void SampledRowsCarryFeaturesOfTheDayBeforeFromWhatWasKnownThen()
    {
        var sampled = Sample(new TrainOptions());
        Assert.NotEmpty(sampled);
        foreach (var s in sampled.Where((_, i) => i % (sampled.Count / 12 + 1) == 0))
        {
            var dayBefore = s.VisitedOn.AddDays(-1);
            Assert.Equal(dayBefore, s.Features.AsOf);
            // A builder that never saw anything after the day before gives the very same values: no look-ahead.
            var known = new FeatureBuilder(District.Data.Until(dayBefore)).Build(s.Features.HouseholdId, dayBefore)!;
            Assert.Equal(known.Values, s.Features.Values);
            Assert.Equal(known.Notes, s.Features.Notes);
        }
    }

    [Fact]
    public void RecordsDatedAfterTheDayBeforeChangeNoSampledFeature()
    {
        var o = new TrainOptions(SampledNegativePool: "all");
        var sampled = Sample(o);
        var households = sampled.Select(s => s.Features.HouseholdId).Distinct().Take(40).ToHashSet();
        var rows = sampled.Where(s => households.Contains(s.Features.HouseholdId)).ToList();
        // A later tip for each of those households, dated on its last sampled day (after every day before it was drawn for).
        var later = rows.GroupBy(s => s.Features.HouseholdId)
            .Select(g => Some.Tip($"late-{g.Key}", g.Key, g.Max(s => s.VisitedOn).ToDateTime(new TimeOnly(8, 0)), "악취가 심함"));
        var data = District.Data with { Tips = [.. District.Data.Tips, .. later] };
        var again = NegativeSampler.Sample(data, new FeatureBuilder(data), Visits, o).ToDictionary(s => (s.Features.HouseholdId, s.VisitedOn));
        foreach (var s in rows)
            Assert.Equal(s.Features.Values, again[(s.Features.HouseholdId, s.VisitedOn)].Features.Values);
    }

    [Fact]
    public void IsRepeatableWithTheSeedAndDiffersWithAnotherSeed()
    {
        static string Key(IEnumerable<LabeledExample> s) => string.Join(",", s.Select(e => $"{e.Features.HouseholdId}@{e.VisitedOn.DayNumber}"));
        var a = Sample(new TrainOptions(Seed: 42));
        var b = Sample(new TrainOptions(Seed: 42));
        var c = Sample(new TrainOptions(Seed: 43));
        Assert.Equal(Key(a), Key(b));
        Assert.NotEqual(Key(a), Key(c));
    }

    [Fact]
    public void SignalPoolHoldsOnlyHouseholdsWithARecentTipOrCrisisIndicator()
    {
        var sampled = Sample(new TrainOptions(SampledNegativePool: "signal"));
        Assert.NotEmpty(sampled);
        Assert.All(sampled, s => Assert.True(s.Features["tips_365d"] > 0 || s.Features["crisis_distinct_3m"] > 0));
        var all = Sample(new TrainOptions(SampledNegativePool: "all"));
        Assert.Contains(all, s => s.Features["tips_365d"] == 0 && s.Features["crisis_distinct_3m"] == 0);
    }

    [Fact]
    public void SamplesNothingWhenTurnedOff() => Assert.Empty(Sample(new TrainOptions(SampledNegativesPerVisit: 0)));

    [Fact]
    public void TrainsOnSampledRowsButCalibratesAndEvaluatesOnVisitsWithASecondEvaluation()
    {
        var o = new TrainOptions(NumberOfTrees: 40, SampledNegativePool: "all");
        var sampled = Sample(o);
        var k = District.Data.Capacity.Sum(c => c.DailyVisits);
        var withSampled = ModelTrainer.TrainAndEvaluate([.. Visits, .. sampled], Some.AsOf, k, o).Trained!;
        var visitsOnly = ModelTrainer.TrainAndEvaluate(Visits, Some.AsOf, k, o with { SampledNegativesPerVisit = 0 }).Trained!;
        var r = withSampled.Report;
        Assert.Equal(visitsOnly.Report.Train.Rows, r.Train.Rows);
        Assert.Equal(visitsOnly.Report.Calibration, r.Calibration);
        Assert.Equal(visitsOnly.Report.Test, r.Test);
        Assert.All(withSampled.TestRows, e => Assert.False(e.Sampled));
        Assert.Null(visitsOnly.Report.WithSampledNegatives);
        var second = r.WithSampledNegatives!;
        Assert.Equal(sampled.Count(s => s.VisitedOn >= r.Test.From), second.SampledTestRows);
        Assert.Equal(sampled.Count(s => s.VisitedOn < r.Calibration.From), second.SampledTrainRows);
        Assert.Equal(r.Test.Rows + second.SampledTestRows, second.Rows);
        Assert.Equal(r.Test.Positives, second.Positives);
        Assert.NotEqual(visitsOnly.DataFingerprint, withSampled.DataFingerprint);
    }
}
