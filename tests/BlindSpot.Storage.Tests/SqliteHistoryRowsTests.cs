using System.Globalization;
using BlindSpot.Core.Domain;
using BlindSpot.Storage.Sql;
using BlindSpot.Storage.Sqlite;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The SQLite history reads go through SQLite's own API (SqliteHistoryRows) instead of Microsoft.Data.Sqlite's reader: on a
/// real file, every kind of value in columns of every affinity must read as the provider's reader reads it (value or
/// exception), whether the own reader takes it or leaves the statement to the provider; and a store's history must come
/// out the same, to the kept file's byte.
/// </summary>
public sealed class SqliteHistoryRowsTests : IDisposable
{
    static readonly CancellationToken Ct = CancellationToken.None;
    readonly TempDir dir = new();

    /// <summary>SQL literals of every storage class, including what the store never writes.</summary>
    static readonly string[] Literals =
    [
        "NULL", "''", "'a'", "'H0000123'", "'한글 주소, 101동 2404호'", "'도림동'", "'2026-10-30'", "'0001-01-01'", "'2026-02-29'",
        "'2026-1-30'", "' 2026-10-30'", "'２０２６-10-30'", "'2026-10-30 09:00:00'", "'12.50'", "'1e3'", "'abc'", "' 7'", "'M'", "'F'",
        "CAST(X'FF41' AS TEXT)", "CAST(X'ED9FBF' AS TEXT)", "'a' || char(0) || 'b'", "char(55357)",
        "0", "1", "-1", "7", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "2461344",
        "0.0", "0.5", "3.5", "1.25", "-0.1", "1e300", "2461344.75", "0.1 + 0.2", "1e-7", "123456789012.345",
        "X''", "X'00'", "X'323032362D31302D3330'", "X'FF'",
    ];

    /// <summary>Each reading a history mapping makes of a value, by name.</summary>
    static readonly (string Name, Func<IHistoryRow, object?> Read)[] Readings =
    [
        ("Id", r => r.Id(0)), ("Shared", r => r.Shared(0)),
        ("Int32", r => r.Int32(0)), ("Boolean", r => r.Boolean(0)), ("NullableBoolean", r => r.NullableBoolean(0)),
        ("Decimal", r => r.Decimal(0)), ("Date", r => r.Date(0)),
    ];

    [Fact]
    public async Task EveryValueReadsAsTheProvidersReaderReadsItOrIsLeftToIt()
    {
        var path = dir.File("values.db");
        using var c = Open(path);
        Exec(c, "CREATE TABLE v (n INTEGER, c_text TEXT, c_int INTEGER, c_real REAL, c_num NUMERIC, c_blob BLOB, c_none)");
        for (var n = 0; n < Literals.Length; n++)
            Exec(c, $"INSERT INTO v VALUES ({n}, {Literals[n]}, {Literals[n]}, {Literals[n]}, {Literals[n]}, {Literals[n]}, {Literals[n]})");

        var provider = new SqliteDialect(path) { OwnHistoryReads = false };
        var own = new SqliteDialect(path);
        var taken = new HashSet<string>();
        var compared = 0;
        foreach (var column in new[] { "c_text", "c_int", "c_real", "c_num", "c_blob", "c_none" })
            for (var n = 0; n < Literals.Length; n++)
                foreach (var (name, read) in Readings)
                {
                    var sql = $"SELECT {column} FROM v WHERE n = {n}";
                    var expected = await DescribeAsync(() => provider.ReadHistoryRowsAsync(c, sql, [], read, Ct));
                    // The dialect's read (its own reader, or the provider's when it declines) is always the provider's.
                    Assert.Equal(expected, await DescribeAsync(() => own.ReadHistoryRowsAsync(c, sql, [], read, Ct)));
                    // The own reader alone: when it takes a value, it gives the provider's value (never where the provider throws),
                    // with SQLite's column functions called directly and through SQLitePCL alike.
                    var rows = SqliteHistoryRows.TryRead(c, sql, [], read, Ct);
                    var throughLayers = SqliteHistoryRows.TryRead(c, sql, [], read, Ct, directColumns: false);
                    Assert.Equal(rows is null, throughLayers is null);
                    if (rows is null || throughLayers is null) continue;
                    Assert.Equal(expected, Describe(rows));
                    Assert.Equal(expected, Describe(throughLayers));
                    taken.Add($"{column} {Literals[n]} {name}");
                    compared++;
                }

        // What the store writes is read by the own reader, not left to the provider.
        string[] stored =
        [
            "c_text 'H0000123' Id", "c_text '한글 주소, 101동 2404호' Shared", "c_text '도림동' Shared", "c_text '' Shared",
            "c_text 'a' || char(0) || 'b' Id", "c_text CAST(X'FF41' AS TEXT) Shared", "c_text '2026-10-30' Date",
            "c_int 2147483647 Int32", "c_int -1 Int32", "c_int 1 Boolean", "c_int 0 Boolean", "c_int NULL NullableBoolean", "c_int 7 NullableBoolean",
            "c_num '12.50' Decimal", "c_num 3.5 Decimal", "c_num 7 Decimal", "c_num 123456789012.345 Decimal", "c_num 0.0 Decimal",
        ];
        Assert.All(stored, s => Assert.Contains(s, taken));
        // ... and what it never writes is left to the provider: a NULL read as a string, a number as text, a non-ISO date.
        string[] left = ["c_text NULL Shared", "c_int 7 Shared", "c_text '2026-1-30' Date", "c_int 2147483648 Int32", "c_text '1e3' Decimal"];
        Assert.All(left, s => Assert.DoesNotContain(s, taken));
        Assert.True(compared > 200, $"{compared} values compared");
        Assert.True(SqliteColumns.Direct, "SQLite's column functions are called directly here (Microsoft.Data.Sqlite's bundle, e_sqlite3)");
        Assert.Equal(0, provider.OwnReads);
        Assert.Equal(compared, own.OwnReads);
    }

