namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Resident registration numbers (주민등록번호) are never taken in (contract §1): a header that names one, or a value
/// shaped like one (######-#######), refuses the whole file. Messages never carry the value.
/// </summary>
internal static class ResidentNumberGuard
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

    /// <summary>True when the UTF-8 text holds six digits, a hyphen and seven digits, not inside a longer digit run.</summary>
    public static bool ContainsResidentNumber(ReadOnlySpan<byte> text)
    {
        var from = 0;
        while (true)
        {
            var i = text[from..].IndexOf((byte)'-');
            if (i < 0) return false;
            var dash = from + i;
            if (IsRun(text, dash - 6, 6) && IsRun(text, dash + 1, 7)
                && (dash - 7 < 0 || !IsDigit(text[dash - 7]))
                && (dash + 8 >= text.Length || !IsDigit(text[dash + 8])))
                return true;
            from = dash + 1;
        }
    }

    public static bool ContainsResidentNumber(string text) => ContainsResidentNumber(System.Text.Encoding.UTF8.GetBytes(text));

    static bool IsRun(ReadOnlySpan<byte> t, int start, int length)
    {
        if (start < 0 || start + length > t.Length) return false;
        for (var k = start; k < start + length; k++) if (!IsDigit(t[k])) return false;
        return true;
    }

    static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
