using System.Text.RegularExpressions;

namespace BlindSpot.Core.Contract;

/// <summary>The 18 administrative dongs (행정동) of Yeongdeungpo-gu and the spellings the contract tolerates.</summary>
public static partial class Dongs
{
    /// <summary>Canonical short names, in the order of the data contract's table.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "영등포본동", "영등포동", "여의동", "당산1동", "당산2동", "도림동", "문래동", "양평1동", "양평2동",
        "신길1동", "신길3동", "신길4동", "신길5동", "신길6동", "신길7동", "대림1동", "대림2동", "대림3동",
    ];

    static readonly HashSet<string> Canonical = new(All, StringComparer.Ordinal);
    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CanonicalSpans = Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Normalises a dong as written upstream to its canonical short name: inner spaces are dropped and the
    /// official long form with 제 (신길제1동) is folded. Returns null for anything that is not one of the 18,
    /// including legal dongs (여의도동, 당산동, 신길동 ...) and the long-merged 신길2동.
    /// </summary>
    public static string? Normalize(string? raw) => raw is null ? null : Normalize(raw.AsSpan());

    /// <inheritdoc cref="Normalize(string?)"/>
    public static string? Normalize(ReadOnlySpan<char> raw)
    {
        if (raw.IsWhiteSpace()) return null;
        Span<char> buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var n = 0;
        foreach (var c in raw)
            if (!char.IsWhiteSpace(c)) buffer[n++] = c;
        // The canonical instance is returned (no string per row: a registry snapshot names a dong 190,000 times).
        var compact = buffer[..n];
        if (CanonicalSpans.TryGetValue(compact, out var dong)) return dong;
        // 신길제1동 -> 신길1동: 제 directly before the digit of a numbered dong.
        var je = compact.IndexOf('제');
        if (je > 0 && je + 1 < compact.Length && char.IsAsciiDigit(compact[je + 1]))
        {
            var folded = string.Concat(compact[..je], compact[(je + 1)..]);
            if (Canonical.TryGetValue(folded, out dong)) return dong;
        }
        return null;
    }

    /// <summary>The official long form (당산제1동) of a canonical dong name.</summary>
    public static string LongForm(string dong)
    {
        var digit = dong.Length >= 2 && char.IsAsciiDigit(dong[^2]) ? dong.Length - 2 : -1;
        return digit > 0 && dong != "영등포본동" ? string.Concat(dong.AsSpan(0, digit), "제", dong.AsSpan(digit)) : dong;
    }

    /// <summary>
    /// The administrative dongs named inside free text such as an address ("서울시 영등포구 신길 1동 가마산로 339"),
    /// tolerating inner spaces and the 제 form; legal dongs (여의도동, 신길동) are not mentions.
    /// </summary>
    public static IEnumerable<(string Dong, int Index, int Length)> Mentions(string text)
    {
        foreach (Match m in MentionPattern().Matches(text))
        {
            var candidate = m.Groups["base"].Value + m.Groups["n"].Value + "동";
            if (Canonical.Contains(candidate)) yield return (candidate, m.Index, m.Length);
        }
    }

    [GeneratedRegex(@"(?<base>영등포본|영등포|여의|당산|도림|문래|양평|신길|대림)\s*(?:제\s*)?(?<n>\d)?\s*동")]
    private static partial Regex MentionPattern();
}
