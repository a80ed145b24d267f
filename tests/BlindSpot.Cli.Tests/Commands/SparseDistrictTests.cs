using System.Text.Json;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Districts whose inbox lacks a feed, as at a district's start: no visit result yet (nothing to train on), or no tip
/// and no crisis row (no household the lists can rank by probability). A generated inbox without those files, a real
/// SQLite file, real training. Found by this suite's review: both ended in an unhandled exception (exit 134, a trace),
/// because the features of no household at all were an empty range the partitioner refused.
/// </summary>
public sealed class SparseDistrictTests : IDisposable
{
    readonly TempDir dir = new();
    string Inbox => dir.File("inbox");
    string Db => dir.File("blindspot.db");

    /// <summary>Writes a generated inbox and deletes the files of the named feeds (their file name prefixes).</summary>
    void WriteInboxWithout(int households, params string[] prefixes)
    {
        new DistrictGenerator(new SampleOptions { Households = households, Seed = 3, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(Inbox);
        foreach (var prefix in prefixes)
        {
            var files = Directory.GetFiles(Inbox, prefix + "*.csv");
            Assert.NotEmpty(files);
            foreach (var file in files) File.Delete(file);
        }
    }

    [Fact]
    public async Task WithoutVisitResultsTrainSaysThereIsNoHistoryAndRunStillWritesTheLists()
    {
        WriteInboxWithout(500, "outcomes_");
        var ingest = await Cli.RunAsync("ingest", "--inbox", Inbox, "--db", Db);
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);

        var train = await Cli.RunAsync("train", "--as-of", "2026-10-30", "--db", Db);
        Assert.True(train.ExitCode == 1, train.Output + train.Error);
        Assert.Contains("방문 결과가 0건뿐입니다", train.Output + train.Error);

        var run = await Cli.RunAsync("run", "--inbox", Inbox, "--out", dir.File("out"), "--as-of", "2026-10-30", "--db", Db);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(18, Directory.GetFiles(Path.Combine(dir.File("out"), "worklists", "2026-11-02")).Length);
    }

    [Fact]
    public async Task WithoutTipsOrCrisisRowsTheChampionScoresEveryHousehold()
    {
        // Visits to train on, but no household with a tip or a recent crisis row: none can be ranked by probability, so
        // score falls back to every living household (the lists still run on the model).
        WriteInboxWithout(2000, "tips_", "crisis_");
        var ingest = await Cli.RunAsync("ingest", "--inbox", Inbox, "--db", Db);
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        var train = await Cli.RunAsync("train", "--as-of", "2026-10-30", "--no-promote", "--json", "--db", Db);
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        var version = JsonDocument.Parse(train.Output).RootElement.GetProperty("version").GetString()!;
        var promote = await Cli.RunAsync("promote", version, "--by", "분석가A", "--reason", "시험", "--db", Db);
        Assert.True(promote.ExitCode == 0, promote.Output + promote.Error);

        var score = await Cli.RunAsync("score", "--as-of", "2026-10-30", "--json", "--db", Db);

        Assert.True(score.ExitCode == 0, score.Output + score.Error);
        await using var store = await StoreFactory.OpenAsync(Db, default);
        var living = (await store.LoadDistrictAsync(new DateOnly(2026, 10, 30), default)).Households.Count(h => !h.MovedOut);
        Assert.Equal(living, JsonDocument.Parse(score.Output).RootElement.GetProperty("scored").GetInt32());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
