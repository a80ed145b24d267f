using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The SQLite bulk insert binds values through SQLite's own API: every kind of value the store writes (and a few it does
/// not) must be stored as a Microsoft.Data.Sqlite parameter stores it, in columns of every affinity, on a real file.
/// </summary>
public sealed class SqliteRowsTests : IDisposable
{
    readonly TempDir dir = new();

    enum Kind { First = 3 }

    public static readonly object?[] Values =
    [
        null, DBNull.Value, "", "a", "한글 주소, 101동 2404호 (여의삼성아파트)", "line\nbreak \"quoted\"", new string('가', 5000),
        true, false, 0, -1, int.MaxValue, int.MinValue, 0L, long.MaxValue, long.MinValue,
        0.0, -0.0, 0.1, 1.0 / 3, 1e300, -2.5e-300, 0.5f, 1.1f,
        new byte[] { 1, 2, 0, 255 }, Array.Empty<byte>(),
        new DateOnly(2026, 10, 30), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31),
        new DateTime(2026, 10, 30, 9, 5, 7), new DateTime(2026, 10, 30, 0, 0, 0), new DateTime(2026, 10, 30, 23, 59, 59, 123).AddTicks(4567),
        new DateTime(2026, 10, 30, 9, 5, 7, DateTimeKind.Utc), new DateTime(2026, 10, 30, 9, 5, 7, DateTimeKind.Local),
        0m, 1m, 1.0m, 1.50m, 12.345m, -0.5m, 7m, 100000000000000000000m, 0.0000000001m, decimal.MaxValue, decimal.MinValue,
        (short)5, (byte)7, 9u, TimeSpan.FromMinutes(90), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Kind.First, 'x',
        new DateTimeOffset(2026, 10, 30, 9, 5, 7, TimeSpan.FromHours(9)), new TimeOnly(9, 5, 7),
    ];

    [Fact]
    public void StoresEveryValueAsAMicrosoftDataSqliteParameterStoresIt()
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir.Path, "rows.db") }.ToString());
        c.Open();
        foreach (var t in new[] { "expected", "actual" })
            Exec(c, null, $"CREATE TABLE {t} (n INTEGER, c_text TEXT, c_int INTEGER, c_real REAL, c_num NUMERIC, c_blob BLOB, c_none)");
        const string columns = "n, c_text, c_int, c_real, c_num, c_blob, c_none";

        using (var tx = c.BeginTransaction())
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO expected ({columns}) VALUES (@n, @v, @v, @v, @v, @v, @v)";
            var n = cmd.Parameters.Add("@n", SqliteType.Integer);
            var v = cmd.Parameters.Add(new SqliteParameter { ParameterName = "@v" });
            for (var i = 0; i < Values.Length; i++)
            {
                n.Value = i;
                v.Value = Values[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        using (var tx = c.BeginTransaction())
        {
            using var rows = new SqliteRows(c, tx, $"INSERT INTO actual ({columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)", 7);
            for (var i = 0; i < Values.Length; i++)
                Assert.Equal(1, rows.Write([i, .. Enumerable.Repeat(Values[i], 6)]));
            tx.Commit();
        }

        var expected = Read(c, "expected");
        var actual = Read(c, "actual");
        Assert.Equal(Values.Length, expected.Count);
        for (var i = 0; i < Values.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void ARowSkippedByItsConflictClauseCountsNothingAndAFailureIsSqlitesOwnException()
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir.Path, "keys.db") }.ToString());
        c.Open();
        Exec(c, null, "CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
        using var tx = c.BeginTransaction();
        using (var rows = new SqliteRows(c, tx, "INSERT INTO t (k, v) VALUES (@p0, @p1) ON CONFLICT (k) DO NOTHING", 2))
        {
            Assert.Equal(1, rows.Write(["a", 1]));
            Assert.Equal(0, rows.Write(["a", 2]));
            Assert.Equal(1, rows.Write(["b", 3]));
        }
        using (var rows = new SqliteRows(c, tx, "INSERT INTO t (k, v) VALUES (@p0, @p1)", 2))
        {
            var e = Assert.Throws<SqliteException>(() => rows.Write(["c", null]));
            Assert.Equal(19, e.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Equal(1, rows.Write(["c", 4])); // the statement is usable after a failed row
        }
        tx.Commit();
        Assert.Equal(["a|1", "b|3", "c|4"], Query(c, "SELECT k || '|' || v FROM t ORDER BY k"));
    }

    [Fact]
    public void AValueRepeatedFromThePreviousRowIsStoredOnEveryRowLikeAnyOther()
    {
        // SqliteRows does not bind again a value that is the same instance (a string, a shared box), null after null, or
        // the same date as the one the parameter holds from the previous row, nor a first null (a parameter never bound
        // is NULL): every row must still store exactly its own values.
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir.Path, "repeat.db") }.ToString());
        c.Open();
        foreach (var t in new[] { "expected", "actual" }) Exec(c, null, $"CREATE TABLE {t} (n INTEGER, s TEXT, d TEXT, x)");
        var shared = "같은 값";
        var day = new DateOnly(2026, 10, 30);
        object five = 5, yes = true;
        object?[][] rows =
        [
            [null, null, null], [null, DBNull.Value, five], [shared, day, five], [shared, day, yes], [shared, day, null], [shared, day, yes],
            [shared, day, DBNull.Value], [shared, day, null], [shared, day, five], [shared, day, 5], [shared, day, shared], [shared, day, shared], [null, day, day], [shared, new DateOnly(2026, 10, 30), null], [new string(shared.AsSpan()), null, shared],
            [shared, new DateOnly(2026, 4, 30), day], ["", day, ""], ["", day, ""], [shared, DBNull.Value, 1], [shared, day, shared], ["다른 값", day, 2.5],
        ];
        using (var tx = c.BeginTransaction())
        {
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO expected (n, s, d, x) VALUES (@n, @s, @d, @x)";
            var n = cmd.Parameters.Add("@n", SqliteType.Integer);
            var s = cmd.Parameters.Add(new SqliteParameter { ParameterName = "@s" });
            var d = cmd.Parameters.Add(new SqliteParameter { ParameterName = "@d" });
            var x = cmd.Parameters.Add(new SqliteParameter { ParameterName = "@x" });
            for (var i = 0; i < rows.Length; i++)
            {
                (n.Value, s.Value, d.Value, x.Value) = (i, rows[i][0] ?? DBNull.Value, rows[i][1] ?? DBNull.Value, rows[i][2] ?? DBNull.Value);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        using (var tx = c.BeginTransaction())
        {
            using var insert = new SqliteRows(c, tx, "INSERT INTO actual (n, s, d, x) VALUES (@p0, @p1, @p2, @p3)", 4);
            for (var i = 0; i < rows.Length; i++) Assert.Equal(1, insert.Write([i, .. rows[i]]));
            tx.Commit();
        }
        const string columns = "typeof(s) || ':' || quote(s) || ' ' || typeof(d) || ':' || quote(d) || ' ' || typeof(x) || ':' || quote(x)";
        var expected = Query(c, $"SELECT {columns} FROM expected ORDER BY n");
        Assert.Equal(rows.Length, expected.Count);
        Assert.Equal(expected, Query(c, $"SELECT {columns} FROM actual ORDER BY n"));
    }

    static List<string> Read(SqliteConnection c, string table) =>
        Query(c, $"SELECT typeof(c_text) || ':' || quote(c_text) || ' ' || typeof(c_int) || ':' || quote(c_int) || ' ' || typeof(c_real) || ':' || quote(c_real) " +
            $"|| ' ' || typeof(c_num) || ':' || quote(c_num) || ' ' || typeof(c_blob) || ':' || quote(c_blob) || ' ' || typeof(c_none) || ':' || quote(c_none) FROM {table} ORDER BY n");

    static List<string> Query(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var result = new List<string>();
        while (r.Read()) result.Add(r.GetString(0));
        return result;
    }

    static void Exec(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => dir.Dispose();
}
