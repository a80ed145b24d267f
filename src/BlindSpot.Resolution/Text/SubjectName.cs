using BlindSpot.Core.Domain;
using Gender = BlindSpot.Core.Domain.Sex;

namespace BlindSpot.Resolution.Text;

/// <summary>
/// What a tip says about the person: a full name (김영희), or only the surname (김OO, 김○○, 김씨, 김모씨, 김 할머니),
/// with the sex and an older age when the caller said 할머니/할아버지/어르신.
/// </summary>
public sealed record SubjectName(string? FullName, string? Surname, Sex? Sex, bool Elderly)
{
    static readonly string[] TwoLetterSurnames = ["남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "망절"];

    // Words after a surname that say who, not what name (longest first).
    static readonly (string Word, Sex? Sex, bool Elderly)[] Kinship =
    [
        ("할머니", Gender.F, true), ("할아버지", Gender.M, true), ("할매", Gender.F, true), ("할배", Gender.M, true),
        ("어르신", null, true), ("노인", null, true), ("아주머니", Gender.F, false), ("아줌마", Gender.F, false),
        ("아저씨", Gender.M, false), ("총각", Gender.M, false), ("아가씨", Gender.F, false), ("여사", Gender.F, false),
        ("모씨", null, false), ("씨", null, false), ("님", null, false), ("군", Gender.M, false), ("양", Gender.F, false),
    ];

    /// <summary>Null when nothing usable was written.</summary>
    public static SubjectName? Parse(string? written)
    {
        if (string.IsNullOrWhiteSpace(written)) return null;
        var s = string.Concat(written.Where(c => !char.IsWhiteSpace(c)));
        Sex? sex = null;
        var elderly = false;
        foreach (var (word, wSex, wOld) in Kinship)
            if (s == word) return wSex is null && !wOld ? null : new SubjectName(null, null, wSex, wOld);
        var spacedTail = written.TrimEnd();
        var stripped = true;
        var titled = false;
        while (stripped)
        {
            stripped = false;
            foreach (var (word, wSex, wOld) in Kinship)
            {
                if (s.Length > word.Length && s.EndsWith(word, StringComparison.Ordinal))
                {
                    // 양 and 군 end many names (리우양, 김태양, 박지군): a title only when written apart (김민지 양) or after
                    // the surname alone (김양, 이군).
                    if (word is "양" or "군" && s.Length - word.Length > 1 && !TwoLetterSurnames.Contains(s[..^word.Length])
                        && !IsWrittenApart(spacedTail, word)) continue;
                    s = s[..^word.Length];
                    titled = true;
                    sex ??= wSex;
                    elderly |= wOld;
                    stripped = true;
                    break;
                }
            }
        }
        // 김OO, 김○○, 김**, 김XX, 김ㅇㅇ: masked given name.
        var masked = s.TrimEnd('O', 'o', '0', '○', '〇', '◯', '*', 'X', 'x', 'ㅇ', '●', '□', '△');
        var wasMasked = masked.Length < s.Length;
        s = masked;
        if (s.Length == 0 || !s.All(IsHangul)) return null;
        // 황보씨, 남궁OO, 제갈 할아버지: what is left of a title or a mask is the surname, two letters long or one.
        if ((wasMasked || titled) && TwoLetterSurnames.Contains(s)) return new SubjectName(null, s, sex, elderly);
        var surname = s.Length >= 4 || TwoLetterSurnames.Any(t => s.StartsWith(t, StringComparison.Ordinal) && s.Length > 2)
            ? TwoLetterSurnames.FirstOrDefault(t => s.StartsWith(t, StringComparison.Ordinal)) ?? s[..1]
            : s[..1];
        var full = !wasMasked && s.Length >= 2 && s.Length > surname.Length ? s : null;
        return new SubjectName(full, surname, sex, elderly);
    }

    static bool IsHangul(char c) => c is >= '가' and <= '힣';

    static bool IsWrittenApart(string written, string word) =>
        written.Length > word.Length && written.EndsWith(word, StringComparison.Ordinal) && char.IsWhiteSpace(written[^(word.Length + 1)]);

    /// <summary>The surname of a registry head's name (same two-letter rule).</summary>
    public static string SurnameOf(string headName) => SurnameOfSqueezed(Squeeze(headName)).ToString();

    /// <summary>The surname of a head's name already squeezed (<see cref="Squeeze"/>), as the characters of it.</summary>
    internal static ReadOnlySpan<char> SurnameOfSqueezed(string s)
    {
        if (s.Length > 2) foreach (var t in TwoLetterSurnames) if (s.StartsWith(t, StringComparison.Ordinal)) return t;
        return s.Length > 0 ? s.AsSpan(0, 1) : "";
    }

    public static string Squeeze(string name)
    {
        foreach (var c in name)
            if (char.IsWhiteSpace(c)) return string.Concat(name.Where(x => !char.IsWhiteSpace(x)));
        return name;
    }
}
