using System.Data.Common;
using BlindSpot.Core.Domain;
using BlindSpot.Storage.Sql;

namespace BlindSpot.Storage.Schema;

/// <summary>
/// How the store keeps the rows of a feed held in <see cref="FeedRows"/>: its table, the row as column values and back,
/// which rows a district as of a day knows, and what retention blanks. <see cref="SqlStore"/> inserts, loads and purges
/// every registered table with the same code on both engines (ADR 0016).
/// </summary>
internal abstract class FeedTable
{
    /// <summary>The table; its last column is <c>file_sha256</c> (the file that brought the row), filled by the store.</summary>
    public abstract Table Table { get; }

    public abstract Type RowType { get; }

    /// <summary>
    /// True for configuration: the newest file's row replaces the stored one with the same key (upsert). False for facts:
    /// the first stored row stays, and a later file's row with its key is counted as duplicate at ingest.
    /// </summary>
    public bool NewestWins { get; init; }

    /// <summary>
    /// The date column that says when a row became known: a district as of a day loads the rows known by then, and
    /// retention blanks <see cref="Personal"/> columns of rows known before its cut-off. Null for configuration (every row).
    /// </summary>
    public string? KnownOn { get; init; }

    /// <summary>The columns holding personal data, blanked by retention (NULL when nullable, '' otherwise).</summary>
    public string[] Personal { get; init; } = [];

    /// <summary>The load order (default: the key).</summary>
    public string? OrderBy { get; init; }

    /// <summary>The columns read back (every column but the trailing <c>file_sha256</c>).</summary>
    protected string ReadColumns => string.Join(", ", Table.Columns.Take(Table.Columns.Length - 1).Select(c => c.Name));

    /// <summary>The column values of this table's rows in <paramref name="rows"/>, <paramref name="fileSha256"/> last.</summary>
    public abstract IReadOnlyList<object?[]> Values(FeedRows rows, string fileSha256);

    /// <summary>The rows a district as of <paramref name="asOf"/> knows, as an <c>IReadOnlyList&lt;RowType&gt;</c>.</summary>
    public abstract Task<IReadOnlyList<object>> LoadAsync(DbConnection c, DateOnly asOf, CancellationToken ct);

    /// <summary>The keys of every stored row (the ingest context's duplicates across files).</summary>
    public abstract Task LoadKeysAsync(DbConnection c, HashSet<string> keys, CancellationToken ct);

    /// <summary>The retention statement blanking <see cref="Personal"/> of rows known before @p0, or null when nothing is personal.</summary>
    public string? PurgeSql()
    {
        if (Personal.Length == 0) return null;
        if (KnownOn is null) throw new InvalidOperationException($"{Table.Name}: personal columns need a KnownOn date for retention.");
        var columns = Personal.Select(name => Table.Columns.Single(c => c.Name == name)).ToList();
        var sets = columns.Select(c => c.Nullable ? $"{c.Name} = NULL" : $"{c.Name} = ''");
        var left = columns.Select(c => c.Nullable ? $"{c.Name} IS NOT NULL" : $"{c.Name} <> ''");
        return $"UPDATE {Table.Name} SET {string.Join(", ", sets)} WHERE {KnownOn} < @p0 AND ({string.Join(" OR ", left)})";
    }
}

/// <param name="values">The row's column values in the table's order, without the trailing <c>file_sha256</c>.</param>
/// <param name="read">The row from a record of the table's columns in order (without <c>file_sha256</c>).</param>
internal sealed class FeedTable<T>(Table table, Func<T, object?[]> values, Func<DbDataReader, T> read) : FeedTable
    where T : class, IFeedRow
{
    public override Table Table => table;

    public override Type RowType => typeof(T);

    public override IReadOnlyList<object?[]> Values(FeedRows rows, string fileSha256) =>
        rows.Of<T>().Select(row => (object?[])[.. values(row), fileSha256]).ToList();

    public override async Task<IReadOnlyList<object>> LoadAsync(DbConnection c, DateOnly asOf, CancellationToken ct)
    {
        var order = OrderBy ?? string.Join(", ", table.Key);
        return KnownOn is null
            ? await Db.QueryAsync(c, $"SELECT {ReadColumns} FROM {table.Name} ORDER BY {order}", read, ct)
            : await Db.QueryAsync(c, $"SELECT {ReadColumns} FROM {table.Name} WHERE {KnownOn} <= @p0 ORDER BY {order}", read, ct, asOf);
    }

    public override async Task LoadKeysAsync(DbConnection c, HashSet<string> keys, CancellationToken ct)
    {
        foreach (var row in await Db.QueryAsync(c, $"SELECT {ReadColumns} FROM {table.Name}", read, ct)) keys.Add(row.Key);
    }
}

/// <summary>
/// The registration of every feed table held in <see cref="FeedRows"/>: one entry per feed (docs/adding-a-feed.md). Its
/// table is created by a migration (<see cref="Migrations"/>). The first feeds (registry, crisis, tips, outcomes) keep
/// hand-written SQL in <see cref="SqlStore"/>: the kept history, tip links and corrections need more than a row in, a row out.
/// </summary>
internal static class FeedTables
{
    public static readonly FeedTable<DongCapacity> Capacity = new(Tables.Capacity,
        x => [x.Dong, x.DailyVisits], r => new DongCapacity(r.GetString(0), r.GetInt32(1))) { NewestWins = true };

    public static readonly FeedTable<TargetBaseline> Baselines = new(Tables.Baselines,
        x => [x.Dong, x.Year, x.Discoveries], r => new TargetBaseline(r.GetString(0), r.GetInt32(1), r.GetInt32(2)))
        { NewestWins = true, OrderBy = "year, dong" };

    public static readonly FeedTable[] All = [Capacity, Baselines];
}
