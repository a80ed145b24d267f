using System.Data.Common;
using BlindSpot.Storage.Schema;

namespace BlindSpot.Storage.Sql;

/// <summary>What differs between the two engines: type names, connections and bulk loading. The SQL itself is shared.</summary>
internal abstract class SqlDialect
{
    public abstract string Engine { get; }

    public abstract string TypeName(ColumnType type);

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken ct);

    /// <summary>Folds the engine's write-ahead log into its files soon, beside the caller (<see cref="Core.Storage.IBlindSpotStore.CheckpointSoon"/>); the default does nothing.</summary>
    public virtual void CheckpointSoon() { }

    /// <summary>The store's inbox lock (<see cref="Core.Storage.IIngestStore.TryLockInboxAsync"/>); null when another holder has it.</summary>
    public abstract Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct);

    /// <summary>A query counting the tables named @p0 in the store's own schema (0 or 1).</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>How many tables the store's schema holds (BlindSpot's or any other application's).</summary>
    public abstract string TableCountSql { get; }

    public string CreateTable(Table t) =>
        $"CREATE TABLE {t.Name} ({string.Join(", ", t.Columns.Select(c => $"{c.Name} {TypeName(c.Type)}{(c.Nullable ? "" : " NOT NULL")}"))}, " +
        $"PRIMARY KEY ({string.Join(", ", t.Key)}))";

    /// <summary>
    /// Inserts rows into <paramref name="table"/>, skipping rows whose key exists already (ON CONFLICT DO NOTHING),
    /// or updating the non-key columns when <paramref name="upsert"/> is set. Returns the rows written.
    /// </summary>
    /// <param name="rows">
    /// Read one after the other, each row's values taken (bound or copied) before the next is asked for: a caller may
    /// give every row in the same array (<see cref="Boxes.Reused"/>), so no dialect may keep a row.
    /// </param>
    public abstract Task<int> BulkInsertAsync(DbConnection connection, DbTransaction tx, Table table,
        IEnumerable<object?[]> rows, bool upsert, CancellationToken ct);

    /// <summary>
    /// The rows of a history query (<see cref="HistoryRows"/>: registry versions, crisis rows), each mapped by
    /// <paramref name="map"/> in the query's order; parameters @p0, @p1 ... are <paramref name="args"/>. Read through the
    /// engine's ADO.NET reader; SQLite reads the same values through its own API.
    /// </summary>
    public virtual async Task<List<T>> ReadHistoryRowsAsync<T>(DbConnection connection, string sql, object?[] args, Func<IHistoryRow, T> map,
        CancellationToken ct)
    {
        await using var cmd = Db.Command(connection, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var row = new DbHistoryRow(r);
        var rows = new List<T>();
        while (await r.ReadAsync(ct)) rows.Add(map(row));
        return rows;
    }

    /// <summary>
    /// Sets <paramref name="column"/> of the row of <paramref name="table"/> whose <paramref name="keyColumn"/> is
    /// <paramref name="key"/> (the row exists) to <paramref name="bytes"/>, in <paramref name="tx"/>. For a large value (the
    /// registry's copy: ~38 MB at 190,000 households); SQLite writes it in place, without copies of the whole value.
    /// </summary>
    public virtual Task WriteBlobAsync(DbConnection connection, DbTransaction tx, string table, string column, string keyColumn,
        string key, byte[] bytes, CancellationToken ct) =>
        Db.ExecAsync(connection, tx, $"UPDATE {table} SET {column} = @p1 WHERE {keyColumn} = @p0", ct, key, bytes);

    /// <summary>
    /// The large value of <paramref name="column"/> in the row whose <paramref name="keyColumn"/> is <paramref name="key"/>
    /// (null: no such row): the registry's copy, a model. SQLite reads it in place; PostgreSQL in sequential access,
    /// without a pooled buffer of its size.
    /// </summary>
    public abstract Task<byte[]?> ReadBlobAsync(DbConnection connection, string table, string column, string keyColumn, string key,
        CancellationToken ct);

    /// <summary>The ON CONFLICT clause both engines understand.</summary>
    public static string ConflictClause(Table t, bool upsert)
    {
        var key = string.Join(", ", t.Key);
        if (!upsert) return $"ON CONFLICT ({key}) DO NOTHING";
        var sets = t.Columns.Where(c => !t.Key.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}");
        return $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", sets)}";
    }
}
