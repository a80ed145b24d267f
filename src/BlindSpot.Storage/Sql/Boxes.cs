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

    /// <summary>
    /// A box for each date, kept for the rows of one insert: the rows of a file share its snapshot date or month, so the
    /// dates are boxed a few times a file, not once a row.
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
