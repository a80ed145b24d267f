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
    public static string Household(string id, DateOnly snapshot) => Key(id, snapshot, DateForm.Compact, null);

    /// <summary>household_id + "|" + yyyy-MM + "|" + indicator.</summary>
    public static string Crisis(string id, DateOnly month, string indicator) => Key(id, month, DateForm.Month, indicator);

    /// <summary>household_id + "|" + visited_on (yyyy-MM-dd).</summary>
    public static string Outcome(string id, DateOnly visitedOn) => Key(id, visitedOn, DateForm.Day, null);

    enum DateForm { Compact, Month, Day }

    /// <summary><paramref name="id"/>, "|", the date in its form, then "|" and <paramref name="tail"/> when given.</summary>
    static string Key(string id, DateOnly date, DateForm form, string? tail)
    {
        var dateLength = form switch { DateForm.Compact => 8, DateForm.Month => 7, _ => 10 };
        var length = id.Length + 1 + dateLength + (tail is null ? 0 : 1 + tail.Length);
        return string.Create(length, (id, date, form, tail), static (s, a) =>
        {
            a.id.CopyTo(s);
            s[a.id.Length] = '|';
            s = s[(a.id.Length + 1)..];
            var dash = a.form == DateForm.Compact ? 0 : 1;
            Digits(s[..4], a.date.Year);
            if (dash == 1) s[4] = '-';
            Digits(s.Slice(4 + dash, 2), a.date.Month);
            s = s[(6 + dash)..];
            if (a.form == DateForm.Compact) { Digits(s[..2], a.date.Day); s = s[2..]; }
            else if (a.form == DateForm.Day) { s[0] = '-'; Digits(s.Slice(1, 2), a.date.Day); s = s[3..]; }
            if (a.tail is not null)
            {
                s[0] = '|';
                a.tail.CopyTo(s[1..]);
            }
        });
    }

    /// <summary><paramref name="value"/> in exactly <c>s.Length</c> decimal digits, zero-padded (a year has at most 4).</summary>
    static void Digits(Span<char> s, int value)
    {
        for (var i = s.Length - 1; i >= 0; i--, value /= 10) s[i] = (char)('0' + value % 10);
    }
}
