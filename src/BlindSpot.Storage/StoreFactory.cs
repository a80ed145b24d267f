using BlindSpot.Core.Storage;
using BlindSpot.Storage.Postgres;
using BlindSpot.Storage.Sql;
using BlindSpot.Storage.Sqlite;

namespace BlindSpot.Storage;

/// <summary>Opens the store named by --db / BLINDSPOT_DB: a SQLite file path, or a PostgreSQL connection string.</summary>
public static class StoreFactory
{
    /// <summary>True when <paramref name="db"/> is a PostgreSQL connection string (Host=...; or postgres://...).</summary>
    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        (db.Contains('=') && db.Contains("host", StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens and migrates the store.</summary>
    public static async Task<IBlindSpotStore> OpenAsync(string db, CancellationToken ct)
    {
        var store = Unmigrated(db);
        try
        {
            await store.MigrateAsync(ct);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    /// <summary>The store without touching its schema (tests build an old schema version with it).</summary>
    internal static SqlStore Unmigrated(string db)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        SqlDialect dialect = IsPostgres(db) ? new PostgresDialect(ToConnectionString(db)) : new SqliteDialect(db);
        return new SqlStore(dialect);
    }

    /// <summary>A folder beside the store for files that belong with it (quarantine copies): next to a SQLite file, else the working folder.</summary>
    public static string DataDirectory(string db) =>
        IsPostgres(db) ? Path.GetFullPath(".") : Path.GetDirectoryName(Path.GetFullPath(db))!;

    /// <summary>A Npgsql connection string from either form --db accepts (key=value pairs, or a postgresql:// URL).</summary>
    public static string ToConnectionString(string db)
    {
        if (!db.Contains("://", StringComparison.Ordinal)) return db;
        var uri = new Uri(db);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder { Host = uri.Host, Database = uri.AbsolutePath.TrimStart('/') };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ConnectionString;
    }
}
