using System.Buffers;

namespace BlindSpot.Core.Text;

/// <summary>
/// Resident registration numbers (주민등록번호) are never taken in (contract §1): a header that names one, or a value
/// shaped like one, refuses the whole file. Shapes: six digits (a valid birth date, YYMMDD) and seven digits, joined
/// by a hyphen, a space, an en or em dash, U+2212 minus, a full-width hyphen or a dot; or the thirteen digits
/// written together when the check digit also holds (so amounts and phone numbers are not refused). Full-width digits
/// count as digits. Messages never carry the value.
/// </summary>
public static class ResidentNumberGuard
{
    // Compared after trimming, lower-casing and dropping spaces, '_' and '-'.
    static readonly HashSet<string> EnglishNames = new(StringComparer.Ordinal)
    {
        "rrn", "residentno", "residentnumber", "residentregistrationno", "residentregistrationnumber",
        "residentid", "juminno", "jumin", "juminbeonho", "ssn", "nationalid", "idnumber",
    };

    public static bool IsResidentNumberHeader(string header)
    {
        var key = new string(header.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-').ToArray()).ToLowerInvariant();
        return key.Contains("주민") || EnglishNames.Contains(key);
    }

    /// <summary>True when the UTF-8 text holds a value shaped like a resident registration number.</summary>
    public static bool ContainsResidentNumber(ReadOnlySpan<byte> utf8)
    {
        // Fast path, on the bytes: without a full-width digit (EF BC 90-99) the only digits are ASCII ones, each one byte,
        // so the runs of digits of the decoded text are the runs of ASCII digit bytes; and a value is found only at a run of
        // exactly 6 (then a separator and 7) or exactly 13 digits. A row with neither cannot hold one (a registry row's
        // dates, years, phones and ids never do), and is not decoded.
        // The runs and the full-width digits' lead byte are found with vector instructions (every CSV row passes here).
        for (var i = 0; i < utf8.Length;)
        {
            var next = utf8[i..].IndexOfAny(DigitOrFullWidthLead);
            if (next < 0) return false;
            i += next;
            if (utf8[i] == 0xEF)
            {
                if (i + 2 < utf8.Length && utf8[i + 1] == 0xBC && utf8[i + 2] is >= 0x90 and <= 0x99) return Decoded(utf8);
                i++;
                continue;
            }
            var end = utf8[i..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            var run = end < 0 ? utf8.Length - i : end;
            if (run is 6 or 13) return Decoded(utf8);
            i += run;
        }
        return false;

        static bool Decoded(ReadOnlySpan<byte> utf8) => ContainsResidentNumber(System.Text.Encoding.UTF8.GetString(utf8));
    }

    /// <summary>ASCII digits and EF, the first byte of a full-width digit (EF BC 90-99).</summary>
    static readonly SearchValues<byte> DigitOrFullWidthLead = SearchValues.Create([.. "0123456789"u8, (byte)0xEF]);

    public static bool ContainsResidentNumber(string text) => Find(text).Start >= 0;

    /// <summary>The text with the digits of every resident-number-shaped value replaced by '*'.</summary>
    public static string Mask(string text)
    {
        var chars = text.ToCharArray();
        var from = 0;
        while (true)
        {
            var (start, length) = Find(text, from);
            if (start < 0) return new string(chars);
            for (var i = start; i < start + length; i++) if (Digit(chars[i]) >= 0) chars[i] = '*';
            from = start + length;
        }
    }

    static (int Start, int Length) Find(string s, int from = 0)
    {
        var i = from;
        while (i < s.Length)
        {
            if (Digit(s[i]) < 0 || (i > 0 && Digit(s[i - 1]) >= 0)) { i++; continue; }
            var run = Run(s, i);
            if (run == 13 && IsBirthDate(s, i, s[i + 6]) && CheckDigitHolds(s, i)) return (i, 13);
            if (run == 6 && i + 7 < s.Length && IsSeparator(s[i + 6]) && Run(s, i + 7) == 7 && IsBirthDate(s, i, s[i + 7]))
                return (i, 14);
            i += run;
        }
        return (-1, 0);
    }

    static int Run(string s, int i)
    {
        var n = 0;
        while (i + n < s.Length && Digit(s[i + n]) >= 0) n++;
        return n;
    }

    static int Digit(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= '\uFF10' and <= '\uFF19' ? c - '\uFF10' : -1;

    static bool IsSeparator(char c) => c is '-' or ' ' or '.' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014'
        or '\u2212' or '\uFE63' or '\uFF0D' or '\u00A0';

    /// <summary>YYMMDD is a real day in the century the first digit of the second part gives.</summary>
    static bool IsBirthDate(string s, int i, char genderChar)
    {
        var gender = Digit(genderChar);
        var century = gender switch { 1 or 2 or 5 or 6 => 1900, 3 or 4 or 7 or 8 => 2000, _ => 1800 };
        var year = century + Digit(s[i]) * 10 + Digit(s[i + 1]);
        var month = Digit(s[i + 2]) * 10 + Digit(s[i + 3]);
        var day = Digit(s[i + 4]) * 10 + Digit(s[i + 5]);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>The check digit of numbers issued before October 2020 (weights 2..9, 2..5; (11 - sum mod 11) mod 10).</summary>
    static bool CheckDigitHolds(string s, int i)
    {
        int[] weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        var sum = 0;
        for (var k = 0; k < 12; k++) sum += Digit(s[i + k]) * weights[k];
        return (11 - sum % 11) % 10 == Digit(s[i + 12]);
    }
}
