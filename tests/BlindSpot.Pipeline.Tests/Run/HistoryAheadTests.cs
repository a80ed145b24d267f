using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Run;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Pipeline.Tests.Run;

/// <summary>
/// The main job reads the district's history beside the ingest (docs/adr/0006, "the history loaded beside the ingest"):
/// the same generated inbox, day after day, goes into two real SQLite stores, one whose runs read the history ahead and one
/// whose store cannot (the way every run read it before). The stored scores and the lists must be the same every day, a
/// file that changes the history after the read started (September's crisis file sent again, corrected, under the name
/// the ledger knows) must make the run read the history again, and a day's tips must leave it taken.
/// </summary>
public sealed class HistoryAheadTests : IAsyncLifetime
{
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly DateOnly[] Days = [new(2026, 10, 30), new(2026, 11, 2), new(2026, 11, 3)];

    readonly TempDir dir = new();
    IBlindSpotStore aheadInner = null!, ahead = null!, plainInner = null!, plain = null!;

    string Inbox => Path.Combine(dir.Path, "inbox");

    public async Task InitializeAsync()
    {
        aheadInner = await StoreFactory.OpenAsync(dir.File("ahead.db"), Ct);
        ahead = new ReadFirst(aheadInner);
        plainInner = await StoreFactory.OpenAsync(dir.File("plain.db"), Ct);
        plain = new NoReadAhead(plainInner);
    }

    public async Task DisposeAsync()
    {
        await aheadInner.DisposeAsync();
        await plainInner.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    /// <summary>The same store, unable to read ahead (the interface's default): its loads read the history as before.</summary>
    sealed class NoReadAhead(IBlindSpotStore inner) : StoreDecorator(inner)
    {
        public override DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => null;
    }

    /// <summary>
    /// The same store, whose commits wait until a read ahead started before them is over: the worst case for the read
    /// (it holds the history as it was before the file, every time), instead of whichever the thread pool makes of it.
    /// </summary>
    sealed class ReadFirst(IBlindSpotStore inner) : StoreDecorator(inner)
    {
        DistrictHistoryAhead? started;

        public override DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => started = Inner.ReadHistoryAhead(ct);

        public override async Task<bool> CommitFileAsync(Core.Ingest.IngestBatch batch, CancellationToken ct)
        {
            if (started is { } read) await read.Completion;
            return await Inner.CommitFileAsync(batch, ct);
        }

        public override async Task<bool> CommitFilesAsync(IReadOnlyList<Core.Ingest.IngestBatch> batches, CancellationToken ct)
        {
            if (started is { } read) await read.Completion;
            return await Inner.CommitFilesAsync(batches, ct);
        }
    }

    [Fact]
    public async Task TheListsAreTheSameWithAndWithoutTheHistoryReadAheadAndAHistoryChangedMeanwhileIsReadAgain()
    {
        var generator = new DistrictGenerator(new SampleOptions { Households = 2000, Seed = 11, AsOf = Days[0] });
        generator.WriteInbox(Inbox);

        // The first run: no kept file yet, so nothing is read ahead (the tables are not: ADR 0006, eleventh pass).
        Assert.Equal(HistoryAheadUse.NotTaken, await BothAsync(Days[0]));

        // September's crisis file again, corrected: rows added under the name the ledger knows. The run starts reading the
        // history at once (a known name is most likely skipped); the file then changes it.
        var district = await ahead.LoadDistrictAsync(Days[0], Ct);
        var september = new DateOnly(2026, 9, 1);
        var arrears = district.Crisis.Where(c => c.Month == september && c.Indicator == "ELEC_ARREARS").Select(c => c.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var added = district.Households.Where(h => !h.MovedOut && !arrears.Contains(h.HouseholdId)).Take(40).Select(h => h.HouseholdId).ToList();
        var crisisFile = Path.Combine(Inbox, "crisis_202609.csv");
        Assert.True(File.Exists(crisisFile));
        // (The generated files' columns come in several orders: the header says which.)
        var columns = File.ReadLines(crisisFile).First().Split(',');
        string Row(string id) => string.Join(",", columns.Select(c => c switch
        {
            "indicator" => "ELEC_ARREARS",
            "value" => "4",
            "household_id" => id,
            "reference_month" => "2026-09",
            _ => "",
        }));
        File.AppendAllText(crisisFile, string.Concat(added.Select(id => Row(id) + "\n")));
        var use = await BothAsync(Days[1]);
        Assert.Equal(HistoryAheadUse.Stale, use);
        var corrected = await ahead.LoadDistrictAsync(Days[1], Ct);
        Assert.Equal(added.Count, corrected.Crisis.Count(c => c.Month == september && c.Indicator == "ELEC_ARREARS" && added.Contains(c.HouseholdId)));

        // A day's tips: read ahead from the run's start and taken.
        var live = generator.Continue();
        live.AdvanceTo(Days[2]);
        Assert.NotEmpty(live.NewView("hotline").WriteDays(Days[0], Days[2], Inbox, monthEnd: false));
        Assert.Equal(HistoryAheadUse.Used, await BothAsync(Days[2]));
    }

    /// <summary>Runs the day on both stores; asserts the same stored scores and lists; returns what the reading store did with its read.</summary>
    async Task<HistoryAheadUse?> BothAsync(DateOnly day)
    {
        var (withAhead, withoutAhead) = (await RunAsync(ahead, day, "ahead"), await RunAsync(plain, day, "plain"));
        Assert.Null(withoutAhead.Report.HistoryAhead);
        Assert.NotEmpty(withAhead.Lists);
        Assert.Equal(withoutAhead.Scores, withAhead.Scores);
        Assert.Equal(withoutAhead.Lists, withAhead.Lists);
        return withAhead.Report.HistoryAhead;
    }

    async Task<(RunReport Report, string Scores, string Lists)> RunAsync(IBlindSpotStore store, DateOnly day, string name)
    {
        var settings = PipelineSettings.Default with { Ingest = IngestOptions.Default with { UnterminatedQuietPeriod = TimeSpan.Zero } };
        var services = new PipelineServices(store, NullLoggerFactory.Instance, TimeProvider.System, settings);
        var report = await services.Run().RunAsync(Inbox, Path.Combine(dir.Path, $"out-{name}"), Path.Combine(dir.Path, $"quarantine-{name}"), day, Ct);
        Assert.False(report.Ingest.AnyFailure);
        var inv = CultureInfo.InvariantCulture;
        var scores = new StringBuilder();
        foreach (var s in (await store.LoadScoresAsync(day, Ct)).OrderBy(s => s.HouseholdId, StringComparer.Ordinal))
            scores.Append(string.Create(inv, $"{s.HouseholdId} {s.Dong} {s.ModelVersion} {s.Probability:R}\n"));
        var lists = new StringBuilder();
        foreach (var e in (await store.LoadWorklistAsync(report.WorklistDate, Ct)).OrderBy(e => e.Dong, StringComparer.Ordinal).ThenBy(e => e.Rank))
            lists.Append(string.Create(inv,
                $"{e.Date:yyyy-MM-dd} {e.Dong} {e.Rank} {e.HouseholdId} {e.Selection} {e.Score:R} {e.ModelVersion} {e.SelectionProbability:R} {e.OverCapacity} {e.LastTipAt:yyyy-MM-ddTHH:mm} {e.TipCount} {string.Join(" / ", e.Reasons)}\n"));
        return (report, scores.ToString(), lists.ToString());
    }
}
