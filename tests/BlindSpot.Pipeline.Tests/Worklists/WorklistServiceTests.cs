using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Pipeline.Tests.Worklists;

/// <summary>The worklist and target use cases over a real SQLite file, day after day.</summary>
public sealed class WorklistServiceTests : IAsyncLifetime
{
    const string Dong = "문래동";
    static readonly DateOnly Monday = new(2026, 3, 9);
    readonly string dir = Directory.CreateTempSubdirectory("bs-wl-").FullName;
    IBlindSpotStore store = null!;
    int fileSeq;

    public async Task InitializeAsync()
    {
        store = await StoreFactory.OpenAsync(Path.Combine(dir, "blindspot.db"), CancellationToken.None);
        var snapshot = Monday.AddDays(-30);
        var households = Enumerable.Range(0, 30).Select(i => new Household($"H{i:00}", Dong, $"문래로 {i}", $"성명{i}", "010-0000-0000",
            1950 + i, Sex.M, 1, 0, null, null, null, "연립다세대", "월세", new DateOnly(2015, 1, 1), false, i == 29, snapshot)).ToList();
        households.Add(households[0] with { HouseholdId = "D01", Dong = "도림동", Address = "=cmd|' /C calc'!A0" });
        await CommitAsync(Feed.Households, households: households);
        await CommitAsync(Feed.Capacity, capacity: [new DongCapacity(Dong, 3)]);
        await CommitAsync(Feed.TargetsBaseline, baselines: [new TargetBaseline(Dong, 2025, 10)]);
        await CommitAsync(Feed.TipsOfficer, tips:
        [
            new Tip(TipSource.Officer, "T1", Monday.AddDays(-1).ToDateTime(new TimeOnly(21, 0)), "o1", Dong, "문래로 5", "성명5", null, "H05",
                MatchMethod.HouseholdId, "고립", true, "성명5 씨 집에 우편물이 쌓여 있음"),
        ]);
        // Scores of Monday: H29 (case-managed) highest, then H28, H27, ...
        await store.ReplaceScoresAsync(Monday, households.Select((h, i) => new HouseholdScore(Monday, h.HouseholdId, h.Dong, "m1", i / 40.0, ["1인 가구"])).ToList(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    Task CommitAsync(Feed feed, IReadOnlyList<Household>? households = null, IReadOnlyList<Tip>? tips = null, IReadOnlyList<Outcome>? outcomes = null,
        IReadOnlyList<DongCapacity>? capacity = null, IReadOnlyList<TargetBaseline>? baselines = null)
    {
        var sha = (++fileSeq).ToString("x64");
        var file = new FileLedgerEntry(sha, $"{Feeds.Name(feed)}_{fileSeq}.csv", feed, "utf-8", 1, 1, 0, 0, null, [], new DateTime(2026, 3, 1));
        return store.CommitFileAsync(new IngestBatch(file) { Households = households ?? [], Tips = tips ?? [], Outcomes = outcomes ?? [], Capacity = capacity ?? [], Baselines = baselines ?? [] }, CancellationToken.None);
    }

    WorklistService Service() => new(store, NullLogger<WorklistService>.Instance, new WorklistSettings { Policy = new WorklistOptions { ExplorationShare = 0, ModelTierRequiresSignal = false } }, Parts.Output);

    string FileOf(DateOnly day, string dong) => Path.Combine(dir, "out", "worklists", day.ToString("yyyy-MM-dd"), dong + ".csv");

    [Fact]
    public async Task BuildsEighteenFilesAndStoresTheEntriesIdempotently()
    {
        var tuesday = Monday.AddDays(1);
        var first = await Service().BuildAsync(tuesday, Path.Combine(dir, "out"), CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(FileOf(tuesday, Dong));
        var again = await Service().BuildAsync(tuesday, Path.Combine(dir, "out"), CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal(ScoringMode.Model, first.Mode);
        Assert.Equal(Monday, first.ScoresAsOf);
        Assert.Equal(18, Directory.GetFiles(Path.GetDirectoryName(FileOf(tuesday, Dong))!).Length);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(FileOf(tuesday, Dong)));
        Assert.Equal(first.Dongs, again.Dongs);

        var stored = await store.LoadWorklistAsync(tuesday, CancellationToken.None);
        Assert.Equal(["H05", "H28", "H27"], stored.Where(e => e.Dong == Dong).OrderBy(e => e.Rank).Select(e => e.HouseholdId));
        Assert.Equal(Selection.UrgentTip, stored.Single(e => e.HouseholdId == "H05").Selection);
        Assert.Equal(4, stored.Count); // 3 in 문래동 + D01 in 도림동 (default capacity)

        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
        Assert.Equal("\uFEFF순위,세대ID,성명,주소,연락처,위험점수,위험등급,선정구분,선정사유,최근제보일,제보건수", lines[0]);
        // The tip as the worker reads it: relative to Tuesday's list, who reported it, its signs and the note's start.
        Assert.Equal("1,H05,성명5,문래로 5,010-0000-0000,13,낮음,긴급제보,\"긴급 제보 2일 전(3/8 일), 명예사회복지공무원(사회적 고립): 우편물 적체 \"\"성명5 씨 집에 우편물이 쌓여 있음\"\"; 1인 가구\",2026-03-08,1", lines[1]);
        Assert.StartsWith("2,H28,성명28,문래로 28,010-0000-0000,70,높음,모델,1인 가구,,0", lines[2]);
        Assert.Contains(",\"'=cmd|' /C calc'!A0\",", await File.ReadAllTextAsync(FileOf(tuesday, "도림동")));
    }

    [Fact]
    public async Task TakesVisitOutcomesBackDayAfterDayAndCountsDiscoveries()
    {
        var outDir = Path.Combine(dir, "out");
        var tuesday = Monday.AddDays(1);
        await Service().BuildAsync(tuesday, outDir, CancellationToken.None);
        await CommitAsync(Feed.Outcomes, outcomes:
        [
            new Outcome("H05", tuesday, VisitResult.Discovered, "긴급지원", "w1"),
            new Outcome("H28", tuesday, VisitResult.Absent, null, "w1"),
            new Outcome("H27", tuesday, VisitResult.NotInCrisis, null, "w1"),
        ]);

        var wednesday = await Service().BuildAsync(tuesday.AddDays(1), outDir, CancellationToken.None);
        var thursday = await Service().BuildAsync(tuesday.AddDays(2), outDir, CancellationToken.None);
        var friday = await Service().BuildAsync(tuesday.AddDays(3), outDir, CancellationToken.None);
        var saturday = await Service().BuildAsync(tuesday.AddDays(4), outDir, CancellationToken.None);

        async Task<List<string>> Ids(DateOnly d) => [.. (await store.LoadWorklistAsync(d, CancellationToken.None)).Where(e => e.Dong == Dong).OrderBy(e => e.Rank).Select(e => e.HouseholdId)];
        Assert.Equal(["H26", "H25", "H24"], await Ids(tuesday.AddDays(1)));    // visited ones drop out
        Assert.Equal(["H23", "H22", "H21"], await Ids(tuesday.AddDays(2)));    // unvisited listings are not repeated at once
        Assert.Equal(["H28", "H20", "H19"], await Ids(tuesday.AddDays(3)));    // 부재 comes back after 3 days
        Assert.All([wednesday, thursday, friday], r => Assert.True(r.IsBusinessDay));
        Assert.False(saturday.IsBusinessDay);
        Assert.False(Directory.Exists(Path.Combine(outDir, "worklists", "2026-03-14")));

        var targets = await new TargetsService(store, NullLogger<TargetsService>.Instance, TargetOptions.Default, Parts.Output)
            .ReportAsync(2026, tuesday.AddDays(3), outDir, CancellationToken.None);
        var mullae = targets.Report!.Dongs.Single(d => d.Dong == Dong);
        Assert.Equal((10, 11, 1), (mullae.Baseline, mullae.Target, mullae.DiscoveriesYtd));
        Assert.Equal(Path.Combine(outDir, "targets", "2026.csv"), targets.File);
        Assert.Equal(19, File.ReadAllLines(targets.File!).Length);
    }

    [Fact]
    public async Task StoresTheExclusionCountsItReportsPerDongAndDay()
    {
        var outDir = Path.Combine(dir, "out");
        var tuesday = Monday.AddDays(1);
        var first = await Service().BuildAsync(tuesday, outDir, CancellationToken.None);
        await CommitAsync(Feed.Outcomes, outcomes:
        [
            new Outcome("H05", tuesday, VisitResult.Discovered, "긴급지원", "w1"),
            new Outcome("H28", tuesday, VisitResult.Absent, null, "w1"),
            new Outcome("H27", tuesday, VisitResult.NotInCrisis, null, "w1"),
        ]);
        await Service().BuildAsync(tuesday.AddDays(1), outDir, CancellationToken.None);
        var thursday = tuesday.AddDays(2);
        await Service().BuildAsync(thursday, outDir, CancellationToken.None);
        var again = await Service().BuildAsync(thursday, outDir, CancellationToken.None); // replaced, not added to

        // Every dong and every exclusion of the day, zeros included, exactly as the result reports them (and `run` prints).
        var stored = await store.LoadExclusionCountsAsync(thursday, thursday, CancellationToken.None);
        Assert.Equal(18 * Enum.GetValues<Exclusion>().Length, stored.Count);
        foreach (var dong in again.Dongs)
            foreach (var e in Enum.GetValues<Exclusion>())
                Assert.Equal(dong.Excluded.GetValueOrDefault(e), stored.Single(x => x.Dong == dong.Dong && x.Exclusion == e).Households);
        Assert.Equal(again.Excluded, [.. Enum.GetValues<Exclusion>().Select(e => KeyValuePair.Create(e, stored.Where(x => x.Exclusion == e).Sum(x => x.Households)))]);
        // Thursday in 문래동: H29 case-managed; H05 and H27 visited on Tuesday; H28 absent on Tuesday (back on Friday);
        // Wednesday's H26, H25, H24 listed and not visited since.
        var mullae = stored.Where(x => x.Dong == Dong).ToDictionary(x => x.Exclusion, x => x.Households);
        Assert.Equal((0, 1, 2, 1, 0, 3), (mullae[Exclusion.MovedOut], mullae[Exclusion.CaseManaged], mullae[Exclusion.CoolOff],
            mullae[Exclusion.AbsentWaiting], mullae[Exclusion.BasicLivelihood], mullae[Exclusion.RecentlyListed]));

        // Tuesday's counts stay those of Tuesday's lists.
        var tuesdays = await store.LoadExclusionCountsAsync(tuesday, tuesday, CancellationToken.None);
        Assert.Equal(first.Excluded, [.. Enum.GetValues<Exclusion>().Select(e => KeyValuePair.Create(e, tuesdays.Where(x => x.Exclusion == e).Sum(x => x.Households)))]);
        Assert.Equal(1, tuesdays.Single(x => x.Dong == Dong && x.Exclusion == Exclusion.CaseManaged).Households);
        Assert.Equal(0, tuesdays.Where(x => x.Dong == Dong && x.Exclusion != Exclusion.CaseManaged).Sum(x => x.Households));
    }

    [Fact]
    public async Task FallsBackToTheRulesScoreWhenNoScoresExist()
    {
        var day = Monday.AddDays(21); // a Monday three weeks on: the scores of the first Monday are too old to rank its lists
        await CommitAsync(Feed.TipsOfficer, tips:
        [
            new Tip(TipSource.Officer, "T2", day.AddDays(-1).ToDateTime(new TimeOnly(10, 0)), "o1", Dong, "문래로 7", "성명7", null, "H07",
                MatchMethod.HouseholdId, "고립", false, "성명7 씨가 며칠째 보이지 않음"),
        ]);

        var result = await Service().BuildAsync(day, Path.Combine(dir, "out"), CancellationToken.None);

        Assert.True(result.IsBusinessDay);
        Assert.Equal(ScoringMode.Rules, result.Mode);
        Assert.Null(result.ScoresAsOf);
        // Without scores the lists still list: the tipped household, ranked by tips and the rules score.
        var listed = (await store.LoadWorklistAsync(day, CancellationToken.None)).Where(e => e.Dong == Dong).OrderBy(e => e.Rank).ToList();
        Assert.Equal("H07", listed.First().HouseholdId);
        Assert.DoesNotContain(listed, e => e.HouseholdId == "H28"); // the model's favourite of Monday is not carried over
    }

    [Fact]
    public async Task RefusesAnAsOfDayOnOrAfterTheWorklistDay()
    {
        var result = await Service().BuildAsync(Monday, Monday, Path.Combine(dir, "out"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
