using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The store's SQLite runs in multi-thread mode: its connections take no mutex (SqliteThreading says why that is safe
/// here). The rest of this suite (side-by-side district loads, commits beside reads, the web's concurrent requests in the
/// Web tests) runs in that mode too.
/// </summary>
public sealed class SqliteThreadingTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task TheStoresConnectionsTakeNoMutex()
    {
        Assert.True(SqliteThreading.MultiThreaded, SqliteThreading.Mode);
        await using var c = (SqliteConnection)await new SqliteDialect(dir.File("mt.db")).OpenConnectionAsync(CancellationToken.None);

        Assert.Equal(IntPtr.Zero, DbMutex(c.Handle!.DangerousGetHandle()));
    }

    [Fact]
    public void ASerializedConnectionWouldHaveOne()
    {
        // The check above can fail: a connection opened with SQLite's per-connection FULLMUTEX flag (serialized whatever
        // the process's mode) has a mutex.
        var path = dir.File("full.db");
        Assert.Equal(0, SQLitePCL.raw.sqlite3_open_v2(path, out var db,
            SQLitePCL.raw.SQLITE_OPEN_READWRITE | SQLitePCL.raw.SQLITE_OPEN_CREATE | SQLitePCL.raw.SQLITE_OPEN_FULLMUTEX, null));
        using (db) Assert.NotEqual(IntPtr.Zero, DbMutex(db.DangerousGetHandle()));
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_db_mutex")]
    static extern IntPtr DbMutex(IntPtr db);

    public void Dispose() => dir.Dispose();
}

/// <summary>Configures SQLite's threading as the store does, before any test of this assembly opens a connection of its own.</summary>
static class SqliteThreadingSetup
{
#pragma warning disable CA2255 // a test assembly's setup: SQLite takes the mode only before its first connection
    [ModuleInitializer]
    internal static void Configure() => SqliteThreading.Configure();
#pragma warning restore CA2255
}
