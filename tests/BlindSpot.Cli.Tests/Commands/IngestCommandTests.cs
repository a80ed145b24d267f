using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>`ingest` over a generated inbox and a real SQLite file.</summary>
public sealed class IngestCommandTests : IDisposable
{
    readonly TempDir dir = new();
    string Inbox => dir.File("inbox");
    string Db => dir.File("blindspot.db");

    public IngestCommandTests() =>
        new DistrictGenerator(new SampleOptions { Households = 500, Seed = 3, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(Inbox);

    [Fact]
    public async Task WaitsForNoOneButReadsNothingWhileAnotherProcessHoldsTheStoresInboxLock()
    {
        // This test process stands for a jobs server in the middle of an ingest: it holds the store's inbox lock.
        await using (var store = await StoreFactory.OpenAsync(Db, CancellationToken.None))
        {
            var held = await store.TryLockInboxAsync(CancellationToken.None);
            Assert.NotNull(held);
            var busy = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db);
            Assert.Equal(1, busy.ExitCode);
            Assert.Contains("다른 수집", busy.Error);
            Assert.Empty(await store.ListFilesAsync(CancellationToken.None));
            await held.DisposeAsync();
        }

        var after = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db, "--json");
        Assert.True(after.ExitCode == 0, after.Output + after.Error);
        await using var reopened = await StoreFactory.OpenAsync(Db, CancellationToken.None);
        Assert.NotEmpty(await reopened.ListFilesAsync(CancellationToken.None));
    }

    public void Dispose() => dir.Dispose();
}