    [Fact]
    public async Task RowsAfterRowsShareIdsAndValuesAsTheProvidersReadDoes()
    {
        // Ids in runs (a household's rows), repeated shared values, invalid UTF-8 that decodes like another value.
        var path = dir.File("runs.db");
        using var c = Open(path);
        Exec(c, "CREATE TABLE r (n INTEGER, id TEXT, dong TEXT, day TEXT)");
        string[][] rows =
        [
            ["'H1'", "'도림동'", "'2026-10-30'"], ["'H1'", "'도림동'", "'2026-11-30'"], ["'H2'", "'신길1동'", "'2026-10-30'"], ["'H2'", "'도림동'", "'2026-10-30'"],
            ["CAST(X'FF' AS TEXT)", "CAST(X'FF' AS TEXT)", "'2026-10-30'"], ["CAST(X'FE' AS TEXT)", "CAST(X'FE' AS TEXT)", "'2026-10-30'"],
            ["'H3'", "'신길1동'", "'2026-10-30'"], ["'H1'", "''", "'2026-10-30'"], ["'H1'", "''", "'2026-10-30'"], ["''", "'도림동'", "'2024-02-29'"],
        ];
        for (var n = 0; n < rows.Length; n++) Exec(c, $"INSERT INTO r VALUES ({n}, {string.Join(", ", rows[n])})");

        // Parameters: a string and a date, bound as the provider binds them.
        const string sql = "SELECT id, dong, day FROM r WHERE id >= @p0 AND day <= @p1 ORDER BY n";
        object?[] args = ["", new DateOnly(2026, 11, 30)];
        static (string Id, string Dong, DateOnly Day) Map(IHistoryRow r) => (r.Id(0), r.Shared(1), r.Date(2));
        var expected = await new SqliteDialect(path) { OwnHistoryReads = false }.ReadHistoryRowsAsync(c, sql, args, Map, Ct);
        var actual = SqliteHistoryRows.TryRead(c, sql, args, Map, Ct);
        Assert.NotNull(actual);
        Assert.Equal(rows.Length, expected.Count);
        Assert.Equal(expected, actual);
        // The same instances where the provider's read shares one (the previous row's id; the first of equal values).
        for (var i = 1; i < expected.Count; i++)
        {
            Assert.Equal(ReferenceEquals(expected[i].Id, expected[i - 1].Id), ReferenceEquals(actual[i].Id, actual[i - 1].Id));
            for (var j = 0; j < i; j++)
                Assert.Equal(ReferenceEquals(expected[i].Dong, expected[j].Dong), ReferenceEquals(actual[i].Dong, actual[j].Dong));
        }
        // A parameter of another type is left to the provider.
        Assert.Null(SqliteHistoryRows.TryRead(c, "SELECT id FROM r WHERE n = @p0", [3L], r => r.Shared(0), Ct));
        Assert.Equal(["H2"], await new SqliteDialect(path).ReadHistoryRowsAsync(c, "SELECT id FROM r WHERE n = @p0", [3L], r => r.Shared(0), Ct));
    }

