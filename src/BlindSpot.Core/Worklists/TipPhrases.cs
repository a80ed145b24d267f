using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// Turns a tip into a short Korean phrase for 선정사유 without ever copying its note: the phrase is built only
/// from the tip's category, its source type and a fixed vocabulary of warning signs found in the note
/// (우편물 적체, 악취 ...). Nothing the officer or caller wrote reaches the worklist verbatim.
/// </summary>
public static class TipPhrases
{
    static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["경제"] = "경제적 어려움", ["주거"] = "주거 위기", ["건강"] = "건강 문제",
        ["고립"] = "사회적 고립", ["돌봄"] = "돌봄 공백", ["기타"] = "기타",
    };

    /// <summary>Warning signs: any keyword in the note adds the fixed phrase (first two, in this order).</summary>
    static readonly (string Phrase, string[] Keywords, bool Isolation)[] WarningSigns =
    [
        ("우편물 적체", ["우편물", "우편함", "전단", "신문", "고지서"], true),
        ("악취", ["악취", "냄새", "파리"], true),
        ("인기척 없음", ["인기척", "연락이 안", "연락 두절", "연락두절", "왕래", "안 보"], true),
        ("단전·단수 의심", ["단전", "단수", "전기가 끊", "물이 끊", "가스가 끊"], true),
        ("결식", ["끼니", "굶", "식사를 못", "밥을 못"], true),
        ("건강 악화", ["아프", "아픈", "병원", "거동", "쓰러"], false),
        ("음주 문제", ["음주", "술을", "술에"], false),
        ("요금·월세 체납", ["체납", "연체", "밀려", "밀린", "월세", "관리비"], false),
        ("분유·기저귀 부족", ["분유", "기저귀"], false),
        ("영아 돌봄 우려", ["아기", "영아", "갓난"], false),
        ("임산부 홀로 거주", ["임신", "임산부"], false),
        ("한부모 양육 부담", ["한부모", "혼자 키우", "혼자 아이"], false),
    ];

    /// <summary>"사회적 고립" for a 고립 tip, "관리사무소 신고" for a hotline call.</summary>
    public static string Source(Tip tip) =>
        tip.Source == TipSource.Officer
            ? tip.Category is { } c && Categories.TryGetValue(c.Trim(), out var k) ? k : "명예사회복지공무원 제보"
            : $"{tip.SourceDetail.Trim()} 신고";

    /// <summary>The fixed warning-sign phrases found in the note, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Signs(Tip tip, int max = 2)
    {
        var found = new List<string>(max);
        foreach (var (phrase, keywords, _) in WarningSigns)
        {
            if (found.Count >= max) break;
            foreach (var kw in keywords)
                if (tip.Note.Contains(kw, StringComparison.Ordinal)) { found.Add(phrase); break; }
        }
        return found;
    }

    /// <summary>True when a tip points at isolation: category 고립 or an isolation warning sign in its note.</summary>
    public static bool SignalsIsolation(Tip tip)
    {
        if (tip.Category?.Trim() == "고립") return true;
        foreach (var (_, keywords, isolation) in WarningSigns)
            if (isolation && keywords.Any(kw => tip.Note.Contains(kw, StringComparison.Ordinal))) return true;
        return false;
    }

    /// <summary>"긴급 제보: 사회적 고립, 우편물 적체" or "제보: 편의점 신고, 악취".</summary>
    public static string Describe(Tip tip)
    {
        var parts = new List<string> { Source(tip) };
        parts.AddRange(Signs(tip));
        return $"{(tip.Urgent ? "긴급 제보" : "제보")}: {string.Join(", ", parts)}";
    }
}
