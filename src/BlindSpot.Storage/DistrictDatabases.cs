using System.Text.RegularExpressions;
using Npgsql;

namespace BlindSpot.Storage;

/// <summary>
/// The national layout (docs/adr/0007-national-fan-out-database-per-district.md): every district keeps the one-district
/// schema in a database of its own on the shared PostgreSQL server, named after the national database and the
/// district's code ("blindspot" + "d07" -> "blindspot_d07"). Hangfire's queue lives in the national database.
/// </summary>
public static partial class DistrictDatabases
{
    [GeneratedRegex("^[a-z0-9]{1,24}$")]
    private static partial Regex Code();

    /// <summary>A district code is 1-24 lower-case letters or digits (it becomes part of a database name).</summary>
    public static bool IsValidCode(string district) => Code().IsMatch(district);

    /// <summary>The connection string of a district's database, from the national one (key=value or postgresql:// form).</summary>
    public static string ConnectionString(string nationalDb, string district)
    {
        if (!StoreFactory.IsPostgres(nationalDb)) throw new ArgumentException("A national run needs a PostgreSQL connection string.", nameof(nationalDb));
        if (!IsValidCode(district)) throw new ArgumentException("A district code is 1-24 lower-case letters or digits.", nameof(district));
        var b = new NpgsqlConnectionStringBuilder(StoreFactory.ToConnectionString(nationalDb));
        b.Database = $"{b.Database}_{district}";
        return b.ConnectionString;
    }

    /// <summary>Creates the district's database when it does not exist yet (its schema is created when a store opens it).</summary>
    public static async Task EnsureCreatedAsync(string nationalDb, string district, CancellationToken ct)
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString(nationalDb, district)).Database!;
        await using var c = new NpgsqlConnection(StoreFactory.ToConnectionString(nationalDb));
        await c.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", c))
        {
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
        }
        // The name is the validated code appended to the national database's name: no quoting needed beyond identifiers.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", c);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created meanwhile by another server's job for the same district (its run and its retrain, say): it exists.
        }
    }
}
