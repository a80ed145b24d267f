using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// A new SQLite store is created with 32 KiB pages (SqliteDialect.PageSize: bulk commits write fewer, larger pages); a
/// store created before with SQLite's 4 KiB pages keeps them and works as before (the page size of a WAL file cannot change).
/// </summary>
public sealed class SqlitePageSizeTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task ANewStoreHasTheLargerPages()
    {
        var path = dir.File("new.db");
        await using (var store = await StoreFactory.OpenAsync(path, CancellationToken.None))
            Assert.True(await store.TryBeginJobRunAsync("page-size", "new", CancellationToken.None));

        Assert.Equal(SqliteDialect.PageSize, PageSize(path));
        Assert.Equal(32768, SqliteDialect.PageSize);
    }

    [Fact]
    public async Task AStoreCreatedWithSmallerPagesKeepsThemAndWorks()
    {
        var path = dir.File("old.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // What a store opened before this change did first: WAL with SQLite's default page size.
            cmd.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL;";
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(4096, PageSize(path));

        await using (var store = await StoreFactory.OpenAsync(path, CancellationToken.None))
        {
            Assert.True(await store.TryBeginJobRunAsync("page-size", "old", CancellationToken.None));
            await store.CompleteJobRunAsync("page-size", "old", "done", CancellationToken.None);
        }
        await using (var again = await StoreFactory.OpenAsync(path, CancellationToken.None))
            Assert.False(await again.TryBeginJobRunAsync("page-size", "old", CancellationToken.None)); // the run it stored is there

        Assert.Equal(4096, PageSize(path));
    }

    static long PageSize(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA page_size";
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
