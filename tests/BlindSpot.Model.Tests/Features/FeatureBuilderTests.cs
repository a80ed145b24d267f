using BlindSpot.Core.Contract;
using BlindSpot.Samples;

namespace BlindSpot.Model.Tests.Features;

public sealed class FeatureBuilderTests
{
    static readonly DateOnly D = new(2026, 3, 15);

    /// <summary>The smallest generated district: a few hundred households with their crisis rows, tips and visits.</summary>
    static readonly DistrictData Small = Some.District(households: SampleOptions.MinHouseholds, tipRate: 1).Data;

    [Fact]
    public void RecordsDatedAfterTheAsOfDateChangeNothing()
    {
        var data = Small;
        var baseline = new FeatureBuilder(data.Until(D)).BuildAll(D);

        // Pile records dated after D onto the full data: crisis months not over, later tips and visits, a later snapshot.
        // The later snapshot goes to households the registry knew on D: one first seen in a later snapshot but living here
        // already is described by its oldest later version (DistrictData.Households), so a snapshot of D+1 would rightly be it.
        var known = data.HouseholdVersions.Where(v => v.SnapshotDate <= D).Select(v => v.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var ids = baseline.Where(f => known.Contains(f.HouseholdId)).Take(50).Select(f => f.HouseholdId).ToArray();
        Assert.Contains(baseline, f => !known.Contains(f.HouseholdId)); // and such households are among those checked
        var future = data with
        {
            Crisis = [.. data.Crisis, .. ids.Select(id => new CrisisRecord(id, new DateOnly(2026, 3, 1), CrisisIndicators.ElecCutoff, 1, true))],
            Tips = [.. data.Tips, .. ids.Select(id => Some.Tip("F" + id, id, new DateTime(2026, 3, 16, 0, 0, 1), "악취, 우편물, 분유 없음", urgent: true))],
            Outcomes = [.. data.Outcomes, .. ids.Select(id => new Outcome(id, D.AddDays(1), VisitResult.Discovered, null, "W"))],
            HouseholdVersions = [.. data.HouseholdVersions, .. ids.Select(id => Some.Household(id, birthYear: 1930, housing: "쪽방", snapshot: D.AddDays(1)))],
        };

        foreach (var source in new[] { data, future })
        {
            var builder = new FeatureBuilder(source);
            var all = builder.BuildAll(D);
            Assert.Equal(baseline.Count, all.Count);
            for (var i = 0; i < all.Count; i++)
            {
                Assert.Equal(baseline[i].HouseholdId, all[i].HouseholdId);
                Assert.Equal(baseline[i].Values, all[i].Values);
                Assert.Equal(baseline[i].Notes, all[i].Notes);
                var one = builder.Build(all[i].HouseholdId, D)!;
                Assert.Equal(baseline[i].Values, one.Values);
            }
        }
    }

    [Fact]
    public void RowsInAnyOrderGiveTheSameFeatures()
    {
        // The store returns versions and crisis rows ordered by household (one run each); any other order must agree.
        var data = Small;
        var later = data.HouseholdVersions.Take(60).Select(h => h with { SnapshotDate = D.AddDays(-1), Members = h.Members + 1 }).ToArray();
        var byHousehold = data with
        {
            HouseholdVersions = [.. data.HouseholdVersions.Concat(later).OrderBy(v => v.HouseholdId, StringComparer.Ordinal).ThenBy(v => v.SnapshotDate)],
            Crisis = [.. data.Crisis.OrderBy(c => c.HouseholdId, StringComparer.Ordinal).ThenBy(c => c.Month)],
        };
        var random = new Random(7);
        var shuffled = data with
        {
            HouseholdVersions = [.. data.HouseholdVersions.Concat(later).OrderBy(_ => random.Next())],
            Crisis = [.. data.Crisis.OrderBy(_ => random.Next())],
        };
        var newestFirst = byHousehold with
        {
            HouseholdVersions = [.. byHousehold.HouseholdVersions.OrderBy(v => v.HouseholdId, StringComparer.Ordinal).ThenByDescending(v => v.SnapshotDate)],
        };

        var expected = new FeatureBuilder(byHousehold).BuildAll(D);
        Assert.Contains(expected, f => later.Any(h => h.HouseholdId == f.HouseholdId));
        foreach (var source in new[] { shuffled, newestFirst })
        {
            var all = new FeatureBuilder(source).BuildAll(D);
            Assert.Equal(expected.Select(f => f.HouseholdId), all.Select(f => f.HouseholdId));
            for (var i = 0; i < all.Count; i++) Assert.Equal(expected[i].Values, all[i].Values);
        }
    }

    [Fact]
    public void RecordsOnTheAsOfDateCount()
    {
        var data = Small;
        var id = new FeatureBuilder(data).BuildAll(D)[0].HouseholdId;
        var before = new FeatureBuilder(data).Build(id, D)!;
        var withTip = data with { Tips = [.. data.Tips, Some.Tip("late", id, D.ToDateTime(new TimeOnly(23, 59)))] };
        var after = new FeatureBuilder(withTip).Build(id, D)!;
        Assert.Equal(before["tips_30d"] + 1, after["tips_30d"]);
        Assert.Equal(0, after["days_since_last_tip"]);
    }

    [Fact]
    public void ResolvesHouseholdsLikeCoreAcrossSnapshots()
    {
        var first = new DateOnly(2026, 1, 31);
        var second = new DateOnly(2026, 2, 28);
        var data = DistrictData.Empty(new DateOnly(2026, 3, 31)) with { HouseholdVersions = [
            Some.Household("A", snapshot: first, members: 1),
            Some.Household("A", snapshot: second, members: 3),
            Some.Household("B", snapshot: first),                                        // moved out by the second snapshot
            Some.Household("C", snapshot: second, movedIn: new DateOnly(2020, 1, 1)),    // back-filled before its first snapshot
            Some.Household("D", snapshot: second, movedIn: new DateOnly(2026, 2, 10)),   // not living here on Feb 1
        ] };
        var builder = new FeatureBuilder(data);
        foreach (var day in new[] { new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1) })
        {
            var core = data.Until(day).Households;
            foreach (var h in core)
            {
                var mine = builder.Resolve(h.HouseholdId, day)!;
                Assert.Equal(h, mine);
            }
            Assert.Equal(core.Count, new[] { "A", "B", "C", "D" }.Count(id => builder.Resolve(id, day) is not null));
            Assert.Equal(core.Count(h => !h.MovedOut), builder.BuildAll(day).Count);
        }
        Assert.Equal(1, builder.Build("A", new DateOnly(2026, 2, 1))!["members"]);
        Assert.Equal(3, builder.Build("A", new DateOnly(2026, 3, 1))!["members"]);
    }

