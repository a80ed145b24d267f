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
    public void TheHouseholdIdsAreTheSortedDistinctIdsWhicheverOrderTheVersionsComeIn()
    {
        static string[] Sorted(IEnumerable<Household> vs) =>
            vs.Select(v => v.HouseholdId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        // Ids that ordinal, culture and UTF-8 byte orders put differently; several versions each (equal ids as other strings).
        string[] ids = ["H10", "h2", "H9", "YDP-100", "ydp-20", "가-1", "A_1", "a-1", "Z", "z", "H1", "H2", "\uFF21", "\U0001F600"];
        var byId = ids.Order(StringComparer.Ordinal)
            .SelectMany(id => new[] { Some.Household(id) with { SnapshotDate = new(2026, 4, 30) }, Some.Household(new string(id.AsSpan())) }).ToList();
        var orders = new Dictionary<string, List<Household>>
        {
            ["by id (the store's order)"] = byId,
            ["by id, one household out of place"] = [byId[4], .. byId.Where((_, i) => i != 4)],
            ["one household's versions apart"] = [.. byId.Skip(1), byId[0]],
            ["reversed"] = Enumerable.Reverse(byId).ToList(),
            ["by culture"] = byId.OrderBy(v => v.HouseholdId, StringComparer.InvariantCulture).ToList(),
            ["by UTF-8 bytes"] = byId.OrderBy(v => System.Text.Encoding.UTF8.GetBytes(v.HouseholdId), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList(),
            ["none"] = [],
        };
        foreach (var (name, versions) in orders)
            Assert.True(Sorted(versions).SequenceEqual(NegativeSampler.HouseholdIds(versions)), name);
        Assert.Equal(ids.Length, NegativeSampler.HouseholdIds(byId).Length);

        // The planted district's rows as given and reversed (the sort's way): the very same sample.
        static string Key(IEnumerable<LabeledExample> s) => string.Join(",", s.Select(e => $"{e.Features.HouseholdId}@{e.VisitedOn.DayNumber}:{string.Join(' ', e.Features.Values)}"));
        var reversed = District.Data with { HouseholdVersions = [.. District.Data.HouseholdVersions.Reverse()] };
        var o = new TrainOptions(SampledNegativePool: "all");
        Assert.Equal(Key(Sample(o)), Key(NegativeSampler.Sample(reversed, new FeatureBuilder(reversed), Visits, o)));
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
        // Which sampled rows land in which window, and the second evaluation's counts, are worked out by hand in
        // CountsTheSampledRowsOfEachWindowInTheSecondEvaluation; here only that there are some on this district.
        var second = r.WithSampledNegatives!;
        Assert.True(second.SampledTrainRows > 0 && second.SampledTestRows > 0);
        Assert.NotEqual(visitsOnly.DataFingerprint, withSampled.DataFingerprint);
    }

    [Fact]
    public void CountsTheSampledRowsOfEachWindowInTheSecondEvaluation()
    {
        // As of 2026-03-31 with 7 test days and 7 calibration days: test = 03-25..03-31, calibration = 03-18..03-24,
        // training = before 03-18.
        var asOf = new DateOnly(2026, 3, 31);
        var o = new TrainOptions(NumberOfTrees: 5, MinimumExampleCountPerLeaf: 5, CalibrationDays: 7, TestDays: 7, BootstrapReplicates: 20,
            RefitOnAllRows: false);
        var rows = new List<LabeledExample>();
        void Add(int month, int day, int count, Func<int, bool> label, bool sampled = false)
        {
            var on = new DateOnly(2026, month, day);
            for (var i = 0; i < count; i++)
            {
                var values = new float[FeatureSchema.Count];
                values[0] = i % 5 + (label(i) ? 3 : 0); // overlapping values: learnable, not separable
                rows.Add(new LabeledExample(new HouseholdFeatures($"{(sampled ? "S" : "V")}{on:MMdd}-{i}", "도림동", on.AddDays(-1), Sex.M, 60, 1,
                    false, 0, values, ""), on, !sampled && label(i), sampled));
            }
        }
        for (var d = 1; d <= 10; d++) Add(3, d, 6, i => i % 3 == 0);   // training visits: 10 days x 6 = 60, 2 a day positive = 20
        for (var d = 18; d <= 22; d++) Add(3, d, 2, i => i == 0);      // calibration visits: 5 days x 2 = 10, 5 positive
        for (var d = 25; d <= 30; d++) Add(3, d, 3, i => i == 0);      // test visits: 6 days x 3 = 18, 6 positive
        foreach (var d in new[] { 2, 5, 9 }) Add(3, d, 3, _ => false, sampled: true); // sampled in training: 3 days x 3 = 9
        Add(3, 20, 3, _ => false, sampled: true);                       // sampled in calibration: 3, in neither count
        Add(3, 25, 1, _ => false, sampled: true);                       // sampled in test: 1 (first test day)
        Add(3, 26, 2, _ => false, sampled: true);                       //                + 2
        Add(3, 31, 2, _ => false, sampled: true);                       //                + 2 (the as-of day) = 5
        Add(4, 1, 2, _ => false, sampled: true);                        // after the as-of date: dropped

        var r = ModelTrainer.TrainAndEvaluate(rows, asOf, k: 2, o).Trained!.Report;

        Assert.Equal((60, 20), (r.Train.Rows, r.Train.Positives));
        Assert.Equal((10, 5), (r.Calibration.Rows, r.Calibration.Positives));
        Assert.Equal((18, 6), (r.Test.Rows, r.Test.Positives));
        var second = r.WithSampledNegatives!;
        Assert.Equal(9, second.SampledTrainRows);
        Assert.Equal(5, second.SampledTestRows);
        Assert.Equal(23, second.Rows);      // 18 test visits + 5 sampled test rows
        Assert.Equal(6, second.Positives);  // the test visits' 6 positives; a sampled row is never one
    }
}
