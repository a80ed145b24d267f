using System.Data.Common;
using BlindSpot.Core.Files;
using BlindSpot.Storage.Schema;
using BlindSpot.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Sqlite;

/// <summary>SQLite, the embedded default: one file, WAL journal, dates as ISO text (they sort as dates).</summary>
internal sealed class SqliteDialect : SqlDialect, IAsyncDisposable
{
    readonly string connectionString;

    // SQLite stays serialized, as Microsoft.Data.Sqlite bundles it: every call on a connection takes that connection's
    // mutex. Multi-thread mode (no such mutex, ~3% of a first run's CPU) was tried from the twenty-first pass to the
    // thirty-second and withdrawn after a first run died of a segmentation fault inside SQLite, two threads at once in the
    // same connection's allocator (docs/adr/0006-daily-run-in-proportion.md, thirty-second pass).

    public SqliteDialect(string path)
    {
        var full = Path.GetFullPath(path); // StoreFactory creates the file (0600) and its folder (0700) when a store may be created
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        FilePath = full;
        Checkpoints = new SqliteCheckpoints(OpenConnectionAsync);
    }

    /// <summary>This store's WAL checkpoints, beside its commits (<see cref="SqliteCheckpoints"/>).</summary>
    internal SqliteCheckpoints Checkpoints { get; }

    /// <summary>Ends the checkpointer (a checkpoint under way is interrupted); the store's pooled connections checkpoint as
    /// SQLite does by itself from then on.</summary>
    public ValueTask DisposeAsync() => Checkpoints.DisposeAsync();

    /// <summary>A passive checkpoint on the checkpointer's task, whatever the WAL holds (<see cref="SqliteCheckpoints.AskNow"/>).</summary>
    public override void CheckpointSoon() => Checkpoints.AskNow();

    public string FilePath { get; }

    /// <summary>History reads through SQLite's own API (<see cref="SqliteHistoryRows"/>); off, through ADO.NET only (tests compare the two).</summary>
    internal bool OwnHistoryReads { get; init; } = true;

    int ownReads;

    /// <summary>How many history statements SQLite's own reader read to the end (tests prove with it that it was used).</summary>
    internal int OwnReads => ownReads;

    /// <summary>
    /// SQLite's own reader (<see cref="SqliteHistoryRows"/>): the same values as Microsoft.Data.Sqlite's reader, without
    /// its checks and copies per value (~4 CPU-s of a first run's ~620,000 history rows at 190,000 households). A value it
    /// does not take as the provider would sends the statement to the provider's reader, which reads it again.
    /// </summary>
    public override Task<List<T>> ReadHistoryRowsAsync<T>(DbConnection connection, string sql, object?[] args, Func<IHistoryRow, T> map,
        CancellationToken ct)
    {
        if (OwnHistoryReads && SqliteHistoryRows.TryRead((SqliteConnection)connection, sql, args, map, ct) is { } rows)
        {
            Interlocked.Increment(ref ownReads);
            return Task.FromResult(rows);
        }
        return base.ReadHistoryRowsAsync(connection, sql, args, map, ct);
    }

    /// <summary>What the file holds (<see cref="StoreState"/>); read-only, so it never writes to a file that is not a store.</summary>
    public static async Task<StoreState> InspectAsync(string path, CancellationToken ct)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var c = new SqliteConnection(readOnly);
        await c.OpenAsync(ct);
        return await StoreState.ReadAsync(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", ct);
    }

