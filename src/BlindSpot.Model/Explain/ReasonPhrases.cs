using System.Globalization;
using BlindSpot.Core.Contract;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.Explain;

/// <summary>
/// Plain-Korean phrases for feature slots, using the household's own values ("관리비 3개월 체납" style). Returns null
/// when the slot states an absence (no tip, no arrears): a reason must be a fact staff can see at the door, so a
/// zero never becomes a reason. Never returns a slot name.
/// </summary>
public static class ReasonPhrases
{
    /// <summary>Short names of the arrears codes as staff say them.</summary>
    static readonly Dictionary<string, string> ArrearsShort = new(StringComparer.Ordinal)
    {
        [CrisisIndicators.ElecArrears] = "전기요금",
        [CrisisIndicators.WaterArrears] = "수도요금",
        [CrisisIndicators.GasArrears] = "가스요금",
        [CrisisIndicators.HealthInsArrears] = "건강보험료",
        [CrisisIndicators.PensionArrears] = "국민연금",
        [CrisisIndicators.TelecomArrears] = "통신비",
        [CrisisIndicators.MgmtFeeArrears] = "관리비",
        [CrisisIndicators.PublicRentArrears] = "공공임대 임대료",
    };

    /// <summary>The phrase for the hashed note n-grams taken together.</summary>
    public const string NoteText = "제보 내용의 위기 표현";

    public static string? Phrase(FeatureDef def, float value, HouseholdFeatures f)
    {
        var n = (int)Math.Round(value);
        return def.Kind switch
        {
            FeatureKind.Age or FeatureKind.Male or FeatureKind.OnePerson => Person(f),
            FeatureKind.Members => f.Members == 1 ? Person(f) : $"세대원 {f.Members}명",
            FeatureKind.ChildrenUnder2 => n > 0 ? $"만 2세 미만 자녀 {n}명" : null,
            FeatureKind.SingleParent => n > 0 ? "한부모 가구" : null,
            FeatureKind.Pregnant => n > 0 ? "임신부가 있는 가구" : null,
            FeatureKind.Disability => n > 0 ? "장애인 세대원" : null,
            FeatureKind.Housing => n > 0 ? $"주거: {def.Arg}" : null,
            FeatureKind.Tenure => n > 0 ? $"점유: {def.Arg}" : null,
            FeatureKind.YearsSinceMovedIn => value < 1 ? "전입 1년 미만" : $"전입 {(int)value}년",
            FeatureKind.BasicLivelihood => n > 0 ? "기초생활수급 가구" : "기초생활보장 미수급",
            FeatureKind.CrisisRows => n > 0 ? $"최근 {def.Window}개월 위기정보 {n}건" : null,
            FeatureKind.CrisisDistinct => n > 0 ? $"최근 {def.Window}개월 위기정보 {n}종" : null,
            FeatureKind.LongestArrears => n > 0 ? $"최장 {n}개월 체납" : null,
            FeatureKind.Cutoffs => n > 0 ? $"단전·단수·단가스 {n}건 (최근 {def.Window}개월)" : null,
            FeatureKind.FinDelinquency => value > 0 ? $"금융연체 {Manwon(value)}" : null,
            FeatureKind.UnknownCodes => n > 0 ? $"신규 유형 위기정보 {n}건" : null,
            FeatureKind.Indicator => value > 0 ? Indicator(def.Arg!, value) : null,
            FeatureKind.Tips => n > 0 ? $"최근 {def.Window}일 제보 {n}건" : null,
            FeatureKind.DaysSinceTip => value < FeatureSchema.Never ? (n == 0 ? "오늘 제보 접수" : $"최근 제보 {n}일 전") : null,
            FeatureKind.OfficerTips => n > 0 ? $"명예사회복지공무원 제보 {n}건" : null,
            FeatureKind.HotlineTips => n > 0 ? $"메모패드 신고 {n}건" : null,
            FeatureKind.UrgentTips => n > 0 ? "긴급 제보" : null,
            FeatureKind.Reporter => n > 0 ? $"신고자: {def.Arg}" : null,
            FeatureKind.Category => n > 0 ? $"제보 유형: {def.Arg}" : null,
            FeatureKind.Lexicon => n > 0 ? $"제보: {def.Arg}" : null,
            FeatureKind.Visits => n > 0 ? $"이전 방문 {n}회" : null,
            FeatureKind.DaysSinceVisit => value < FeatureSchema.Never ? $"마지막 방문 {n}일 전" : null,
            FeatureKind.LastResult => n > 0 ? $"지난 방문 결과: {def.Arg}" : null,
            FeatureKind.AbsentVisits => n > 0 ? $"부재 방문 {n}회" : null,
            FeatureKind.DiscoveredBefore => n > 0 ? "이전 발굴 이력" : null,
            _ => null,
        };
    }

    /// <summary>"1인 가구 60대 남성" / "60대 여성 세대주".</summary>
    static string Person(HouseholdFeatures f)
    {
        var decade = Math.Max(10, f.Age / 10 * 10);
        var who = $"{decade}대 {(f.Sex == Core.Domain.Sex.M ? "남성" : "여성")}";
        return f.Members == 1 ? $"1인 가구 {who}" : $"{who} 세대주";
    }

    static string Indicator(string code, float value)
    {
        if (ArrearsShort.TryGetValue(code, out var shortName)) return $"{shortName} {(int)Math.Round(value)}개월 체납";
        if (code == CrisisIndicators.FinDelinquency) return $"금융연체 {Manwon(value)}";
        var name = CrisisIndicators.KoreanNames[code];
        return $"{name} (최근 {FeatureSchema.IndicatorWindowMonths}개월)";
    }

    static string Manwon(float krw) =>
        krw >= 10_000 ? $"{(krw / 10_000).ToString("N0", CultureInfo.InvariantCulture)}만원" : $"{krw.ToString("N0", CultureInfo.InvariantCulture)}원";
}
