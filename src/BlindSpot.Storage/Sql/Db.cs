using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Sql;

/// <summary>Small ADO.NET helpers shared by both engines (parameters are named @p0, @p1 ... in both).</summary>
internal static class Db
{
    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params object?[] args)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public static async Task<int> ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> ScalarAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(c, tx, sql, args);
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is DBNull ? null : v;
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection c, string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var cmd = Command(c, null, sql, args);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(map(r));
        return list;
    }

    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    public static bool? NullableBool(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);
    public static DateOnly Date(this DbDataReader r, int i) => r is SqliteDataReader sqlite ? SqliteDate(sqlite, i) : r.GetFieldValue<DateOnly>(i);

    /// <summary>
    /// SQLite holds dates as ISO text (SqliteDialect), which Microsoft.Data.Sqlite parses with DateOnly.Parse (a third of
    /// the CPU of reading a registry version back). Text of exactly that shape is read here, giving the same date; any
    /// other text, a number (a Julian day) or NULL goes the provider's way, with its result or exception.
    /// </summary>
    static DateOnly SqliteDate(SqliteDataReader r, int i)
    {
        var text = r.GetString(i); // NULL throws here what the provider's GetDateOnly throws (it reads the text the same way)
        return TryIsoDate(text, out var date) ? date : r.GetFieldValue<DateOnly>(i);
    }

    /// <summary>"yyyy-MM-dd" with a valid year, month and day; false for anything else.</summary>
    internal static bool TryIsoDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return false;
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;

        static bool Digits(ReadOnlySpan<char> s, out int value)
        {
            value = 0;
            foreach (var c in s)
            {
                if (c is < '0' or > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }
    public static DateTime Timestamp(this DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified);
    public static DateTime? NullableTimestamp(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Timestamp(i);

    /// <summary>Timestamps are stored as KST wall-clock time without zone (Kind Unspecified), in both engines.</summary>
    public static DateTime Kst(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Unspecified);
}
