using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BlindSpot.Storage.Sqlite;

/// <summary>
/// A store's WAL checkpoints, run on a task of their own instead of inside the commit that filled the WAL.
/// <para>
/// SQLite's automatic checkpoint (every commit that leaves 1,000 pages or more in the WAL) runs in the committing call:
/// it copies the WAL into the file and, with <c>synchronous=NORMAL</c>, waits for two <c>fsync</c>s, of the WAL and of
/// the file. A first run's large commits (a registry snapshot, a crisis month) then stood still on the disk while the
/// ingest waited for them: ~0.1-0.2 s a checkpoint, ~0.8 s of <c>fsync</c> in a first run at 190,000 households
/// (<c>strace</c>), on the run's critical path (docs/adr/0006-daily-run-in-proportion.md, twenty-second pass).
/// </para>
/// <para>
/// Every connection the store opens gets a WAL hook (<c>sqlite3_wal_hook</c>, which replaces the automatic checkpoint
/// on that connection) that, past the same 1,000 pages, asks this store's checkpointer for a passive checkpoint and
/// returns at once. The checkpointer runs them one at a time on a connection of its own; writers go on appending to the
/// WAL meanwhile (WAL mode lets a checkpoint run beside readers and a writer). Durability is <c>synchronous=NORMAL</c>'s
/// as before: a commit is on the disk at the next checkpoint, which now comes a moment later and from another thread. A
/// connection whose store was disposed (it stays in the pool, its hook with it) checkpoints in the hook itself, as
/// SQLite's own automatic checkpoint does. Where the library cannot be reached directly (<see cref="SqliteColumns.Direct"/>)
/// no hook is set and SQLite checkpoints as it always did.
/// </para>
/// </summary>
internal sealed class SqliteCheckpoints : IAsyncDisposable
{
    /// <summary>WAL pages after a commit from which a checkpoint is asked for: SQLite's own default (<c>wal_autocheckpoint</c>).</summary>
    public const int Pages = 1000;

    static readonly ConcurrentDictionary<nint, SqliteCheckpoints> Live = new();
    static long lastId;

    // Kept alive for the process: native code holds pointers to it in every hooked connection.
    static readonly WalHook Hook = OnCommit;

    readonly nint id;
    readonly Func<CancellationToken, ValueTask<DbConnection>> open;
    readonly SemaphoreSlim asked = new(0, 1);
    readonly CancellationTokenSource stop = new();
    readonly Lock starting = new();
    Task? loop; // started by the first checkpoint asked for: a store that never fills the WAL has no task
    int pending;
    long done;

    /// <param name="open">Opens a connection as the store opens its own (the dialect's).</param>
    public SqliteCheckpoints(Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        this.open = open;
        id = (nint)Interlocked.Increment(ref lastId);
        Live[id] = this;
    }

    /// <summary>True when connections get the hook (the library can be called directly).</summary>
    public static bool Available => SqliteColumns.Direct;

    /// <summary>Checkpoints this store's checkpointer has run (tests prove with it that one ran).</summary>
    public long Done => Interlocked.Read(ref done);

    /// <summary>For tests: awaited before each checkpoint, on the checkpointer's task.</summary>
    internal Func<Task>? BeforeCheckpoint { get; set; }

    /// <summary>Hooks <paramref name="connection"/> (every open: a pooled connection may carry an earlier store's hook).</summary>
    public void Attach(SqliteConnection connection)
    {
        if (!Available) return;
        _ = sqlite3_wal_hook(connection.Handle!.DangerousGetHandle(), Hook, id); // returns the previous hook's user data: nothing to free
    }

    /// <summary>
    /// Asks for a passive checkpoint now, whatever the WAL holds (<see cref="Core.Storage.IBlindSpotStore.CheckpointSoon"/>).
    /// The last connection to close a file checkpoints what is left in its WAL and waits for the file's <c>fsync</c>:
    /// at the end of a daily run at 190,000 households that held the process ~0.35 s after its work was done (its
    /// scores' pages, <c>strace</c>: one <c>fsync</c> of the file of 0.33 s), and every run's caller waited for it. Asked
    /// once the run's scores are stored, the checkpoint runs beside its lists, and the close folds only their few pages
    /// (docs/adr/0006-daily-run-in-proportion.md, twenty-fourth pass). Nothing is asked where connections get no hook.
    /// </summary>
    public void AskNow()
    {
        if (Available) Ask();
    }

    void Ask()
    {
        if (Interlocked.Exchange(ref pending, 1) != 0) return; // asked already, not yet started: that checkpoint covers this commit
        lock (starting)
        {
            if (stop.IsCancellationRequested) return;
            loop ??= Task.Run(RunAsync);
        }
        asked.Release();
    }

    async Task RunAsync()
    {
        DbConnection? c = null;
        try
        {
            while (true)
            {
                await asked.WaitAsync(stop.Token);
                Volatile.Write(ref pending, 0);
                if (BeforeCheckpoint is { } before) await before();
                try
                {
                    c ??= await open(stop.Token);
                    await using var checkpoint = c.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                    await checkpoint.ExecuteNonQueryAsync(stop.Token);
                    Interlocked.Increment(ref done);
                }
                catch (SqliteException)
                {
                    // A passive checkpoint that could not run now (the file locked, the disk full): the next commit past
                    // the threshold asks again, and the last connection to close checkpoints what is left.
                    if (c is not null) await c.DisposeAsync();
                    c = null;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (c is not null) await c.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Live.TryRemove(id, out _);
        Task? running;
        lock (starting)
        {
            stop.Cancel();
            running = loop;
        }
        // A checkpoint under way is interrupted (SQLite leaves the file whole; what it had not copied stays in the WAL for
        // the next checkpoint or the last connection's close). The semaphore and the token are not disposed: a commit's
        // hook that found this checkpointer just before may still ask it.
        if (running is not null) await running;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate int WalHook(nint user, nint db, nint schema, int pages);

    /// <summary>After each commit of a hooked connection, on the committing thread, inside SQLite: asks for a checkpoint.</summary>
    static int OnCommit(nint user, nint db, nint schema, int pages)
    {
        if (pages < Pages) return raw.SQLITE_OK;
        try
        {
            if (Live.TryGetValue(user, out var checkpoints))
            {
                checkpoints.Ask();
                return raw.SQLITE_OK;
            }
        }
        catch (Exception)
        {
            // Nothing may leave a callback from native code; the checkpoint is then made here, as below.
        }
        // The store is gone and its connection lives on in the pool: what SQLite's own hook does.
        _ = sqlite3_wal_checkpoint(db, schema);
        return raw.SQLITE_OK;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    static extern nint sqlite3_wal_hook(nint db, WalHook callback, nint user);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    static extern int sqlite3_wal_checkpoint(nint db, nint schema);
}