    [Fact]
    public async Task AStoresHistoryReadsTheSameToTheKeptFilesByte()
    {
        var path = dir.File("store.db");
        var may = new DateOnly(2026, 5, 31);
        var june = new DateOnly(2026, 6, 30);
        await using (var writer = new SqlStore(new SqliteDialect(path)))
        {
            await writer.MigrateAsync(Ct);
            var households = new List<Household>();
            var crisis = new List<CrisisRecord>();
            decimal[] values = [3.50m, 0m, -1.25m, 12345678.9m, 1m, 0.001m, 100m];
            for (var i = 0; i < 40; i++)
            {
                var id = i % 7 == 0 ? $"가-{i}" : $"H{i:D4}";
                var first = Some.Household(id, may, dong: i % 3 == 0 ? "신길1동" : "도림동") with
                {
                    Phone = i % 4 == 0 ? null : $"010-{i:D4}-0000",
                    SingleParent = i % 5 == 0 ? null : i % 2 == 0,
                    Pregnant = i % 6 == 0 ? null : true,
                    Disability = i % 3 == 0,
                    HeadSex = i % 2 == 0 ? Sex.F : Sex.M,
                    HousingType = i % 2 == 0 ? "아파트" : "연립다세대",
                    HeadName = i % 9 == 0 ? "Ünal Ōta" : "김철수",
                };
                households.Add(first);
                if (i % 2 == 0) households.Add(first with { SnapshotDate = june, Members = 3, Address = first.Address + " (변경)" });
                for (var m = 4; m <= 7; m++)
                    crisis.Add(new CrisisRecord(id, new DateOnly(2026, m, 1), m % 2 == 0 ? "utility_arrears" : "health_insurance_arrears", values[(i + m) % values.Length], i % 2 == 0));
            }
            await writer.CommitFileAsync(Some.Batch("sha-all", households: households, crisis: crisis), Ct);
        }

        var providerDialect = new SqliteDialect(path) { OwnHistoryReads = false };
        var ownDialect = new SqliteDialect(path);
        await using var provider = new SqlStore(providerDialect);
        await using var own = new SqlStore(ownDialect);
        var key = await own.ReadHistoryKeyAsync(Ct);
        Assert.NotNull(key);
        foreach (var withKey in new[] { null, key })
            foreach (DateOnly? month in new DateOnly?[] { null, new DateOnly(2026, 5, 1) })
            {
                var expected = await provider.ReadHistoryAsync(month, withKey, Ct);
                var actual = await own.ReadHistoryAsync(month, withKey, Ct);
                Assert.True(expected.Versions.Count >= 60 && expected.Crisis.Count >= 80);
                Assert.Equal(expected.Versions, actual.Versions);
                Assert.Equal(expected.Crisis.Select(Line), actual.Crisis.Select(Line));
                // The kept file written from each is the same file.
                var a = new DistrictHistoryCache(dir.File($"a-{withKey is null}-{month}.cache"));
                var b = new DistrictHistoryCache(dir.File($"b-{withKey is null}-{month}.cache"));
                Assert.True(a.TryWrite(key, expected));
                Assert.True(b.TryWrite(key, actual));
                Assert.Equal(File.ReadAllBytes(a.Path), File.ReadAllBytes(b.Path));
            }
        Assert.Equal(0, providerDialect.OwnReads);
        Assert.True(ownDialect.OwnReads >= 12, $"{ownDialect.OwnReads} reads"); // halves and whole statements, all taken
    }

    /// <summary>A crisis row with its decimal's bits (the scale is kept in the history file).</summary>
    static string Line(CrisisRecord x) => $"{x} {string.Join(',', decimal.GetBits(x.Value))}";

    static async Task<string> DescribeAsync<T>(Func<Task<List<T>>> read)
    {
        try
        {
            return Describe(await read());
        }
        catch (Exception e)
        {
            return $"{e.GetType().FullName}: {e.Message}";
        }
    }

    static string Describe<T>(List<T> rows) => string.Join(" | ", rows.Select(v => v switch
    {
        null => "null",
        string s => $"string[{s.Length}] {string.Join(' ', s.Select(ch => ((int)ch).ToString("X4", CultureInfo.InvariantCulture)))}",
        decimal d => $"decimal {d.ToString(CultureInfo.InvariantCulture)} {string.Join(',', decimal.GetBits(d))}",
        _ => $"{v.GetType().Name} {Convert.ToString(v, CultureInfo.InvariantCulture)}",
    }));

    static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        c.Open();
        return c;
    }

    static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
