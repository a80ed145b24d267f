namespace BlindSpot.Model.Features;

/// <summary>
/// A fixed, curated lexicon of signal phrases in tip notes (public warning signs of lonely death and of families in
/// crisis). Each entry is a numeric flag and a readable reason ("제보: 우편물 적체"). Fixed in code, never learned from
/// notes, so no fragment of a note (a name, an address) can reach the model file through it.
/// </summary>
public static class NoteLexicon
{
    /// <summary>The one entry that is a sign of a false alarm rather than of crisis: never used to name note text.</summary>
    public const string NoiseLabel = "소음 민원";

    /// <summary>(reason label, substrings that signal it), in slot order.</summary>
    public static readonly IReadOnlyList<(string Label, string[] Patterns)> Entries =
    [
        ("우편물 적체", ["우편물", "우편함", "전단지", "신문이 쌓", "고지서"]),
        ("악취", ["악취", "냄새", "파리"]),
        ("인기척 없음", ["인기척", "기척이 없", "연락이 안", "연락 두절", "연락두절", "보이지 않", "안 보"]),
        ("분유·기저귀 부족", ["분유", "기저귀"]),
        ("아기 울음", ["아기 울음", "아기가 울", "아기가 혼자", "아이가 혼자", "우는 소리"]),
        ("체납", ["체납", "밀려", "연체", "못 내", "못내"]),
        ("음주", ["술을", "술병", "음주", "만취", "소주", "술에"]),
        ("끼니 거름", ["끼니", "굶", "식사를 거", "밥을 못", "식사를 못"]),
        ("건강 악화", ["아프", "아픈", "거동", "쓰러", "병원", "투병"]),
        ("전기·가스 끊김", ["단전", "단수", "전기가 끊", "가스가 끊", "불이 꺼", "불이 켜져"]),
        ("임신", ["임신", "임산부"]),
        ("고립·은둔", ["고립", "은둔", "왕래", "혼자 지내", "외출을 안", "외출하지"]),
        ("자해·자살 언급", ["죽고 싶", "자살", "자해", "극단"]),
        (NoiseLabel, ["층간소음", "소음", "시끄"]),
    ];

    /// <summary>For each entry, whether the note mentions it.</summary>
    public static void Match(string note, Span<bool> hits)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (hits[i]) continue;
            foreach (var p in Entries[i].Patterns)
                if (note.Contains(p, StringComparison.Ordinal)) { hits[i] = true; break; }
        }
    }
}