    [Fact]
    public void CountsCrisisIndicatorsOverTheLatestKnownMonths()
    {
        // As of 2026-03-15 the latest known month is February: 3 months = Dec, Jan, Feb.
        var data = DistrictData.Empty(new DateOnly(2026, 3, 31)) with { HouseholdVersions = [Some.Household("A")], Crisis = [
            new CrisisRecord("A", new DateOnly(2026, 3, 1), CrisisIndicators.MgmtFeeArrears, 9, true),   // not over yet on D
            new CrisisRecord("A", new DateOnly(2026, 2, 1), CrisisIndicators.MgmtFeeArrears, 3, true),
            new CrisisRecord("A", new DateOnly(2026, 1, 1), CrisisIndicators.ElecCutoff, 1, true),
            new CrisisRecord("A", new DateOnly(2025, 11, 1), CrisisIndicators.FinDelinquency, 5_000_000, true),
            new CrisisRecord("A", new DateOnly(2025, 12, 1), "NEW_CODE", 1, false),
            new CrisisRecord("A", new DateOnly(2025, 2, 1), CrisisIndicators.JobLoss, 1, true),            // 13 months back: out
        ] };
        var f = new FeatureBuilder(data).Build("A", D)!;
        Assert.Equal(3, f["crisis_rows_3m"]);
        Assert.Equal(3, f["crisis_distinct_3m"]);
        Assert.Equal(1, f["unknown_codes_3m"]);
        Assert.Equal(4, f["crisis_rows_6m"]);
        Assert.Equal(4, f["crisis_rows_12m"]);
        Assert.Equal(3, f["longest_arrears_3m"]);
        Assert.Equal(1, f["cutoffs_6m"]);
        Assert.Equal(5_000_000, f["fin_delinquency_krw_6m"]);
        Assert.Equal(0, f["fin_delinquency_krw_3m"]);
        Assert.Equal(3, f["ind_MGMT_FEE_ARREARS_6m"]);
    }

    [Fact]
    public void CountsAnIndicatorOnceAWindowWhateverItsOtherRows()
    {
        // A household's rows in the store's order (month, then indicator). An indicator seen again in the window counts
        // once; its row of an earlier month outside the window, or of a month not over yet, does not make a later row a
        // repeat; two codes count twice.
        var data = DistrictData.Empty(new DateOnly(2026, 3, 31)) with { HouseholdVersions = [Some.Household("A")], Crisis = [
            new CrisisRecord("A", new DateOnly(2025, 6, 1), CrisisIndicators.MgmtFeeArrears, 1, true),  // 12 months only
            new CrisisRecord("A", new DateOnly(2026, 1, 1), CrisisIndicators.ElecCutoff, 1, true),
            new CrisisRecord("A", new DateOnly(2026, 1, 1), CrisisIndicators.MgmtFeeArrears, 2, true),
            new CrisisRecord("A", new DateOnly(2026, 2, 1), CrisisIndicators.ElecCutoff, 1, true),
            new CrisisRecord("A", new DateOnly(2026, 2, 1), CrisisIndicators.MgmtFeeArrears, 3, true),
            new CrisisRecord("A", new DateOnly(2026, 3, 1), CrisisIndicators.JobLoss, 1, true),         // not over on D
        ] };
        var f = new FeatureBuilder(data).Build("A", D)!;
        Assert.Equal(4, f["crisis_rows_3m"]);
        Assert.Equal(2, f["crisis_distinct_3m"]);
        Assert.Equal(5, f["crisis_rows_12m"]);
        Assert.Equal(2, f["crisis_distinct_12m"]);
    }

