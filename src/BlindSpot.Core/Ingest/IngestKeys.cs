namespace BlindSpot.Core.Ingest;

/// <summary>
/// The duplicate keys of <see cref="IngestContext"/>, built the same way everywhere. Each is the text
/// <c>$"{id}|{date:yyyyMMdd}"</c> (and so on) gives, written digit by digit: a key is made twice for every row of a
/// registry snapshot or a crisis month (read, then included), ~1.2 million times in a first run, and a custom date format
/// is parsed on every use.
/// </summary>
public static class IngestKeys
{
    /// <summary>household_id + "|" + snapshot date (yyyyMMdd).</summary>
    public static string Household(string id, DateOnly snapshot) =>
        string.Create(id.Length + 9, (id, snapshot), static (s, a) =>
        {
            a.id.CopyTo(s);
            s = s[a.id.Length..];
            s[0] = '|';
            Digits(s.Slice(1, 4), a.snapshot.Year);
            Digits(s.Slice(5, 2), a.snapshot.Month);
            Digits(s.Slice(7, 2), a.snapshot.Day);
        });

    /// <summary>household_id + "|" + yyyy-MM + "|" + indicator.</summary>
    public static string Crisis(string id, DateOnly month, string indicator) =>
        string.Create(id.Length + indicator.Length + 9, (id, month, indicator), static (s, a) =>
        {
            a.id.CopyTo(s);
            s = s[a.id.Length..];
            s[0] = '|';
            Digits(s.Slice(1, 4), a.month.Year);
            s[5] = '-';
            Digits(s.Slice(6, 2), a.month.Month);
            s[8] = '|';
            a.indicator.CopyTo(s[9..]);
        });

    /// <summary>household_id + "|" + visited_on (yyyy-MM-dd).</summary>
    public static string Outcome(string id, DateOnly visitedOn) =>
        string.Create(id.Length + 11, (id, visitedOn), static (s, a) =>
        {
            a.id.CopyTo(s);
            s = s[a.id.Length..];
            s[0] = '|';
            Digits(s.Slice(1, 4), a.visitedOn.Year);
            s[5] = '-';
            Digits(s.Slice(6, 2), a.visitedOn.Month);
            s[8] = '-';
            Digits(s.Slice(9, 2), a.visitedOn.Day);
        });

    /// <summary><paramref name="value"/> in exactly <c>s.Length</c> decimal digits, zero-padded (a year has at most 4).</summary>
    static void Digits(Span<char> s, int value)
    {
        for (var i = s.Length - 1; i >= 0; i--, value /= 10) s[i] = (char)('0' + value % 10);
    }
}
