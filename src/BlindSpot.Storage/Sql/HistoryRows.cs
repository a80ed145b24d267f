using System.Data.Common;
using System.Runtime.CompilerServices;
using BlindSpot.Core.Domain;

namespace BlindSpot.Storage.Sql;

/// <summary>
/// The current row of a history read (registry versions, crisis rows), as the two mappings below read it. Each value is
/// what the engine's ADO.NET reader gives for that column (<see cref="DbHistoryRow"/>); SQLite's reader reads the same
/// values through SQLite's own API (<see cref="Sqlite.SqliteHistoryRows"/>). One instance per statement: the shared
/// values and the run of ids belong to one read.
/// </summary>
internal interface IHistoryRow
{
    /// <summary>A household id (the column the rows are ordered by first): a household's later rows share its first row's instance.</summary>
    string Id(int i);

    /// <summary>A value of a column with few distinct values (dong, housing type, tenure, sex, indicator): one instance of each.</summary>
    string Shared(int i);

    int Int32(int i);

    bool Boolean(int i);

    bool? NullableBoolean(int i);

    decimal Decimal(int i);

    DateOnly Date(int i);
}

/// <summary>The history mappings, one for both engines and both readers.</summary>
internal static class HistoryRows
{
    /// <summary>
    /// A district's versions: every column but the contact details (address, head_name, phone), which modeling does not
    /// use and which the worklists read for the listed households only (<c>SqlStore.LoadContactsAsync</c>). At 190,000
    /// households they were ~1.1 million strings (~65 MB) of a first run's history, and most of a kept file's text.
    /// </summary>
    public const string VersionColumns =
        "SELECT household_id, dong, head_birth_year, head_sex, members, children_under_2, single_parent, " +
        "pregnant, disability, housing_type, tenure, moved_in, basic_livelihood, case_managed, snapshot_date FROM household_versions";

    /// <summary>A district version's address and name: empty, as retention leaves a cleared version's (one instance each).</summary>
    public const string NoAddress = "", NoName = "";

    public const string CrisisColumns = "SELECT household_id, month, indicator, value, known_code FROM crisis";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Household Version(IHistoryRow r) =>
        new(r.Id(0), r.Shared(1), NoAddress, NoName, null, r.Int32(2), Enum.Parse<Sex>(r.Shared(3)), r.Int32(4), r.Int32(5),
            r.NullableBoolean(6), r.NullableBoolean(7), r.NullableBoolean(8), r.Shared(9), r.Shared(10), r.Date(11), r.Boolean(12),
            r.Boolean(13), r.Date(14));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CrisisRecord Crisis(IHistoryRow r) => new(r.Id(0), r.Date(1), r.Shared(2), r.Decimal(3), r.Boolean(4));
}

/// <summary>A history row read through the engine's ADO.NET reader (PostgreSQL always; SQLite when its own reader declines).</summary>
internal sealed class DbHistoryRow(DbDataReader r) : IHistoryRow
{
    readonly StringPool pool = new();
    readonly RunIds ids = new();

    public string Id(int i) => ids.Of(r.GetString(i));
    public string Shared(int i) => pool.Of(r.GetString(i));
    public int Int32(int i) => r.GetInt32(i);
    public bool Boolean(int i) => r.GetBoolean(i);
    public bool? NullableBoolean(int i) => r.NullableBool(i);
    public decimal Decimal(int i) => r.GetDecimal(i);
    public DateOnly Date(int i) => r.Date(i);
}

/// <summary>The ids of rows read in household order: a household's later rows share its first row's id instance.</summary>
internal sealed class RunIds
{
    string? previous;

    public string Of(string id)
    {
        if (id == previous) return previous;
        previous = id;
        return id;
    }
}

/// <summary>One instance of each distinct value of a column with few distinct values (dong, indicator, housing type).</summary>
internal sealed class StringPool
{
    readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public string Of(string value)
    {
        if (values.TryGetValue(value, out var shared)) return shared;
        values[value] = value;
        return value;
    }
}
