using System.Text.Json;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>`worklists` and its options over a generated district ingested into a real SQLite file (no model: rules mode).</summary>
public sealed class WorklistsCommandTests(ConfigurationTests.District district) : IClassFixture<ConfigurationTests.District>, IDisposable
{
    readonly TempDir outDir = new();

    [Fact]
    public async Task PrintsEachDongsListAndHowManyHouseholdsEachExclusionKeptOff()
    {
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", outDir.Path, "--db", district.Db, "--json");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);

        using var json = JsonDocument.Parse(run.Output);
        var dongs = json.RootElement.GetProperty("dongs").EnumerateArray().ToList();
        Assert.Equal(18, dongs.Count);
        int Kept(string exclusion) => dongs.Sum(d => d.GetProperty("excluded").TryGetProperty(exclusion, out var n) ? n.GetInt32() : 0);
        // The generated registry has case-managed households: they are kept off, and counted.
        Assert.True(Kept("case_managed") > 0);

        var text = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", outDir.Path, "--db", district.Db);
        Assert.Contains($"사례관리 중 {Kept("case_managed")}", text.Output);
        Assert.Contains("목록에서 뺀 세대: 전출 ", text.Output);

        // The store keeps the counts it printed, per dong.
        var day = new DateOnly(2026, 11, 2);
        await using var store = await StoreFactory.OpenAsync(district.Db, default);
        var stored = await store.LoadExclusionCountsAsync(day, day, default);
        Assert.Equal(18 * Enum.GetValues<Exclusion>().Length, stored.Count);
        foreach (var dong in dongs)
        {
            var name = dong.GetProperty("dong").GetString();
            var printed = dong.GetProperty("excluded").EnumerateObject().Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());
            var kept = stored.Where(x => x.Dong == name && x.Households > 0).ToDictionary(x => JsonNamingPolicy.SnakeCaseLower.ConvertName(x.Exclusion.ToString()), x => x.Households);
            Assert.Equal(printed.OrderBy(p => p.Key), kept.OrderBy(p => p.Key));
        }
        Assert.Contains("목록에서 뺀 세대: " + WorklistResult.TextOf(Enum.GetValues<Exclusion>()
            .Select(e => KeyValuePair.Create(e, stored.Where(x => x.Exclusion == e).Sum(x => x.Households)))), text.Output);
    }

    [Fact]
    public async Task TheAsOfOptionMustBeBeforeTheDayOfTheLists()
    {
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--as-of", "2026-11-02", "--out", outDir.Path, "--db", district.Db);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--as-of는 --date보다 앞선 날이어야 합니다: 명단은 그 전날까지 알려진 것으로 만듭니다. (--help: 명령과 옵션 보기)", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(outDir.Path, "worklists")));
    }

    [Fact]
    public async Task APublicHolidayFromTheHolidaysFileHasNoLists()
    {
        var holidays = Path.Combine(outDir.Path, "holidays.txt");
        await File.WriteAllLinesAsync(holidays, ["2026-11-02 # a district holiday"]);
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", outDir.Path, "--db", district.Db, "--holidays", holidays);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("업무일이 아닙니다", run.Output);
        Assert.False(Directory.Exists(Path.Combine(outDir.Path, "worklists", "2026-11-02")));
    }

    [Fact]
    public async Task AHolidaysFileWithABadLineIsAUsageErrorOfOneLine()
    {
        var holidays = Path.Combine(outDir.Path, "holidays.txt");
        await File.WriteAllLinesAsync(holidays, ["2026-11-02", "next monday"]);
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", outDir.Path, "--db", district.Db, "--holidays", holidays);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"설정이 잘못되었습니다: BlindSpot:Calendar:HolidaysFile {holidays}의 2번째 줄이 yyyy-MM-dd 형식의 날짜가 아닙니다.", run.Error.Trim());
    }

    public void Dispose() => outDir.Dispose();
}
