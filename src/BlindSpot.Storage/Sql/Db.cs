using System.Data.Common;

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
    public static DateOnly Date(this DbDataReader r, int i) => r.GetFieldValue<DateOnly>(i);
    public static DateTime Timestamp(this DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Unspecified);
    public static DateTime? NullableTimestamp(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.Timestamp(i);

    /// <summary>Timestamps are stored as KST wall-clock time without zone (Kind Unspecified), in both engines.</summary>
    public static DateTime Kst(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Unspecified);
}