    /// <summary>
    /// An exclusive OS lock (.NET takes flock on Unix for FileShare.None) on "&lt;database&gt;.inbox-lock": one holder at a
    /// time across every process on this machine and within this one; the OS releases it when the holder's process
    /// ends. The empty file stays (deleting it would let a waiter lock an orphaned inode while a newcomer locks a new one).
    /// </summary>
    public override Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct)
    {
        var path = FilePath + ".inbox-lock";
        PrivateFiles.Touch(path); // created with the configured mode, whatever the umask
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        try
        {
            return Task.FromResult<IAsyncDisposable?>(new FileStream(path, options));
        }
        catch (IOException) when (File.Exists(path))
        {
            return Task.FromResult<IAsyncDisposable?>(null); // held by another run
        }
    }

    public override string Engine => "sqlite";

    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @p0";

    public override string TableCountSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    public override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text or ColumnType.Date or ColumnType.Timestamp => "TEXT",
        ColumnType.Int or ColumnType.Long or ColumnType.Bool => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Decimal => "NUMERIC",
        ColumnType.Bytes => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>
    /// The page size of a new store's file: 32 KiB instead of SQLite's 4 KiB. A store is written in bulk (a registry
    /// snapshot, a crisis month: tens of thousands of rows a transaction) and read in bulk (a district's history, ordered
    /// by the key), and each commit writes every page it touched to the WAL and checkpoints it into the file: with 4 KiB
    /// pages a crisis month touched most pages of the crisis key index again, one write call per page. At 190,000
    /// households a first run spent ~0.6 CPU-s less in the kernel and its crisis months ~0.3 s less (docs/benchmarks.md).
    /// A day's few rows write a few larger pages, which the daily run does not feel.
    /// </summary>
    internal const int PageSize = 32768;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(connectionString);
        await c.OpenAsync(ct);
        await using var pragma = c.CreateCommand();
        // The page size first: it only takes on a file with nothing in it yet (a new store), before WAL writes its header;
        // a store created before keeps its own (docs/adr/0006, sixteenth pass). WAL lets readers go on while a file is
        // committed; NORMAL is durable at each WAL checkpoint.
        pragma.CommandText = $"PRAGMA page_size={PageSize}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(ct);
        Checkpoints.Attach(c);
        return c;
    }

    /// <summary>
    /// The row's value made a blob of zeros of the right length, then written through SQLite's incremental blob I/O in
    /// 1 MiB pieces: a blob bound as a parameter is copied by SQLite, and copied again into the record it stores (two
    /// native copies of a 38 MB registry copy, beside the managed one).
    /// </summary>
    public override async Task WriteBlobAsync(DbConnection connection, DbTransaction tx, string table, string column, string keyColumn,
        string key, byte[] bytes, CancellationToken ct)
    {
        var rowid = await Db.ScalarAsync(connection, tx, $"UPDATE {table} SET {column} = zeroblob(@p1) WHERE {keyColumn} = @p0 RETURNING rowid",
            ct, key, bytes.Length) ?? throw new InvalidOperationException($"No row of {table} to write the blob into.");
        using var blob = new SqliteBlob((SqliteConnection)connection, table, column, Convert.ToInt64(rowid));
        for (var at = 0; at < bytes.Length; at += BlobPiece)
            blob.Write(bytes, at, Math.Min(BlobPiece, bytes.Length - at));
    }

    /// <summary>Read through SQLite's incremental blob I/O into one array (a column read materialises a native copy first).</summary>
    public override async Task<byte[]?> ReadBlobAsync(DbConnection connection, string table, string column, string keyColumn, string key,
        CancellationToken ct)
    {
        var rows = await Db.QueryAsync(connection, $"SELECT rowid, length({column}) FROM {table} WHERE {keyColumn} = @p0",
            r => (RowId: r.GetInt64(0), Length: r.GetInt64(1)), ct, key);
        if (rows.Count == 0) return null;
        var bytes = new byte[rows[0].Length];
        using var blob = new SqliteBlob((SqliteConnection)connection, table, column, rows[0].RowId, readOnly: true);
        blob.ReadExactly(bytes);
        return bytes;
    }

    const int BlobPiece = 1 << 20;

    /// <summary>
    /// One prepared statement stepped once per row through SQLite's own API (<see cref="SqliteRows"/>): the values are
    /// bound as Microsoft.Data.Sqlite binds them (the same storage class and text), without its per-row reader, binder
    /// objects and UTF-8 copies. A registry snapshot is ~4 million values; bound through SqliteParameter they cost
    /// about as much CPU as SQLite's own insert work.
    /// </summary>
    public override Task<int> BulkInsertAsync(DbConnection connection, DbTransaction tx, Table table,
        IEnumerable<object?[]> rows, bool upsert, CancellationToken ct)
    {
        var c = (SqliteConnection)connection;
        var t = (SqliteTransaction)tx;
        if (!ReferenceEquals(t.Connection, c)) throw new ArgumentException("The transaction belongs to another connection.", nameof(tx));
        var names = table.Columns.Select((_, i) => $"@p{i}");
        var sql = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", names)}) {ConflictClause(table, upsert)}";
        using var insert = new SqliteRows(c, t, sql, table.Columns.Length);
        var written = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            written += insert.Write(row);
        }
        return Task.FromResult(written);
    }
}
