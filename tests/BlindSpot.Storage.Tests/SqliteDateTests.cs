using BlindSpot.Storage.Sql;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// Dates are read from SQLite's ISO text directly (Db.Date) instead of through Microsoft.Data.Sqlite's DateOnly.Parse:
/// every value a date column could hold, on a real file, must give the provider's date or the provider's exception.
/// </summary>
public sealed class SqliteDateTests : IDisposable
{
    readonly TempDir dir = new();

    public static readonly TheoryData<string> Values = new()
    {
        "'2026-10-30'", "'0001-01-01'", "'9999-12-31'", "'2024-02-29'", "'2026-02-29'", "'2026-13-01'", "'2026-00-10'", "'2026-04-31'",
        "'0000-01-01'", "'2026-1-30'", "' 2026-10-30'", "'2026-10-30 '", "'2026/10/30'", "'2026-10-30T00:00:00'", "'2026-10-30 09:00:00'",
        "'Oct 30, 2026'", "'２０２６-10-30'", "''", "'abcd-ef-gh'", "2461344", "2461344.75", "NULL", "X'323032362D31302D3330'",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void ADateReadsAsMicrosoftDataSqliteReadsIt(string literal)
    {
        using var c = new SqliteConnection($"Data Source={dir.File("dates.db")}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"CREATE TABLE IF NOT EXISTS d (day TEXT); DELETE FROM d; INSERT INTO d VALUES ({literal}); SELECT day FROM d";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        var (expected, expectedError) = Catch(() => r.GetFieldValue<DateOnly>(0));
        var (actual, actualError) = Catch(() => Db.Date(r, 0));
        Assert.Equal(expectedError?.GetType(), actualError?.GetType());
        Assert.Equal(expectedError?.Message, actualError?.Message);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OnlyExactIsoDatesTakeTheDirectPath()
    {
        Assert.True(Db.TryIsoDate("2026-10-30", out var day));
        Assert.Equal(new DateOnly(2026, 10, 30), day);
        Assert.False(Db.TryIsoDate("2026-02-29", out _));
        Assert.False(Db.TryIsoDate("2026-10-30 ", out _));
        Assert.False(Db.TryIsoDate("0000-01-01", out _));
    }

    static (DateOnly? Value, Exception? Error) Catch(Func<DateOnly> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
