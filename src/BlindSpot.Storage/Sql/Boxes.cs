namespace BlindSpot.Storage.Sql;

/// <summary>
/// The values an ingest writes over and over, boxed once: a bulk insert takes each row as <c>object?[]</c>, and a first run
/// at 300,000 households boxed ~6 million booleans, small integers and dates to write its registry and crisis rows. The
/// same box for the same value also lets the SQLite writer skip binding a parameter to the value it already holds
/// (<see cref="Sqlite.SqliteRows"/>).
/// </summary>
internal static class Boxes
{
    static readonly object True = true, False = false;
    // Birth years, member and child counts: every integer a registry row holds, in practice.
    const int MaxCached = 2200;
    static readonly object[] Ints = Enumerable.Range(0, MaxCached + 1).Select(n => (object)n).ToArray();

    public static object Of(bool value) => value ? True : False;

    public static object? Of(bool? value) => value is { } b ? Of(b) : null;

    public static object Of(int value) => (uint)value <= MaxCached ? Ints[value] : value;

    // The head's sex as stored (the enum's name), without the box ToString() makes of the value on every row.
    static readonly string[] SexNames = Enum.GetValues<Core.Domain.Sex>().Select(s => s.ToString()).ToArray();

    public static string Of(Core.Domain.Sex sex) => SexNames[(int)sex];

    /// <summary>
    /// The rows of <paramref name="items"/> for a bulk insert, each filled by <paramref name="fill"/> into one array of
    /// <paramref name="width"/> values given again for every row: a dialect takes a row's values before it asks for the
    /// next (<see cref="SqlDialect.BulkInsertAsync"/>). A registry snapshot's rows then need one array, not one each
    /// (~120 MB of short-lived arrays in a first run at 250,000 households, counted by `run-district` with
    /// BLINDSPOT_BENCH_ALLOC=1).
    /// </summary>
    public static IEnumerable<object?[]> Reused<T>(IEnumerable<T> items, int width, Action<T, object?[]> fill)
    {
        var row = new object?[width];
        foreach (var item in items)
        {
            fill(item, row);
            yield return row;
        }
    }

    /// <summary>
    /// A box for each date, kept for the rows of one insert: the rows of a file share its snapshot date or month, and its
    /// households' moved-in dates repeat (a few thousand days for a district), so the dates are boxed a few thousand times
    /// a file, not once a row.
    /// </summary>
    public sealed class Dates
    {
        readonly Dictionary<DateOnly, object> boxed = [];

        public object Of(DateOnly date)
        {
            if (!boxed.TryGetValue(date, out var box)) boxed[date] = box = date;
            return box;
        }
    }
}
