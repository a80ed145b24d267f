using BlindSpot.Pipeline.Retention;
using BlindSpot.Pipeline.Tests.Ingest;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Pipeline.Tests.Retention;

/// <summary>The retention use case over the contract's real files, ingested into a real SQLite file on 2024-05-01 (KST).</summary>
public sealed class RetentionServiceTests : IDisposable
{
    readonly IngestFixture fx = new();

    [Fact]
    public async Task BlanksTheStoreAndDeletesTheQuarantineCopiesOnceTheRetentionHasPassed()
    {
        fx.Copy(IngestFixture.District);
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        await fx.IngestAsync(store);
        var copies = Directory.GetFiles(fx.Quarantine);
        Assert.NotEmpty(copies);
        var service = new RetentionService(store, NullLogger<RetentionService>.Instance, new RetentionOptions { Years = 3 });

        // Three years after the ingest day the files are not older than the cut-off yet: nothing goes.
        var early = await service.PurgeAsync(new DateOnly(2027, 5, 1), fx.Quarantine, default);
        Assert.Equal((new DateOnly(2024, 5, 1), 0), (early.OlderThan, early.QuarantineFiles));
        Assert.Equal(copies, Directory.GetFiles(fx.Quarantine));

        var due = await service.PurgeAsync(new DateOnly(2027, 5, 2), fx.Quarantine, default);
        Assert.Equal(copies.Length, due.QuarantineFiles);
        Assert.True(due.StoreRows > 0);
        Assert.Empty(Directory.GetFiles(fx.Quarantine));
        Assert.All(await store.ListQuarantineAsync(default), q => Assert.Equal("", q.Raw));

        var again = await service.PurgeAsync(new DateOnly(2027, 5, 2), fx.Quarantine, default);
        Assert.Equal((0, 0), (again.StoreRows, again.QuarantineFiles));
    }

    public void Dispose() => fx.Dispose();
}
