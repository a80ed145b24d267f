namespace BlindSpot.Resolution.Text;

/// <summary>
/// Korean-aware edit distance: Hangul syllables are split into their letters (jamo), so that a typo of one letter
/// (도림노 for 도림로, 영등표로 for 영등포로) costs 1, where a distance over syllables would count a whole syllable.
/// </summary>
public static class Jamo
{
    const int SBase = 0xAC00, SCount = 11172, NCount = 588, TCount = 28;

    // Compatibility letters, so that a final ㄹ and an initial ㄹ are the same letter (도림 / 돌임 differ by one move).
    const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    const string Medials = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    const string Finals = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    /// <summary>The letters of <paramref name="text"/>: each syllable as initial, medial and (if any) final jamo.</summary>
    public static string Decompose(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            var s = c - SBase;
            if (s is < 0 or >= SCount) { sb.Append(c); continue; }
            sb.Append(Initials[s / NCount]);
            sb.Append(Medials[s % NCount / TCount]);
            if (s % TCount != 0) sb.Append(Finals[s % TCount]);
        }
        return sb.ToString();
    }

    /// <summary>Edit distance (insert, delete, substitute, swap of neighbours) between the jamo of two strings.</summary>
    public static int Distance(string a, string b) => OptimalStringAlignment(Decompose(a), Decompose(b));

    internal static int OptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, d[i - 2, j - 2] + 1);
            d[i, j] = v;
        }
        return d[a.Length, b.Length];
    }
}
