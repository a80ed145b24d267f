namespace BlindSpot.Core.Text;

/// <summary>
/// Terminal columns of text: Hangul, CJK and full-width forms take two columns (East Asian Wide and Fullwidth), the
/// rest one. Every table printed for a terminal (the CLI's reports, the target table) pads with these, so Korean dong
/// names line up.
/// </summary>
public static class TerminalText
{
    public static int Width(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Sum(c => IsWide(c) ? 2 : 1);
    }

    /// <summary><paramref name="s"/> followed by spaces up to <paramref name="width"/> columns (nothing added when it is wider).</summary>
    public static string PadRight(string s, int width) => s + new string(' ', Math.Max(0, width - Width(s)));

    /// <summary>Spaces up to <paramref name="width"/> columns, then <paramref name="s"/>.</summary>
    public static string PadLeft(string s, int width) => new string(' ', Math.Max(0, width - Width(s))) + s;

    static bool IsWide(char c) => c is
        (>= '\u1100' and <= '\u115F') // Hangul Jamo leading consonants
        or (>= '\u2E80' and <= '\uA4CF') // CJK radicals ... Yi, including Hangul compatibility Jamo
        or (>= '\uAC00' and <= '\uD7A3') // Hangul syllables
        or (>= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
        or (>= '\uFE30' and <= '\uFE4F') // CJK compatibility forms
        or (>= '\uFF00' and <= '\uFF60') // full-width forms
        or (>= '\uFFE0' and <= '\uFFE6');
}
