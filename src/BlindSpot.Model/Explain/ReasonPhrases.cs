using System.Globalization;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Worklists;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.Explain;

/// <summary>One reason: the fact it states (slots that state the same fact share a key) and its Korean text.</summary>
public sealed record Reason(string Fact, string Text);

/// <summary>
/// Plain-Korean reasons for feature slots, from the household's own values ("가스요금 7개월 체납"). A slot gives a reason
/// only when its value is a risk staff can look for at the door: never an absence (no tip, no arrears), never a neutral
/// fact (owner-occupied, an apartment, years since moving in, the number of earlier visits). Slots that state one fact
/// share its key (the longest arrears is the arrears of a named bill; every tip slot is the household's tip history),
/// so <see cref="ReasonBuilder"/> never names a fact twice. No phrase carries a day word: reasons are computed on the
/// scoring day and read on a later worklist day; the worklist describes the tip itself, relative to its own day.
/// </summary>
public static class ReasonPhrases
{
    /// <summary>Housing and tenure that are themselves a risk (the others are not reasons).</summary>
    static readonly HashSet<string> RiskyHousing = new(StringComparer.Ordinal) { "반지하", "고시원", "쪽방" };
    static readonly HashSet<string> RiskyTenure = new(StringComparer.Ordinal) { "월세", "무상" };

    public const string TipFact = "tip";
    public const string PersonFact = "person";

    /// <summary>The reason a slot gives with this household's values, or null when it is no reason.</summary>
    public static Reason? Of(FeatureDef def, float value, HouseholdFeatures f)
    {
        var n = (int)Math.Round(value);
        return def.Kind switch
        {
            FeatureKind.Age or FeatureKind.Male or FeatureKind.OnePerson or FeatureKind.Members =>
                f.Members == 1 ? new(PersonFact, Person(f)) : null,
            FeatureKind.MiddleAgedManAlone or FeatureKind.ElderlyAlone => n > 0 ? new(PersonFact, Person(f)) : null,
            FeatureKind.ChildrenUnder2 => n > 0 ? new("infant", $"만 2세 미만 자녀 {n}명") : null,
            FeatureKind.SingleParent => n > 0 ? new("single_parent", "한부모 가구") : null,
            FeatureKind.Pregnant => n > 0 ? new("pregnant", "임신부가 있는 가구") : null,
            FeatureKind.Disability => n > 0 ? new("disability", "장애인 세대원") : null,
            FeatureKind.Housing => n > 0 && RiskyHousing.Contains(def.Arg!) ? new("housing", $"주거: {def.Arg}") : null,
            FeatureKind.Tenure => n > 0 && RiskyTenure.Contains(def.Arg!) ? new("tenure", $"{def.Arg} 거주") : null,
            FeatureKind.YearsSinceMovedIn => value < 1 ? new("moved_in", "전입 1년 미만") : null,
            FeatureKind.BasicLivelihood => n > 0 ? null : new("no_benefit", "기초생활보장 미수급"),
            FeatureKind.CrisisRows => n > 0 ? new("crisis_count", $"최근 {def.Window}개월 위기정보 {n}건") : null,
            FeatureKind.CrisisDistinct => n > 0 ? new("crisis_count", $"최근 {def.Window}개월 위기정보 {n}종") : null,
            FeatureKind.LongestArrears => n > 0 ? LongestArrears(n, def, f) : null,
            FeatureKind.Cutoffs => n > 0 ? new("cutoff", $"단전·단수·단가스 {n}건(최근 {def.Window}개월)") : null,
            FeatureKind.FinDelinquency => value > 0 ? new(Key(CrisisIndicators.FinDelinquency), $"금융연체 {Manwon(value)}") : null,
            FeatureKind.UnknownCodes => n > 0 ? new("unknown_codes", $"신규 유형 위기정보 {n}건") : null,
            FeatureKind.Indicator => value > 0 ? Indicator(def.Arg!, value) : null,
            FeatureKind.Tips or FeatureKind.DaysSinceTip or FeatureKind.OfficerTips or FeatureKind.HotlineTips or FeatureKind.UrgentTips
                or FeatureKind.UnansweredTips or FeatureKind.DaysSinceUnansweredTip or FeatureKind.UnansweredUrgentTips
                or FeatureKind.TipLinkConfidence or FeatureKind.Reporter or FeatureKind.Category or FeatureKind.Lexicon =>
                TipHistory(f) is { } tip ? new(TipFact, tip) : null,
            FeatureKind.LastResult => def.Arg switch
            {
                "부재" when n > 0 => Absent(f),
                "거부" when n > 0 => new("refused", "지난 방문 거부"),
                "발굴" when n > 0 => new("discovered", "이전 발굴 이력"),
                _ => null,
            },
            FeatureKind.AbsentVisits => n > 0 ? Absent(f) : null,
            FeatureKind.DiscoveredBefore => n > 0 ? new("discovered", "이전 발굴 이력") : null,
            _ => null, // earlier visits and days since the last one: neutral facts
        };
    }

