using BlindSpot.Core.Storage;
using BlindSpot.Storage.Sql;
using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// A store's WAL checkpoints run beside its commits (SqliteCheckpoints says why): a commit that fills the WAL returns
/// before its pages reach the database file, and a checkpoint on the store's own task puts them there. A caller whose
/// large writes are over asks for one whatever the WAL holds. A connection whose store is gone checkpoints in its
/// commit, as SQLite does by itself.
/// </summary>
public sealed class SqliteCheckpointsTests : IDisposable
{
    static readonly CancellationToken Ct = CancellationToken.None;

    // ~40 MB in one transaction: ~1,250 of the store's 32 KiB pages, past the 1,000 that ask for a checkpoint.
    const int BlobBytes = 40_000_000;

    readonly TempDir dir = new();

    [Fact]
    public async Task ACommitThatFillsTheWalReturnsBeforeItsCheckpoint()
    {
        Assert.True(SqliteCheckpoints.Available);
        var path = dir.File("beside.db");
        var dialect = new SqliteDialect(path);
        var checkpointing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        dialect.Checkpoints.BeforeCheckpoint = () =>
        {
            checkpointing.TrySetResult();
            return release.Task;
        };
        try
        {
            // The writer stays open until the checkpointer is let go: closed (tests of this assembly clear every pool
            // when they end), the last connection to the file would checkpoint it on closing.
            await using var writer = await dialect.OpenConnectionAsync(Ct);
            await WriteBlobAsync((SqliteConnection)writer);

            // The commit has returned; its checkpoint has been asked for and waits: the pages are in the WAL only.
            await checkpointing.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(new FileInfo(path).Length < BlobBytes / 4, $"the file is {new FileInfo(path).Length} bytes before the checkpoint");
            Assert.True(new FileInfo(path + "-wal").Length >= BlobBytes);
            Assert.Equal(0, dialect.Checkpoints.Done);

            release.SetResult();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (dialect.Checkpoints.Done == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
            Assert.Equal(1, dialect.Checkpoints.Done);
            Assert.True(new FileInfo(path).Length >= BlobBytes, $"the file is {new FileInfo(path).Length} bytes after the checkpoint");
            await using (var c = await dialect.OpenConnectionAsync(Ct))
                Assert.Equal(BlobBytes, await LengthAsync((SqliteConnection)c));
        }
        finally
        {
            release.TrySetResult();
            await dialect.DisposeAsync();
        }
    }

    [Fact]
    public async Task AConnectionWhoseStoreIsGoneCheckpointsInItsCommit()
    {
        var path = dir.File("gone.db");
        var dialect = new SqliteDialect(path);
        // The store's connection outlives the store, as a pooled one does (held open here: tests of this assembly clear
        // every pool when they end, and a fresh connection would have SQLite's own hook).
        await using var c = (SqliteConnection)await dialect.OpenConnectionAsync(Ct);
        await dialect.DisposeAsync();

        await WriteBlobAsync(c);
        Assert.True(new FileInfo(path).Length >= BlobBytes, $"the file is {new FileInfo(path).Length} bytes after the commit");
        Assert.Equal(0, dialect.Checkpoints.Done);
    }

    [Fact]
    public async Task ACheckpointAskedForThroughTheStoreFoldsAWalBelowTheThreshold()
    {
        var path = dir.File("soon.db");
        var dialect = new SqliteDialect(path);
        // Through the store's port, as a run asks once its scores are stored (RunService).
        IBlindSpotStore store = new SqlStore(dialect);
        try
        {
            // Held open, as in the first test: closed, the last connection would fold the WAL itself.
            await using var writer = await dialect.OpenConnectionAsync(Ct);
            await WriteBlobAsync((SqliteConnection)writer, SmallBlobBytes);
            // ~31 of the store's 32 KiB pages: no checkpoint was asked for by the commit, the pages are in the WAL only.
            await Task.Delay(200);
            Assert.Equal(0, dialect.Checkpoints.Done);
            Assert.True(new FileInfo(path).Length < SmallBlobBytes, $"the file is {new FileInfo(path).Length} bytes before the checkpoint");

            store.CheckpointSoon();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (dialect.Checkpoints.Done == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
            Assert.Equal(1, dialect.Checkpoints.Done);
            Assert.True(new FileInfo(path).Length >= SmallBlobBytes, $"the file is {new FileInfo(path).Length} bytes after the checkpoint");
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    // ~1 MB: ~31 pages of 32 KiB, far below the 1,000 pages that ask for a checkpoint by themselves.
    const int SmallBlobBytes = 1_000_000;

    static async Task WriteBlobAsync(SqliteConnection c, int bytes = BlobBytes)
    {
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(Ct);
        await using var write = c.CreateCommand();
        write.Transaction = tx;
        write.CommandText = $"CREATE TABLE b (v BLOB); INSERT INTO b VALUES (randomblob({bytes}))";
        await write.ExecuteNonQueryAsync(Ct);
        await tx.CommitAsync(Ct);
    }

    static async Task<long> LengthAsync(SqliteConnection c)
    {
        await using var read = c.CreateCommand();
        read.CommandText = "SELECT length(v) FROM b";
        return (long)(await read.ExecuteScalarAsync(Ct))!;
    }

    public void Dispose() => dir.Dispose();
}
