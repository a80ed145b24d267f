namespace BlindSpot.Core.Contract;

/// <summary>
/// The one vocabulary of warning signs in tip notes (public signs of lonely death and of families in crisis, plus the
/// one sign of a false alarm). The model's note flags (<c>FeatureSchema</c>), the worklist's tip phrase and the
/// basic-livelihood isolation exception all read it; nothing else keeps a keyword list. Fixed in code, never learned
/// from notes, so no fragment of a note (a name, an address) can reach a model file through it.
/// Changing an entry changes the feature vector: bump <c>FeatureSchema.Version</c>.
/// </summary>
public static class WarningSigns
{
    /// <param name="Label">What staff read ("우편물 적체").</param>
    /// <param name="Keywords">Substrings of a note that show the sign.</param>
    /// <param name="Isolation">A sign of isolation (the basic-livelihood exception, docs/adr/0003).</param>
    /// <param name="Noise">A sign of a false alarm (소음 민원): a feature, never a reason or a phrase.</param>
    public sealed record Sign(string Label, string[] Keywords, bool Isolation = false, bool Noise = false);

    public const string NoiseLabel = "소음 민원";

    /// <summary>In feature-slot order; the tip phrase names the first two found, in this order.</summary>
    public static readonly IReadOnlyList<Sign> All =
    [
        new("우편물 적체", ["우편물", "우편함", "전단지", "신문이", "고지서"], Isolation: true),
        new("악취", ["악취", "냄새가 남", "냄새가 나", "파리"], Isolation: true),
        new("인기척 없음", ["인기척", "기척이 없", "연락이 안", "연락 두절", "연락두절", "보이지 않", "안 보"], Isolation: true),
        new("단전·단수", ["단전", "단수", "전기가 끊", "물이 끊", "가스가 끊", "가스가 끊겼", "공급 제한"], Isolation: true),
        new("결식", ["끼니", "굶", "식사를 거", "식사를 못", "밥을 못", "못 먹"], Isolation: true),
        new("고립·은둔", ["고립", "은둔", "왕래", "혼자 지내", "외출을 안", "외출하지", "찾아오는 사람"], Isolation: true),
        new("자해·자살 언급", ["죽고 싶", "자살", "자해", "극단"], Isolation: true),
        new("건강 악화", ["아프", "아픈", "거동", "쓰러", "병원", "투병", "치료"]),
        new("음주 문제", ["술을", "술병", "음주", "만취", "소주", "술에"]),
        new("요금·월세 체납", ["체납", "밀려", "밀린", "연체", "못 내", "못내", "독촉"]),
        new("분유·기저귀 부족", ["분유", "기저귀"]),
        new("영아 돌봄 우려", ["아기", "영아", "갓난", "아이가 혼자", "우는 소리", "방치"]),
        new("임산부", ["임신", "임산부", "출산"]),
        new("한부모 양육 부담", ["한부모", "혼자 키우", "혼자 아이", "혼자 육아"]),
        new(NoiseLabel, ["층간소음", "소음", "시끄", "민원"], Noise: true),
    ];

    /// <summary>For each sign of <see cref="All"/>, whether the note shows it (sets, never clears, <paramref name="hits"/>).</summary>
    public static void Match(string note, Span<bool> hits)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (hits[i]) continue;
            foreach (var k in All[i].Keywords)
                if (note.Contains(k, StringComparison.Ordinal)) { hits[i] = true; break; }
        }
    }

    /// <summary>The labels of the warning signs (not noise) the note shows, in <see cref="All"/> order, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Found(string note, int max = int.MaxValue)
    {
        var found = new List<string>();
        foreach (var s in All)
        {
            if (found.Count >= max) break;
            if (!s.Noise && s.Keywords.Any(k => note.Contains(k, StringComparison.Ordinal))) found.Add(s.Label);
        }
        return found;
    }

    /// <summary>True when the note shows a sign of isolation.</summary>
    public static bool ShowsIsolation(string note) =>
        All.Any(s => s.Isolation && s.Keywords.Any(k => note.Contains(k, StringComparison.Ordinal)));
}
