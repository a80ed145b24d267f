using System.Globalization;

namespace BlindSpot.Csv.Ingest;

/// <summary>The value forms of contract §1. Each returns a status so the caller can say what was wrong.</summary>
internal static class FieldParsers
{
    public enum DateStatus { Ok, NotADate, Impossible }

    /// <summary>yyyy-MM-dd, yyyy.MM.dd, yyyy/MM/dd or yyyyMMdd; a well-formed but impossible day is Impossible.</summary>
    public static DateStatus TryDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        int y, m, d;
        if (s.Length == 8 && AllDigits(s))
        {
            y = Num(s[..4]); m = Num(s[4..6]); d = Num(s[6..8]);
        }
        else if (s.Length == 10 && s[4] is '-' or '.' or '/' && s[7] == s[4]
                 && AllDigits(s[..4]) && AllDigits(s[5..7]) && AllDigits(s[8..10]))
        {
            y = Num(s[..4]); m = Num(s[5..7]); d = Num(s[8..10]);
        }
        else return DateStatus.NotADate;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return DateStatus.Impossible;
        date = new DateOnly(y, m, d);
        return DateStatus.Ok;
    }

    /// <summary>yyyy-MM-dd HH:mm or yyyy-MM-dd HH:mm:ss (KST, as written).</summary>
    public static DateStatus TryDateTime(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length is not (16 or 19) || s[10] != ' ' || s[4] != '-' || s[7] != '-' || s[13] != ':'
            || !AllDigits(s[..4]) || !AllDigits(s[5..7]) || !AllDigits(s[8..10]) || !AllDigits(s[11..13]) || !AllDigits(s[14..16])
            || (s.Length == 19 && (s[16] != ':' || !AllDigits(s[17..19]))))
            return DateStatus.NotADate;
        if (TryDate(s[..10], out var date) != DateStatus.Ok) return DateStatus.Impossible;
        int hh = Num(s[11..13]), mm = Num(s[14..16]), ss = s.Length == 19 ? Num(s[17..19]) : 0;
        if (hh > 23 || mm > 59 || ss > 59) return DateStatus.Impossible;
        value = date.ToDateTime(new TimeOnly(hh, mm, ss));
        return DateStatus.Ok;
    }

    /// <summary>yyyy-MM, as the first day of the month.</summary>
    public static DateStatus TryMonth(ReadOnlySpan<char> s, out DateOnly month)
    {
        month = default;
        if (s.Length != 7 || s[4] != '-' || !AllDigits(s[..4]) || !AllDigits(s[5..7])) return DateStatus.NotADate;
        int y = Num(s[..4]), m = Num(s[5..7]);
        if (y < 1 || m is < 1 or > 12) return DateStatus.Impossible;
        month = new DateOnly(y, m, 1);
        return DateStatus.Ok;
    }

    /// <summary>Y/N, 예/아니오, 1/0, true/false (ASCII case ignored).</summary>
    public static bool TryBool(ReadOnlySpan<char> s, out bool value)
    {
        // The Hangul spellings first: upper-casing them (a no-op) costs an ICU call per value.
        if (s.SequenceEqual("예")) { value = true; return true; }
        if (s.SequenceEqual("아니오")) { value = false; return true; }
        // No accepted spelling is longer than 5 characters; longer values are not upper-cased at all.
        Span<char> upper = stackalloc char[5];
        if (s.Length > upper.Length) { value = false; return false; }
        upper = upper[..s.ToUpperInvariant(upper)];
        switch (upper)
        {
            case "Y" or "예" or "1" or "TRUE": value = true; return true;
            case "N" or "아니오" or "0" or "FALSE": value = false; return true;
            default: value = false; return false;
        }
    }

    public static bool TryInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryDecimal(ReadOnlySpan<char> s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>household_id: [A-Za-z0-9-]{1,32}.</summary>
    public static bool IsHouseholdId(string s)
    {
        if (s.Length is 0 or > 32) return false;
        foreach (var c in s) if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return true;
    }

    /// <summary>
    /// Korean phone numbers to the dashed form: 01012345678 / 010 1234 5678 -> 010-1234-5678; 02 (Seoul) and the
    /// three-digit area codes likewise. Null when the digits are not a Korean number.
    /// </summary>
    public static string? NormalizePhone(ReadOnlySpan<char> s)
    {
        Span<char> digits = stackalloc char[16];
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c)) { if (n == digits.Length) return null; digits[n++] = c; }
            else if (c is not ('-' or ' ' or '.' or '(' or ')')) return null;
        }
        var d = digits[..n];
        if (n < 9 || d[0] != '0') return null;
        var area = d.StartsWith("02") ? 2 : 3;
        var rest = n - area;
        if (rest is not (7 or 8)) return null;
        var mid = rest - 4;
        return $"{d[..area]}-{d.Slice(area, mid)}-{d[(area + mid)..]}";
    }

    static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return s.Length > 0;
    }

    static int Num(ReadOnlySpan<char> s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
