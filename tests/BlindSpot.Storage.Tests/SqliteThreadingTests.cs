using System.Runtime.InteropServices;
using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The store's SQLite connections are serialized: each takes its own mutex around every call, so that nothing in the
/// process (a statement the collector finalizes on its own thread, a library's own call) can be inside one connection on
/// two threads at once. Multi-thread mode, which drops that mutex, was withdrawn after a first run died of a segmentation
/// fault in a connection's allocator (docs/adr/0006-daily-run-in-proportion.md, thirty-second pass).
/// </summary>
public sealed class SqliteThreadingTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task TheStoresConnectionsTakeTheirMutex()
    {
        await using var dialect = new SqliteDialect(dir.File("serialized.db"));
        await using var c = (SqliteConnection)await dialect.OpenConnectionAsync(CancellationToken.None);

        Assert.NotEqual(IntPtr.Zero, DbMutex(c.Handle!.DangerousGetHandle()));
    }

    [Fact]
    public void AConnectionWithoutItsMutexWouldHaveNone()
    {
        // The check above can fail: a connection opened with SQLite's per-connection NOMUTEX flag (multi-thread mode for
        // that connection) has no mutex.
        var path = dir.File("nomutex.db");
        Assert.Equal(0, SQLitePCL.raw.sqlite3_open_v2(path, out var db,
            SQLitePCL.raw.SQLITE_OPEN_READWRITE | SQLitePCL.raw.SQLITE_OPEN_CREATE | SQLitePCL.raw.SQLITE_OPEN_NOMUTEX, null));
        using (db) Assert.Equal(IntPtr.Zero, DbMutex(db.DangerousGetHandle()));
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_db_mutex")]
    static extern IntPtr DbMutex(IntPtr db);

    public void Dispose() => dir.Dispose();
}