    /// <summary>
    /// The household's tip history in one reason, with no day word: "제보 이력 2건: 우편물 적체, 악취" (the warning signs of
    /// <see cref="WarningSigns"/> its notes show most). Null when it had no tip in the last year.
    /// </summary>
    public static string? TipHistory(HouseholdFeatures f)
    {
        var count = (int)f.Values[FeatureSchema.IndexOf("tips_365d")];
        if (count <= 0) return null;
        var signs = FeatureSchema.Numeric.Select((d, i) => (d, i))
            .Where(x => x.d.Kind == FeatureKind.Lexicon && f.Values[x.i] > 0 && x.d.Arg != WarningSigns.NoiseLabel)
            .OrderByDescending(x => f.Values[x.i]).ThenBy(x => x.i).Take(2).Select(x => x.d.Arg!).ToList();
        return TipPhrases.History(count, signs);
    }

    /// <summary>"1인 가구 60대 남성".</summary>
    static string Person(HouseholdFeatures f)
    {
        var decade = Math.Max(10, f.Age / 10 * 10);
        return $"1인 가구 {decade}대 {(f.Sex == Core.Domain.Sex.M ? "남성" : "여성")}";
    }

    static Reason Absent(HouseholdFeatures f)
    {
        var n = (int)f.Values[FeatureSchema.IndexOf("absent_visits_365d")];
        return new("absent", n > 1 ? $"부재 방문 {n}회" : "지난 방문 부재");
    }

    static string Key(string code) => CrisisIndicators.IsCutoff(code) ? "cutoff" : $"indicator:{code}";

    /// <summary>
    /// The longest arrears is the arrears of one bill: the same fact as that bill's own slot, named after it (the bill
    /// with the most months over the indicator window). Only arrears older than that window stay unnamed.
    /// </summary>
    static Reason LongestArrears(int months, FeatureDef def, HouseholdFeatures f)
    {
        string? best = null;
        float bestMonths = 0;
        foreach (var code in CrisisIndicators.ArrearsShortNames.Keys)
        {
            var v = f.Values[FeatureSchema.IndexOf($"ind_{code}_{FeatureSchema.IndicatorWindowMonths}m")];
            if (v > bestMonths) { bestMonths = v; best = code; }
        }
        return best is not null ? Indicator(best, bestMonths) : new("arrears", $"요금 {months}개월 체납(최근 {def.Window}개월)");
    }

    static Reason Indicator(string code, float value)
    {
        if (CrisisIndicators.ArrearsShortNames.TryGetValue(code, out var shortName)) return new(Key(code), $"{shortName} {(int)Math.Round(value)}개월 체납");
        if (code == CrisisIndicators.FinDelinquency) return new(Key(code), $"금융연체 {Manwon(value)}");
        return new(Key(code), $"{CrisisIndicators.KoreanNames[code]}(최근 {FeatureSchema.IndicatorWindowMonths}개월)");
    }

    static string Manwon(float krw) =>
        krw >= 10_000 ? $"{(krw / 10_000).ToString("N0", CultureInfo.InvariantCulture)}만원" : $"{krw.ToString("N0", CultureInfo.InvariantCulture)}원";
}
