using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Tests.Worklists;

public sealed class WorklistPolicyTests
{
    // Wednesday 2026-03-11; everything known by the end of Tuesday.
    static readonly DateOnly Day = new(2026, 3, 11);
    static readonly DateOnly Eve = Day.AddDays(-1);
    static readonly BusinessCalendar Calendar = new();

    // Most rules are shown on households that carry only a score; the signal rule has its own test.
    static WorklistPlan Build(Some d, IReadOnlyList<HouseholdScore>? scores = null, IReadOnlyList<WorklistEntry>? earlier = null,
        WorklistOptions? options = null, DateOnly? day = null) =>
        WorklistPolicy.Build(day ?? Day, d.Data(), scores ?? [], earlier ?? [], Calendar, options ?? new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0 });

    static IReadOnlyList<WorklistEntry> Listed(WorklistPlan plan, string dong = Some.Dong) => plan.Dongs.Single(x => x.Dong == dong).Entries;

    static IReadOnlyList<string> Ids(WorklistPlan plan, string dong = Some.Dong) => Listed(plan, dong).Select(e => e.HouseholdId).ToList();

    /// <summary>A dong with one household for each exclusion and eligible ones of every kind (urgent, tipped, indicators, plain).</summary>
    static (Some District, List<WorklistEntry> Earlier, List<HouseholdScore> Scores) EveryKind()
    {
        var d = new Some(Eve);
        d.Household("CASE", caseManaged: true);
        d.Tip("CASE", Eve, urgent: true);
        d.Household("MOVED", snapshot: Eve.AddDays(-100));
        d.Household("COOL");
        d.Visit("COOL", Eve.AddDays(-10), VisitResult.NotInCrisis);
        d.Household("ABSENT");
        d.Visit("ABSENT", Eve, VisitResult.Absent);
        d.Household("BASIC", basic: true);
        d.Household("LISTED");
        d.Household("URGENT");
        d.Tip("URGENT", Eve, urgent: true);
        d.Household("TIPPED");
        d.Tip("TIPPED", Eve.AddDays(-5));
        d.Household("ARREARS");
        d.Crisis("ARREARS", new DateOnly(2026, 1, 1), CrisisIndicators.MgmtFeeArrears, 3);
        d.Crisis("ARREARS", new DateOnly(2026, 1, 1), CrisisIndicators.HealthInsArrears, 2);
        for (var i = 0; i < 6; i++) d.Household($"PLAIN{i}");
        d.Household("ELSEWHERE", dong: "도림동");
        List<WorklistEntry> earlier = [new(Eve, Some.Dong, 1, "LISTED", Selection.Model, 0.5, "m1", [], 1, false, null, 0)];
        var scores = d.Data().Households.Select((h, i) => d.Score(h.HouseholdId, 0.01 * (i + 1), h.Dong)).ToList();
        return (d, earlier, scores);
    }

    [Fact]
    public void EligibleHouseholdsAreThoseAnUnlimitedListWouldTakeWithTheSameExclusionCounts()
    {
        // What the simulation did before WorklistPolicy.Eligible existed: a list of unlimited capacity, all exploration.
        var (d, earlier, scores) = EveryKind();
        var options = new WorklistOptions();
        foreach (var dayScores in new[] { [], scores })
        {
            var eligible = WorklistPolicy.Eligible(Day, d.Data(), dayScores, earlier, Calendar, options);
            var unlimited = d.Data() with { Capacity = Dongs.All.Select(x => new DongCapacity(x, 1_000_000)).ToArray() };
            var everyone = WorklistPolicy.Build(Day, unlimited, dayScores, earlier, Calendar, options with { ExplorationShare = 1.0 });

            Assert.Equal(everyone.Dongs.Select(x => x.Dong), eligible.Dongs.Select(x => x.Dong));
            Assert.Equal((everyone.Mode, everyone.ModelVersion), (eligible.Mode, eligible.ModelVersion));
            foreach (var (all, dong) in everyone.Dongs.Zip(eligible.Dongs))
            {
                Assert.Equal(all.Entries.Select(e => (e.HouseholdId, e.Selection == Selection.UrgentTip, e.Score)).Order(),
                    dong.Households.Select(h => (h.Household.HouseholdId, h.Urgent is not null, h.Score?.Probability ?? h.RulesScore)).Order());
                Assert.Equal(all.Excluded.OrderBy(x => x.Key), dong.Excluded.OrderBy(x => x.Key));
            }
            var mullae = eligible.Dongs.Single(x => x.Dong == Some.Dong);
            Assert.Equal(["ARREARS", "PLAIN0", "PLAIN1", "PLAIN2", "PLAIN3", "PLAIN4", "PLAIN5", "TIPPED", "URGENT"],
                mullae.Households.Select(h => h.Household.HouseholdId).Order(StringComparer.Ordinal));
            Assert.Equal(Enum.GetValues<Exclusion>().Select(e => KeyValuePair.Create(e, 1)), mullae.Excluded.OrderBy(x => x.Key));
            Assert.Equal(2, mullae.Households.Single(h => h.Household.HouseholdId == "ARREARS").RulesScore);
        }
    }

    [Fact]
    public void BuildChoosesFromTheEligibleHouseholdsAndReportsTheirExclusionCounts()
    {
        var (d, earlier, scores) = EveryKind();
        d.Capacity(Some.Dong, 4);
        var options = new WorklistOptions { ExplorationShare = 0.5 };
        var eligible = WorklistPolicy.Eligible(Day, d.Data(), scores, earlier, Calendar, options);
        var plan = WorklistPolicy.Build(Day, d.Data(), scores, earlier, Calendar, options);

        foreach (var (list, dong) in plan.Dongs.Zip(eligible.Dongs))
        {
            Assert.Equal((list.Dong, list.Capacity), (dong.Dong, dong.Capacity));
            Assert.Equal(dong.Excluded.OrderBy(x => x.Key), list.Excluded.OrderBy(x => x.Key));
            Assert.Subset(dong.Households.Select(h => h.Household.HouseholdId).ToHashSet(), list.Entries.Select(e => e.HouseholdId).ToHashSet());
        }
        Assert.Equal(4, Listed(plan).Count);
        Assert.Equal(18 * Enum.GetValues<Exclusion>().Length, plan.ExclusionCounts.Count());
        Assert.All(plan.ExclusionCounts.Where(x => x.Dong == Some.Dong), x => Assert.Equal((Day, 1), (x.Date, x.Households)));
    }

    [Fact]
    public void AHouseholdTheDayKnowsNothingOfCanOnlyBeDrawnAndABasicLivelihoodOneIsKeptOff()
    {
        // Most of a district: no score, tip, visit, recent crisis row or listing. Such a household is assessed without
        // walking any records (WorklistPolicy.Context.AssessWithoutRecords): it must come out as the general rules say.
        var d = new Some(Eve);
        d.Household("NOTHING");
        d.Household("NOTHING_BASIC", basic: true, members: 1);
        d.Household("SCORED");
        d.Crisis("NOTHING", Eve.AddMonths(-15), CrisisIndicators.ElecCutoff); // outside the 13 months the day reads
        foreach (var (scores, mode, sortKey) in new[] { (new List<HouseholdScore>(), ScoringMode.Rules, 0.0), ([d.Score("SCORED", 0.4)], ScoringMode.Model, -1.0) })
        {
            var dong = WorklistPolicy.Eligible(Day, d.Data(), scores, [], Calendar, new WorklistOptions()).Dongs.Single(x => x.Dong == Some.Dong);
            var nothing = dong.Households.Single(h => h.Household.HouseholdId == "NOTHING");

            Assert.Equal(mode, WorklistPolicy.Eligible(Day, d.Data(), scores, [], Calendar, new WorklistOptions()).Mode);
            Assert.Equal((null, 0, 0, false, sortKey), (nothing.Score, nothing.RulesScore, nothing.TipCount, nothing.ModelEligible, nothing.SortKey));
            Assert.Empty(nothing.RecentIndicators);
            Assert.Equal((null, null, false, null), (nothing.Urgent, nothing.RecentTip, nothing.AbsentReturn, nothing.LastTipAt));
            Assert.DoesNotContain(dong.Households, h => h.Household.HouseholdId == "NOTHING_BASIC");
            Assert.Equal([KeyValuePair.Create(Exclusion.BasicLivelihood, 1)], dong.Excluded);
        }
    }

    [Fact]
    public void NoDongIsEligibleOnADayThatIsNotABusinessDay()
    {
        var (d, earlier, scores) = EveryKind();
        var saturday = new DateOnly(2026, 3, 14);
        d.AsOf = saturday.AddDays(-1);
        var eligible = WorklistPolicy.Eligible(saturday, d.Data(), scores, earlier, Calendar, new WorklistOptions());
        Assert.False(eligible.IsBusinessDay);
        Assert.Empty(eligible.Dongs);
    }

    [Fact]
    public void TheRelistWindowStartsTheConfiguredBusinessDaysBeforeTheList()
    {
        // Wednesday 2026-03-11: five business days back skip the weekend (3/7, 3/8) to Wednesday 3/4; 삼일절 (3/1) is a Sunday.
        Assert.Equal(new DateOnly(2026, 3, 4), WorklistPolicy.RelistFrom(Day, Calendar, new WorklistOptions { RelistBusinessDays = 5 }));
        Assert.Equal(new DateOnly(2026, 3, 9), WorklistPolicy.RelistFrom(Day, Calendar, new WorklistOptions { RelistBusinessDays = 2 }));
        // Across holidays: the local elections (Wednesday 2026-06-03) and 추석 (Thursday 9/24, Friday 9/25) plus the weekend.
        Assert.Equal(new DateOnly(2026, 6, 2), Calendar.BusinessDaysBefore(new DateOnly(2026, 6, 4), 1));
        Assert.Equal(new DateOnly(2026, 9, 23), Calendar.BusinessDaysBefore(new DateOnly(2026, 9, 28), 1));
        Assert.Equal(Day, Calendar.BusinessDaysBefore(Day, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.BusinessDaysBefore(Day, -1));
    }

    [Fact]
    public void NeverListsCaseManagedHouseholdsEvenWithAnUrgentTip()
    {
        var d = new Some(Eve);
        d.Household("H1", caseManaged: true);
        d.Tip("H1", Eve, urgent: true);
        d.Household("H2");
        d.Tip("H2", Eve);

        var plan = Build(d, [d.Score("H1", 0.9), d.Score("H2", 0.1)]);

        Assert.Equal(["H2"], Ids(plan));
        Assert.Equal(1, plan.Dongs.Single(x => x.Dong == Some.Dong).Excluded[Exclusion.CaseManaged]);
    }

    [Fact]
    public void NeverListsHouseholdsMissingFromTheNewestSnapshot()
    {
        var d = new Some(Eve);
        d.Household("H1", snapshot: Eve.AddDays(-100));
        d.Tip("H1", Eve, urgent: true);
        d.Household("H2", snapshot: Eve.AddDays(-100));
        d.Household("H2", snapshot: Eve.AddDays(-10));

        var plan = Build(d, [d.Score("H1", 0.9), d.Score("H2", 0.2)]);

        Assert.Equal(["H2"], Ids(plan));
    }

    [Fact]
    public void SkipsHouseholdVisitedWithinCoolOffWithNothingNewSince()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Tip("H1", Eve.AddDays(-20));
        d.Crisis("H1", new DateOnly(2026, 1, 1), CrisisIndicators.MgmtFeeArrears, 3);
        d.Visit("H1", Eve.AddDays(-10), VisitResult.NotInCrisis);
        // Continuing arrears reported again after the visit are not news.
        d.Crisis("H1", new DateOnly(2026, 2, 1), CrisisIndicators.MgmtFeeArrears, 4);

        var plan = Build(d, [d.Score("H1", 0.9)]);

        Assert.Empty(Listed(plan));
        Assert.Equal(1, plan.Dongs.Single(x => x.Dong == Some.Dong).Excluded[Exclusion.CoolOff]);
    }

    [Fact]
    public void ListsVisitedHouseholdAgainWhenATipArrivesAfterTheVisit()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Visit("H1", Eve.AddDays(-10), VisitResult.NotInCrisis);
        d.Tip("H1", Eve.AddDays(-2), note: "우편물이 쌓여 있음");

        var entry = Assert.Single(Listed(Build(d, [d.Score("H1", 0.3)])));

        Assert.Equal(Selection.Tip, entry.Selection);
        Assert.Contains("제보 3일 전(3/8 일), 명예사회복지공무원(경제적 어려움): 우편물 적체 \"우편물이 쌓여 있음\"", entry.Reasons);
    }

    [Fact]
    public void ListsVisitedHouseholdAgainWhenANewKindOfCrisisIndicatorBecomesKnown()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Visit("H1", new DateOnly(2026, 1, 20), VisitResult.NotInCrisis);
        d.Crisis("H1", new DateOnly(2026, 1, 1), CrisisIndicators.ElecCutoff); // known Feb 1, after the visit

        Assert.Equal(["H1"], Ids(Build(d, [d.Score("H1", 0.3)])));
    }

    [Fact]
    public void ListsVisitedHouseholdAgainAfterTheCoolOffPeriod()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Visit("H1", Day.AddDays(-91), VisitResult.NotInCrisis);

        Assert.Equal(["H1"], Ids(Build(d, [d.Score("H1", 0.3)])));
        Assert.Empty(Ids(Build(d, [d.Score("H1", 0.3)], options: new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0, CoolOffDays = 91 })));
    }

    [Fact]
    public void AbsentHouseholdComesBackAfterThreeDays()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Tip("H1", Eve.AddDays(-5));
        d.Visit("H1", Day.AddDays(-2), VisitResult.Absent);
        var scores = new[] { d.Score("H1", 0.3) };

        Assert.Empty(Ids(Build(d, scores)));

        var thursday = new Some(Day) { Snapshot = d.Snapshot };
        thursday.Household("H1");
        thursday.Tip("H1", Eve.AddDays(-5));
        thursday.Visit("H1", Day.AddDays(-2), VisitResult.Absent);
        var entry = Assert.Single(Listed(Build(thursday, scores, day: Day.AddDays(1))));
        Assert.Equal(Selection.Tip, entry.Selection);
        Assert.Contains("부재 후 재방문", entry.Reasons);
    }

    [Fact]
    public void AbsentHouseholdCountsAsVisitedAfterThreeAbsencesInARow()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Tip("H1", Eve.AddDays(-25));
        d.Visit("H1", Day.AddDays(-20), VisitResult.Absent);
        d.Visit("H1", Day.AddDays(-15), VisitResult.Absent);
        d.Visit("H1", Day.AddDays(-10), VisitResult.Absent);

        Assert.Empty(Ids(Build(d, [d.Score("H1", 0.3)])));
    }

    [Fact]
    public void ListsBasicLivelihoodRecipientsOnlyForATipOrAnIsolationSignal()
    {
        var d = new Some(Eve);
        d.Household("PLAIN", basic: true);
        d.Household("TIPPED", basic: true);
        d.Tip("TIPPED", Eve.AddDays(-3));
        d.Household("ALONE_CUTOFF", basic: true, members: 1);
        d.Crisis("ALONE_CUTOFF", new DateOnly(2026, 1, 1), CrisisIndicators.ElecCutoff);
        d.Household("FAMILY_CUTOFF", basic: true, members: 3);
        d.Crisis("FAMILY_CUTOFF", new DateOnly(2026, 1, 1), CrisisIndicators.ElecCutoff);
        d.Capacity(Some.Dong, 10);
        string[] all = ["PLAIN", "TIPPED", "ALONE_CUTOFF", "FAMILY_CUTOFF"];

        var plan = Build(d, [.. all.Select(id => d.Score(id, 0.5))]);

        Assert.Equal(["ALONE_CUTOFF", "TIPPED"], Ids(plan).Order(StringComparer.Ordinal));
        Assert.Equal(2, plan.Dongs.Single(x => x.Dong == Some.Dong).Excluded[Exclusion.BasicLivelihood]);
    }

    [Fact]
    public void UrgentTipsComeFirstEvenBeyondCapacityAndAreFlagged()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 2);
        foreach (var id in new[] { "U1", "U2", "U3" }) { d.Household(id); d.Tip(id, Eve.AddDays(-1), urgent: true, category: "고립"); }
        d.Household("HIGH");
        d.Household("OLD_URGENT");
        d.Tip("OLD_URGENT", Day.AddDays(-8), urgent: true); // outside the 7-day urgent window: an ordinary recent tip

        var plan = Build(d, [d.Score("U1", 0.1), d.Score("U2", 0.3), d.Score("U3", 0.2), d.Score("HIGH", 0.99), d.Score("OLD_URGENT", 0.5)]);
        var list = Listed(plan);

        Assert.Equal(["U2", "U3", "U1"], list.Select(e => e.HouseholdId));
        Assert.All(list, e => Assert.Equal(Selection.UrgentTip, e.Selection));
        Assert.Equal([false, false, true], list.Select(e => e.OverCapacity));
        Assert.Equal("정원 초과 긴급 방문", list[2].Reasons[0]);
        Assert.Equal("긴급 제보 2일 전(3/9 월), 명예사회복지공무원(사회적 고립): 요금·월세 체납 \"관리비가 밀려 있다고 함\"", list[0].Reasons[0]);
    }

    [Fact]
    public void RanksTippedAndUntippedHouseholdsOnOneScale()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 4);
        d.Household("TIP_LOW"); d.Tip("TIP_LOW", Eve.AddDays(-3));
        d.Household("TIP_HIGH"); d.Tip("TIP_HIGH", Eve.AddDays(-20));
        d.Household("STALE_TIP"); d.Tip("STALE_TIP", Day.AddDays(-31)); // older than the 30-day window: a model pick
        foreach (var id in new[] { "M1", "M2", "M3" }) d.Household(id);
        var scores = new[] { d.Score("TIP_LOW", 0.05), d.Score("TIP_HIGH", 0.85), d.Score("STALE_TIP", 0.1), d.Score("M1", 0.9), d.Score("M2", 0.8), d.Score("M3", 0.7) };

        var list = Listed(Build(d, scores));

        // A tipped household with a low probability ranks below untipped households with higher ones.
        Assert.Equal(["M1", "TIP_HIGH", "M2", "M3"], list.Select(e => e.HouseholdId));
        Assert.Equal([Selection.Model, Selection.Tip, Selection.Model, Selection.Model], list.Select(e => e.Selection));
        Assert.Equal([1, 2, 3, 4], list.Select(e => e.Rank));
        Assert.All(list, e => Assert.Equal(1.0, e.SelectionProbability));
    }

    [Fact]
    public void RecentTipsFirstKeepsTheFormerTipTierWhenAsked()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 3);
        d.Household("TIP_LOW"); d.Tip("TIP_LOW", Eve.AddDays(-3));
        d.Household("TIP_HIGH"); d.Tip("TIP_HIGH", Eve.AddDays(-20));
        foreach (var id in new[] { "M1", "M2" }) d.Household(id);
        var scores = new[] { d.Score("TIP_LOW", 0.05), d.Score("TIP_HIGH", 0.2), d.Score("M1", 0.9), d.Score("M2", 0.8) };

        var list = Listed(Build(d, scores, options: new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0, RecentTipsFirst = true }));

        Assert.Equal(["TIP_HIGH", "TIP_LOW", "M1"], list.Select(e => e.HouseholdId));
    }

    [Fact]
    public void UrgentTipsComeBeforeEveryScoreInTheOneRanking()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 2);
        d.Household("URGENT_LOW"); d.Tip("URGENT_LOW", Eve, urgent: true);
        d.Household("HIGH");

        var list = Listed(Build(d, [d.Score("URGENT_LOW", 0.01), d.Score("HIGH", 0.95)]));

        Assert.Equal(["URGENT_LOW", "HIGH"], list.Select(e => e.HouseholdId));
        Assert.Equal([Selection.UrgentTip, Selection.Model], list.Select(e => e.Selection));
    }

    [Fact]
    public void DescribesAFridayTipOnMondaysListAsThreeDaysAgoNotToday()
    {
        var friday = new DateOnly(2026, 3, 13);
        var d = new Some(friday);
        d.Household("H1");
        d.Tip("H1", friday, note: "며칠째 인기척 없음");

        var plan = WorklistPolicy.Build(friday.AddDays(3), d.Data(), [d.Score("H1", 0.5)], [], Calendar, new WorklistOptions { ExplorationShare = 0 });
        var reason = Assert.Single(Listed(plan)).Reasons[0];

        Assert.Equal("제보 3일 전(3/13 금), 명예사회복지공무원(경제적 어려움): 인기척 없음 \"며칠째 인기척 없음\"", reason);
        Assert.DoesNotContain("오늘", reason);
    }

    [Fact]
    public void UsesTheDefaultCapacityForADongMissingFromCapacityCsv()
    {
        var d = new Some(Eve);
        for (var i = 0; i < 8; i++) d.Household($"H{i}");

        var plan = Build(d, [.. Enumerable.Range(0, 8).Select(i => d.Score($"H{i}", 0.1 * i))]);

        Assert.Equal(5, Listed(plan).Count);
        Assert.Equal(18, plan.Dongs.Count);
    }

    [Fact]
    public void MakesNoWorklistOnWeekendsOrHolidays()
    {
        var d = new Some(new DateOnly(2026, 2, 13));
        d.Household("H1");
        d.Tip("H1", d.AsOf, urgent: true);

        Assert.False(Build(d, day: new DateOnly(2026, 2, 14)).IsBusinessDay); // Saturday
        Assert.False(Build(d, day: new DateOnly(2026, 2, 17)).IsBusinessDay); // 설날
        Assert.Empty(Build(d, day: new DateOnly(2026, 2, 17)).Entries);
        Assert.True(Build(d, day: new DateOnly(2026, 2, 19)).IsBusinessDay);
        Assert.Equal(["H1"], Ids(Build(d, day: new DateOnly(2026, 2, 19))));
    }

    [Fact]
    public void SkipsAHouseholdListedRecentlyAndNotVisitedUnlessUrgent()
    {
        var d = new Some(Eve);
        d.Household("LISTED"); d.Household("LISTED_URGENT"); d.Household("LISTED_VISITED"); d.Household("OTHER");
        d.Tip("LISTED_URGENT", Eve.AddDays(-3), urgent: true);
        d.Tip("LISTED_VISITED", Eve.AddDays(-4));
        d.Visit("LISTED_VISITED", Day.AddDays(-2), VisitResult.Absent);
        d.Tip("LISTED_VISITED", Eve); // new after the 부재 as well
        var earlierDay = Day.AddDays(-2);
        WorklistEntry Old(string id) => new(earlierDay, Some.Dong, 1, id, Selection.Model, 0.5, "m1", [], 1, false, null, 0);
        var scores = new[] { d.Score("LISTED", 0.9), d.Score("LISTED_URGENT", 0.1), d.Score("LISTED_VISITED", 0.1), d.Score("OTHER", 0.2) };

        var ids = Ids(Build(d, scores, [Old("LISTED"), Old("LISTED_URGENT"), Old("LISTED_VISITED")],
            options: new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0, AbsentReturnDays = 1 }));

        Assert.Equal(["LISTED_URGENT", "OTHER", "LISTED_VISITED"], ids);

        // Six business days later the rule no longer holds it back.
        var later = Build(d, scores, [Old("LISTED")], day: Day.AddDays(8));
        Assert.Contains("LISTED", Ids(later));
    }

    [Fact]
    public void ExplorationDrawIsTheSameForADateAndDiffersForAnother()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 20);
        for (var i = 0; i < 400; i++) d.Household($"H{i:000}");
        var scores = Enumerable.Range(0, 400).Select(i => d.Score($"H{i:000}", i / 1000.0)).ToArray();
        var options = new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0.25 };

        List<string> Explored(DateOnly day) => [.. Listed(WorklistPolicy.Build(day, d.Data(), scores, [], Calendar, options))
            .Where(e => e.Selection == Selection.Exploration).Select(e => e.HouseholdId)];

        var first = Explored(Day);
        Assert.Equal(5, first.Count);
        Assert.Equal(first, Explored(Day));
        Assert.NotEqual(first, Explored(Day.AddDays(1)));

        var plan = WorklistPolicy.Build(Day, d.Data(), scores, [], Calendar, options);
        var list = Listed(plan);
        Assert.Equal(20, list.Count);
        Assert.Equal(15, list.Count(e => e.Selection == Selection.Model));
        var explored = list.Where(e => e.Selection == Selection.Exploration).ToList();
        Assert.All(explored, e => Assert.Equal(5.0 / 385, e.SelectionProbability, 12));
        Assert.All(explored, e => Assert.Contains("탐색: 무작위 선정(선정확률 1.299%)", e.Reasons));
        Assert.All(list.Take(15), e => Assert.Equal(1.0, e.SelectionProbability));
    }

    [Fact]
    public void ExplorationTakesItsShareOfSlotsOverTime()
    {
        var d = new Some(new DateOnly(2025, 12, 31));
        d.Capacity(Some.Dong, 6);
        for (var i = 0; i < 300; i++) d.Household($"H{i:000}");
        var scores = Enumerable.Range(0, 300).Select(i => d.Score($"H{i:000}", i / 1000.0)).ToArray();
        var data = d.Data();

        int slots = 0, explored = 0;
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
        {
            if (!Calendar.IsBusinessDay(day)) continue;
            var list = Listed(WorklistPolicy.Build(day, data, scores, [], Calendar, WorklistOptions.Default with { ModelTierRequiresSignal = false }));
            slots += list.Count;
            explored += list.Count(e => e.Selection == Selection.Exploration);
        }

        var share = (double)explored / slots;
        // The default 2%: 6 x 2% = 0.12 expected slots a day, about 30 over 248 business days.
        Assert.Equal(0.02, WorklistOptions.Default.ExplorationShare);
        Assert.InRange(share, 0.013, 0.027);
    }

    [Fact]
    public void FallsBackToTipsAndTheRulesScoreWithoutScores()
    {
        var d = new Some(Eve);
        d.Capacity(Some.Dong, 3);
        d.Household("TIPPED"); d.Tip("TIPPED", Eve);
        d.Household("TWO"); d.Crisis("TWO", new DateOnly(2026, 1, 1), CrisisIndicators.ElecArrears); d.Crisis("TWO", new DateOnly(2026, 1, 1), CrisisIndicators.JobLoss);
        d.Household("ONE"); d.Crisis("ONE", new DateOnly(2026, 1, 1), CrisisIndicators.GasCutoff);
        d.Household("NONE");

        var plan = Build(d);
        var list = Listed(plan);

        Assert.Equal(ScoringMode.Rules, plan.Mode);
        Assert.Equal(["TIPPED", "TWO", "ONE"], list.Select(e => e.HouseholdId));
        Assert.All(list, e => Assert.Equal(RiskGrades.RulesVersion, e.ModelVersion));
        Assert.Equal(2, list[1].Score);
        Assert.Contains("모델 점수 없음: 규칙 점수", list[1].Reasons);
        Assert.Contains("최근 위기정보: 전기요금체납, 고용위기", list[1].Reasons);
    }

    [Fact]
    public void TipReasonNamesTheReporterTheSignsAndAShortExcerptWithPhoneNumbersMasked()
    {
        var d = new Some(Eve);
        d.Household("H1", name: "김철수");
        const string note = "집 앞에 우편물이 쌓이고 악취가 남; 집주인 010-9999-8888 연락 요망.\r\n재방문 필요. 이 뒤로는 잘려야 하는 아주 긴 메모";
        d.Tip("H1", Eve, urgent: true, category: "고립", note: note);

        var entry = Assert.Single(Listed(Build(d, [d.Score("H1", 0.4, reasons: ["1인 가구 60대 남성"])])));

        Assert.Equal(["긴급 제보 어제(3/10 화), 명예사회복지공무원(사회적 고립): 우편물 적체, 악취 \"집 앞에 우편물이 쌓이고 악취가 남, 집주인 *** 연락 요망. 재방문 필…\"",
            "1인 가구 60대 남성"], entry.Reasons);
        Assert.DoesNotContain(entry.Reasons, r => r.Contains("9999"));
    }

    [Fact]
    public void BuildsTheSameListsFromTheSameInputs()
    {
        var d = new Some(Eve);
        for (var i = 0; i < 60; i++) { d.Household($"H{i:00}", dong: Dongs.All[i % 18]); if (i % 7 == 0) d.Tip($"H{i:00}", Eve.AddDays(-i % 5), urgent: i % 14 == 0, dong: Dongs.All[i % 18]); }
        var scores = Enumerable.Range(0, 60).Select(i => d.Score($"H{i:00}", (i * 37 % 100) / 100.0, Dongs.All[i % 18])).ToArray();
        var options = new WorklistOptions { ModelTierRequiresSignal = false, ExplorationShare = 0.3 };

        var a = WorklistPolicy.Build(Day, d.Data(), scores, [], Calendar, options).Entries.ToList();
        var b = WorklistPolicy.Build(Day, d.Data(), scores.Reverse().ToArray(), [], Calendar, options).Entries.ToList();

        Assert.Equal(a.Select(e => (e.Dong, e.Rank, e.HouseholdId, e.Selection)), b.Select(e => (e.Dong, e.Rank, e.HouseholdId, e.Selection)));
    }

    [Fact]
    public void RefusesDataThatLooksAhead()
    {
        var d = new Some(Day);
        Assert.Throws<ArgumentException>(() => Build(d));
    }

    [Fact]
    public void NeverStatesTheTipTwice()
    {
        var d = new Some(Eve);
        d.Household("H1");
        d.Tip("H1", Eve, category: "고립", note: "현관 앞에 우편물이 쌓여 있고 악취가 남");
        d.Household("H2");
        d.Tip("H2", Day.AddDays(-60), note: "악취가 남");
        d.Capacity(Some.Dong, 2);

        var list = Listed(Build(d, [d.Score("H1", 0.6, Some.Dong, "제보 이력: 우편물 적체, 악취", "1인 가구 60대 남성"),
            d.Score("H2", 0.5, Some.Dong, "제보 이력: 악취", "관리비 3개월 체납")]));

        // H1's tip is described by the list; the model's summary of the same tip is left out.
        Assert.Single(list[0].Reasons, r => r.Contains("악취", StringComparison.Ordinal));
        Assert.Equal("1인 가구 60대 남성", list[0].Reasons[^1]);
        // H2 has no recent tip: the model's tip history is its only mention of it.
        Assert.Equal(["제보 이력: 악취", "관리비 3개월 체납"], list[1].Reasons);
    }

    [Fact]
    public void ModelPicksNeedATipOrACrisisIndicatorByDefault()
    {
        var d = new Some(Eve);
        d.Household("H-facts-only");
        d.Household("H-arrears");
        d.Crisis("H-arrears", new DateOnly(2025, 12, 1), CrisisIndicators.MgmtFeeArrears, 3);
        d.Household("H-old-tip");
        d.Tip("H-old-tip", Eve.AddDays(-200));

        var plan = WorklistPolicy.Build(Day, d.Data(), [d.Score("H-facts-only", 0.9), d.Score("H-arrears", 0.3), d.Score("H-old-tip", 0.2)],
            [], Calendar, new WorklistOptions { ExplorationShare = 0 });

        Assert.Equal(["H-arrears", "H-old-tip"], Ids(plan));
    }
}
