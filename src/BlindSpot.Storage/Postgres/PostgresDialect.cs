using System.Data.Common;
using BlindSpot.Storage.Schema;
using BlindSpot.Storage.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace BlindSpot.Storage.Postgres;

/// <summary>
/// PostgreSQL, for production and for many job servers on one database. Bulk loads go through binary COPY into a
/// temporary table, then one INSERT ... ON CONFLICT, so duplicates are skipped exactly as in SQLite.
/// </summary>
internal sealed class PostgresDialect : SqlDialect, IAsyncDisposable
{
    readonly NpgsqlDataSource dataSource;
    readonly string unpooled;
    // Warnings only (an inbox lock that could not be released explicitly); never the connection string.
    readonly ILogger logger;

    /// <summary>pg_advisory_lock key of the inbox lock: "BlSpInbx".</summary>
    const long InboxLockKey = 0x426C_5370_496E_6278;

    public PostgresDialect(string connectionString, ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Personal data must not leak into server error texts or parameter logs.
            IncludeErrorDetail = false,
            LogParameters = false,
        };
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // The inbox lock's own connection: closing it must end the session, which is what releases the lock.
        unpooled = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString;
    }

    public override string Engine => "postgresql";

    public override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @p0";

    public override string TableCountSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";

    public override string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Int => "integer",
        ColumnType.Long => "bigint",
        ColumnType.Real => "double precision",
        ColumnType.Decimal => "numeric",
        ColumnType.Bool => "boolean",
        ColumnType.Date => "date",
        ColumnType.Timestamp => "timestamp without time zone",
        ColumnType.Bytes => "bytea",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    static NpgsqlDbType DbType(ColumnType type) => type switch
    {
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Int => NpgsqlDbType.Integer,
        ColumnType.Long => NpgsqlDbType.Bigint,
        ColumnType.Real => NpgsqlDbType.Double,
        ColumnType.Decimal => NpgsqlDbType.Numeric,
        ColumnType.Bool => NpgsqlDbType.Boolean,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Timestamp => NpgsqlDbType.Timestamp,
        ColumnType.Bytes => NpgsqlDbType.Bytea,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct);

    /// <summary>
    /// Read with sequential access, straight into an array of its length. Read as any row is (the whole row buffered),
    /// a value larger than Npgsql's 8 KB read buffer got an oversize buffer from the shared <c>ArrayPool</c>, rounded up
    /// to a power of two (64 MiB for the registry copy's ~38 MB at 190,000 households), which the pool kept for the
    /// thread after the read: a national server that ran district after district held one such buffer per thread it had
    /// read a copy on (1 server, 3 daily runs: 76, 149, 219 MB still live after a full collection; docs/benchmarks.md,
    /// "Twenty-first pass").
    /// </summary>
    public override async Task<byte[]?> ReadBlobAsync(DbConnection connection, string table, string column, string keyColumn, string key,
        CancellationToken ct)
    {
        await using var cmd = Db.Command(connection, null, $"SELECT {column} FROM {table} WHERE {keyColumn} = @p0", key);
        await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        return await r.ReadAsync(ct) ? await r.GetFieldValueAsync<byte[]>(0, ct) : null;
    }

    /// <summary>
    /// A session advisory lock on an unpooled connection of its own: the database releases it when that connection
    /// ends, so a crashed server never leaves it behind (unlike a lock row). Cluster-wide: every server on this database.
    /// </summary>
    public override async Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(unpooled);
        try
        {
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", InboxLockKey);
            if (await cmd.ExecuteScalarAsync(ct) is true) return new InboxLock(connection, logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Unlocks explicitly before closing: closing alone releases the lock only when the server's backend process has
    /// ended, a moment after the client went on, so an ingest right after another could find the inbox still busy.
    /// </summary>
    sealed class InboxLock(NpgsqlConnection connection, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                cmd.Parameters.AddWithValue("key", InboxLockKey);
                await cmd.ExecuteScalarAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The connection is broken: its end releases the lock (once the server notices the session ended).
                logger.LogWarning("Could not release the inbox lock explicitly ({ErrorType}): closing its connection releases it", e.GetType().Name);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    public override async Task<int> BulkInsertAsync(DbConnection connection, DbTransaction tx, Table table,
        IEnumerable<object?[]> rows, bool upsert, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)connection;
        var staging = $"staging_{table.Name}";
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE {staging}", conn, (NpgsqlTransaction)tx))
            await create.ExecuteNonQueryAsync(ct);

        var types = table.Columns.Select(c => DbType(c.Type)).ToArray();
        await using (var importer = await conn.BeginBinaryImportAsync($"COPY {staging} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                for (var i = 0; i < types.Length; i++)
                {
                    if (row[i] is null) await importer.WriteNullAsync(ct);
                    else await importer.WriteAsync(row[i], types[i], ct);
                }
            }
            await importer.CompleteAsync(ct);
        }

        // Batches come unique by key from ingest; ON CONFLICT skips (or updates) keys stored before.
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {table.Name} ({table.ColumnList}) SELECT {table.ColumnList} FROM {staging} {SqlDialect.ConflictClause(table, upsert)}",
            conn, (NpgsqlTransaction)tx);
        return await insert.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
