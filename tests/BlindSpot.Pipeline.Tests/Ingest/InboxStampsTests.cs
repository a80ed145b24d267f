using BlindSpot.Core.Ingest;
using BlindSpot.Pipeline.Ingest;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>
/// Files stay in the inbox after they are ingested; a file whose name, size and modification time are unchanged since
/// its bytes were stored is skipped without being read (InboxStamps). Shown on the Csv tests' contract files in a real
/// SQLite store.
/// </summary>
public sealed class InboxStampsTests : IDisposable
{
    readonly IngestFixture fx = new();

    static readonly string[] Snapshot = ["households_20240430.csv", "households_20240430_part2.csv"];
    static readonly string[] Rest = ["crisis_202403.csv", "tips_officer_202404.csv", "outcomes_202404.csv", "capacity.csv", "targets_baseline.csv"];

    /// <summary>Sets a file's modification time (a copy keeps its source's).</summary>
    void Age(string name, TimeSpan ago) => File.SetLastWriteTimeUtc(Path.Combine(fx.Inbox, name), DateTime.UtcNow - ago);

    static IngestFileStatus StatusOf(IngestReport r, string name) => r.Files.Single(f => f.FileName == name).Status;

    static bool SkippedByStamp(ListLogger log, string name) =>
        log.Messages.Any(m => m.StartsWith($"Skipped {name}: unchanged since it was ingested", StringComparison.Ordinal));

    [Fact]
    public async Task AFileUnchangedSinceItWasStoredIsSkippedWithoutBeingRead()
    {
        fx.Copy([.. Snapshot, .. Rest, "households_20240430_broken.csv"]);
        foreach (var name in Directory.GetFiles(fx.Inbox).Select(Path.GetFileName)) Age(name!, TimeSpan.FromHours(1));
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        var first = await fx.IngestAsync(store);
        var stored = first.Files.Where(f => f is { Status: IngestFileStatus.Ingested, Ledger.Rejected: false }).Select(f => f.FileName).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("crisis_202403.csv", stored);

        // Every file stored has its stamp; a file refused whole has none (it may be accepted later: read again every time).
        var stamps = await store.ListInboxStampsAsync(CancellationToken.None);
        Assert.Equal(stored, stamps.Select(s => s.FileName).Order(StringComparer.Ordinal));
        Assert.All(stamps, s => Assert.Equal(first.Files.Single(f => f.FileName == s.FileName).Ledger!.Sha256, s.Sha256));
        var refused = first.Files.Where(f => f.Status == IngestFileStatus.Rejected).Select(f => f.FileName).ToList();
        Assert.DoesNotContain(stamps, s => refused.Contains(s.FileName));

        // The crisis file's bytes replaced by others of the same length, its modification time put back: the stamp is
        // trusted, so the file is not read (read, it would be a new file, refused or quarantined). What "unchanged" means.
        var crisis = Path.Combine(fx.Inbox, "crisis_202403.csv");
        var when = File.GetLastWriteTimeUtc(crisis);
        await File.WriteAllBytesAsync(crisis, Enumerable.Repeat((byte)'x', (int)new FileInfo(crisis).Length).ToArray());
        File.SetLastWriteTimeUtc(crisis, when);
        var log = new ListLogger();
        var second = await fx.IngestAsync(store, log);
        Assert.All(stored, name => Assert.True(SkippedByStamp(log, name), name));
        Assert.All(stored, name => Assert.Equal(IngestFileStatus.Skipped, StatusOf(second, name)));
        Assert.Equal(first.Files.Count, second.Files.Count);

        // Written again (a new modification time): read, and what it holds now is what counts.
        Age("crisis_202403.csv", TimeSpan.FromMinutes(30));
        log = new ListLogger();
        var third = await fx.IngestAsync(store, log);
        Assert.False(SkippedByStamp(log, "crisis_202403.csv"));
        Assert.NotEqual(IngestFileStatus.Skipped, StatusOf(third, "crisis_202403.csv"));
    }

    [Fact]
    public async Task ASnapshotDatesPartsAreSkippedTogetherOrReadTogether()
    {
        fx.Copy([.. Snapshot, .. Rest]);
        foreach (var name in Directory.GetFiles(fx.Inbox).Select(Path.GetFileName)) Age(name!, TimeSpan.FromHours(1));
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        await fx.IngestAsync(store);

        // One part touched (the same bytes, a new modification time): both parts are read, and skipped by their bytes.
        Age("households_20240430_part2.csv", TimeSpan.FromMinutes(30));
        var log = new ListLogger();
        var touched = await fx.IngestAsync(store, log);
        Assert.All(Snapshot, name =>
        {
            Assert.False(SkippedByStamp(log, name), name);
            Assert.Equal(IngestFileStatus.Skipped, StatusOf(touched, name));
        });
        Assert.All(Rest, name => Assert.True(SkippedByStamp(log, name), name));

        // The touched part's stamp was renewed by that read: now both are unchanged, and skipped together.
        log = new ListLogger();
        await fx.IngestAsync(store, log);
        Assert.All([.. Snapshot, .. Rest], name => Assert.True(SkippedByStamp(log, name), name));
    }

    [Fact]
    public async Task AFileWrittenJustBeforeTheRunIsNotStamped()
    {
        fx.Copy("crisis_202403.csv", "capacity.csv");
        Age("capacity.csv", TimeSpan.FromHours(1));
        Age("crisis_202403.csv", TimeSpan.Zero); // written as the run starts
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        var first = await fx.IngestAsync(store);
        Assert.Equal(IngestFileStatus.Ingested, StatusOf(first, "crisis_202403.csv"));
        Assert.Equal(["capacity.csv"], (await store.ListInboxStampsAsync(CancellationToken.None)).Select(s => s.FileName));

        var log = new ListLogger();
        await fx.IngestAsync(store, log);
        Assert.True(SkippedByStamp(log, "capacity.csv"));
        Assert.False(SkippedByStamp(log, "crisis_202403.csv"));
        Assert.Contains(log.Messages, m => m.StartsWith("Skipped crisis_202403.csv: the same bytes were ingested before", StringComparison.Ordinal));
    }

    public void Dispose() => fx.Dispose();
}
