using System.Data.Common;

namespace BlindSpot.Storage.Sql;

/// <summary>
/// What a database holds before BlindSpot creates or migrates anything in it: whether it is a BlindSpot store (its
/// schema_version table), at which schema version, and how many tables its schema has (any application's).
/// </summary>
internal sealed record StoreState(bool IsStore, int Version, long Tables)
{
    public static async Task<StoreState> ReadAsync(DbConnection c, string tableCountSql, string schemaVersionExistsSql, CancellationToken ct)
    {
        var tables = Convert.ToInt64(await Db.ScalarAsync(c, null, tableCountSql, ct));
        var isStore = Convert.ToInt64(await Db.ScalarAsync(c, null, schemaVersionExistsSql, ct)) > 0;
        var version = isStore ? Convert.ToInt32(await Db.ScalarAsync(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct)) : 0;
        return new StoreState(isStore, version, tables);
    }
}