    [Fact]
    public void TipsAreCountedBySourceWindowAndLexicon()
    {
        var data = DistrictData.Empty(D) with { HouseholdVersions = [Some.Household("A")], Tips = [
            Some.Tip("1", "A", new DateTime(2026, 3, 10, 10, 0, 0), "현관에 우편물이 쌓여 있음", TipSource.Officer, detail: "O-1", category: "고립", urgent: true),
            Some.Tip("2", "A", new DateTime(2026, 1, 1, 10, 0, 0), "아기가 혼자 울고 분유가 없음", TipSource.Hotline, detail: "편의점"),
            Some.Tip("3", "A", new DateTime(2024, 1, 1, 10, 0, 0), "악취", TipSource.Hotline),
        ] };
        var f = new FeatureBuilder(data).Build("A", D)!;
        Assert.Equal(1, f["tips_30d"]);
        Assert.Equal(2, f["tips_90d"]);
        Assert.Equal(2, f["tips_365d"]);
        Assert.Equal(5, f["days_since_last_tip"]);
        Assert.Equal(1, f["officer_tips_365d"]);
        Assert.Equal(1, f["hotline_tips_365d"]);
        Assert.Equal(1, f["urgent_tips_90d"]);
        Assert.Equal(1, f["reporter_편의점_365d"]);
        Assert.Equal(1, f["category_고립_365d"]);
        Assert.Equal(1, f[Sign("우편물 적체")]);
        Assert.Equal(0, f[Sign("악취")]); // only in a tip older than 365 days
        Assert.Equal(1, f[Sign("분유·기저귀 부족")]);
        Assert.Contains("우편물", f.Notes);
        Assert.DoesNotContain("악취", f.Notes);
    }

    static string Sign(string label) => FeatureSchema.Numeric.Single(d => d.Kind == FeatureKind.Lexicon && d.Arg == label).Name;

    [Fact]
    public void TipsAfterTheLastCompletedVisitAreUnanswered()
    {
        var data = DistrictData.Empty(D) with { HouseholdVersions = [Some.Household("A")], Tips = [
            Some.Tip("1", "A", new DateTime(2026, 3, 10, 10, 0, 0), "현관에 우편물이 쌓여 있음", TipSource.Officer, urgent: true),
            Some.Tip("2", "A", new DateTime(2026, 3, 1, 10, 0, 0), "악취", TipSource.Hotline),
            Some.Tip("3", "A", new DateTime(2026, 1, 1, 10, 0, 0), "악취", TipSource.Hotline, urgent: true),
        ], Outcomes = [
            new Outcome("A", new DateOnly(2026, 1, 5), VisitResult.NotInCrisis, null, "W"),
            new Outcome("A", new DateOnly(2026, 3, 5), VisitResult.Absent, null, "W"), // 부재 answers nothing
        ] };
        var f = new FeatureBuilder(data).Build("A", D)!;
        Assert.Equal(3, f["tips_365d"]);
        Assert.Equal(2, f["unanswered_tips_365d"]);
        Assert.Equal(5, f["days_since_unanswered_tip"]);
        Assert.Equal(1, f["unanswered_urgent_tips_365d"]);
        Assert.Equal(1, f["last_tip_link_confidence"]);

        var answered = data with { Outcomes = [.. data.Outcomes, new Outcome("A", D, VisitResult.NotInCrisis, null, "W")] };
        var g = new FeatureBuilder(answered).Build("A", D)!;
        Assert.Equal(0, g["unanswered_tips_365d"]);
        Assert.Equal(FeatureSchema.Never, g["days_since_unanswered_tip"]);
    }

    [Fact]
    public void EarlierVisitsExcludeLaterOnes()
    {
        var data = DistrictData.Empty(D) with { HouseholdVersions = [Some.Household("A")], Outcomes = [
            new Outcome("A", new DateOnly(2026, 1, 10), VisitResult.Absent, null, "W"),
            new Outcome("A", new DateOnly(2026, 2, 10), VisitResult.Refused, null, "W"),
            new Outcome("A", new DateOnly(2026, 3, 15), VisitResult.Discovered, null, "W"),
        ] };
        var f = new FeatureBuilder(data).Build("A", D.AddDays(-1))!;
        Assert.Equal(2, f["visits"]);
        Assert.Equal(1, f["last_result_Refused"]);
        Assert.Equal(0, f["discovered_before"]);
        Assert.Equal(1, f["absent_visits_365d"]);
        Assert.Equal(32, f["days_since_last_visit"]);
    }

    [Fact]
    public void RefusesToLookPastTheDataItWasGiven()
    {
        var data = Small.Until(D);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureBuilder(data).BuildAll(D.AddDays(1)));
    }
}
