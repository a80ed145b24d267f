using BlindSpot.Samples;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Configuration that really configures: the real `blindspot` executable in its own process (so that environment
/// variables reach it as they would from a shell), over a store ingested from a generated district.
/// Layers, lowest first: appsettings.json in the working folder, environment variables, command-line flags.
/// </summary>
public sealed class ConfigurationTests(ConfigurationTests.District district) : IClassFixture<ConfigurationTests.District>
{
    const string Date = "2026-11-02"; // a Monday: the lists are built from what was known on Friday 2026-10-30

    /// <summary>A small district ingested once into a real SQLite file (no model: the lists rank by tips and rules).</summary>
    public sealed class District : IAsyncLifetime, IDisposable
    {
        public TempDir Dir { get; } = new();
        public string Db => Dir.File("blindspot.db");

        public async Task InitializeAsync()
        {
            var inbox = Dir.File("inbox");
            new DistrictGenerator(new SampleOptions { Households = 2000, Seed = 5, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(inbox);
            var ingest = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", Db);
            Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        }

        public Task DisposeAsync() => Task.CompletedTask;
        public void Dispose() => Dir.Dispose();
    }

    /// <summary>Builds the lists of the ingested store (--db) into a fresh folder and counts the 탐색 (exploration) rows over the 18 files.</summary>
    Task<(Cli.Result Run, int Exploration)> WorklistsAsync(Dictionary<string, string> environment, string? appsettings = null, params string[] extra) =>
        WorklistsWithoutDbFlagAsync(environment, appsettings, ["--db", district.Db, .. extra]);

    /// <summary>As <see cref="WorklistsAsync"/> without --db: the store is the one the configuration names.</summary>
    async Task<(Cli.Result Run, int Exploration)> WorklistsWithoutDbFlagAsync(Dictionary<string, string> environment, string? appsettings, string[] extra)
    {
        var work = district.Dir.File("run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        if (appsettings is not null) await File.WriteAllTextAsync(Path.Combine(work, "appsettings.json"), appsettings);
        var outDir = Path.Combine(work, "out");
        var run = await Cli.RunProcessAsync(environment, work, ["worklists", "--date", Date, "--out", outDir, .. extra]);
        var folder = Path.Combine(outDir, "worklists", Date);
        var exploration = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Sum(f => File.ReadLines(f).Count(l => l.Contains(",탐색,", StringComparison.Ordinal)))
            : 0;
        return (run, exploration);
    }

    [Fact]
    public async Task ByDefaultAShareOfEachListIsDrawnAtRandom()
    {
        var (run, exploration) = await WorklistsAsync([]);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(exploration > 0, "the default exploration share (2%) drew no 탐색 row: the zero-share tests would prove nothing");
    }

    [Fact]
    public async Task AHalfShareFromTheEnvironmentDrawsManyMore()
    {
        var byDefault = await WorklistsAsync([]);
        var (run, exploration) = await WorklistsAsync(new() { ["BlindSpot__Worklists__ExplorationShare"] = "0.5" });
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(exploration > byDefault.Exploration, $"{exploration} 탐색 rows at 50% against {byDefault.Exploration} at 2%");
    }

    [Fact]
    public async Task AnExplorationShareOfZeroFromTheEnvironmentListsNoExplorationRow()
    {
        var (run, exploration) = await WorklistsAsync(new() { ["BlindSpot__Worklists__ExplorationShare"] = "0" });
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("방문 목록 " + Date, run.Output);
        Assert.Equal(0, exploration);
    }

    [Fact]
    public async Task TheDistrictHistoryIsKeptWhereTheEnvironmentSays()
    {
        var folder = district.Dir.File("cache-" + Guid.NewGuid().ToString("N")[..8]);
        var (run, _) = await WorklistsAsync(new() { ["BlindSpot__DistrictCache"] = folder });
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var kept = Assert.Single(Directory.GetFiles(folder, "*.district-cache"));
        Assert.DoesNotContain("blindspot", Path.GetFileName(kept), StringComparison.Ordinal); // named by a hash, not by the store
    }

    [Fact]
    public async Task TheDistrictHistoryIsKeptWhereAppsettingsJsonSays()
    {
        var folder = district.Dir.File("cache-" + Guid.NewGuid().ToString("N")[..8]);
        var json = $$"""{ "BlindSpot": { "DistrictCache": "{{folder.Replace("\\", "/", StringComparison.Ordinal)}}" } }""";
        var (run, _) = await WorklistsAsync([], json);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Single(Directory.GetFiles(folder, "*.district-cache"));
    }

    [Fact]
    public async Task AnExplorationShareOfZeroFromAppsettingsJsonListsNoExplorationRow()
    {
        var (run, exploration) = await WorklistsAsync([], """{ "BlindSpot": { "Worklists": { "ExplorationShare": 0 } } }""");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(0, exploration);
    }

    [Fact]
    public async Task TheCommandLineFlagOverridesTheEnvironment()
    {
        var (run, exploration) = await WorklistsAsync(new() { ["BlindSpot__Worklists__ExplorationShare"] = "0" }, null, "--exploration-share", "0.5");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(exploration > 0);
    }

    [Theory]
    [InlineData("1.5", "ExplorationShare는 0에서 1 사이여야 합니다")]
    [InlineData("lots", "BlindSpot:Worklists:ExplorationShare 값을 읽을 수 없습니다 (숫자이어야 합니다).")]
    public async Task AnInvalidValueStopsTheCommandWithExitCodeTwoAndOneLine(string value, string expected)
    {
        var (run, _) = await WorklistsAsync(new() { ["BlindSpot__Worklists__ExplorationShare"] = value });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("설정이 잘못되었습니다: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task TheOlderBlindspotDbVariableStillNamesTheStoreButBlindSpotDbWins()
    {
        // No --db flag here: it overrides both variables, and the test would pass whichever of them the CLI read.
        var (older, _) = await WorklistsWithoutDbFlagAsync(new() { ["BLINDSPOT_DB"] = district.Db }, null, []);
        Assert.True(older.ExitCode == 0, older.Output + older.Error);

        // BLINDSPOT_DB (lower) names the ingested store, BlindSpot__Db one that does not exist: the second wins, and
        // worklists, which creates no store, refuses it by name.
        var missing = district.Dir.File("missing.db");
        var (both, _) = await WorklistsWithoutDbFlagAsync(new() { ["BLINDSPOT_DB"] = district.Db, ["BlindSpot__Db"] = missing }, null, []);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("저장소가 없습니다", both.Error);
        Assert.Contains(missing, both.Error);
        Assert.False(File.Exists(missing));
    }
}
