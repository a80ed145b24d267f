using BlindSpot.Model.Explain;
using Microsoft.ML.Data;

namespace BlindSpot.Model.Tests.Explain;

public sealed class ReasonBuilderTests
{
    static HouseholdFeatures Features(Action<float[]> set, string notes = "", int age = 63, int members = 1)
    {
        var v = new float[FeatureSchema.Count];
        set(v);
        return new HouseholdFeatures("A", "도림동", new DateOnly(2026, 3, 1), Sex.M, age, members, false, 0, v, notes);
    }

    static VBuffer<float> Contributions(int textSlots, params (string Name, float C)[] named)
    {
        var dense = new float[FeatureSchema.Count + textSlots];
        foreach (var (name, c) in named) dense[FeatureSchema.IndexOf(name)] = c;
        if (textSlots > 0) dense[FeatureSchema.Count + 1] = 0.5f;
        return new VBuffer<float>(dense.Length, dense);
    }

    [Fact]
    public void NamesTheTopThreeFactsInPlainKorean()
    {
        var f = Features(v =>
        {
            v[FeatureSchema.IndexOf("ind_MGMT_FEE_ARREARS_6m")] = 3;
            v[FeatureSchema.IndexOf("tips_365d")] = 2;
            v[FeatureSchema.IndexOf("tips_30d")] = 2;
            v[FeatureSchema.IndexOf("one_person")] = 1;
        });
        var c = Contributions(0, ("ind_MGMT_FEE_ARREARS_6m", 0.9f), ("tips_30d", 0.4f), ("age", 0.3f), ("one_person", 0.2f), ("male", 0.1f));
        Assert.Equal(["관리비 3개월 체납", "1인 가구 60대 남성", "제보 이력 2건"], ReasonBuilder.TopReasons(f, c, 3));
    }

    [Fact]
    public void NeverMakesAReasonOfAnAbsenceOrANegativeContribution()
    {
        var f = Features(v => v[FeatureSchema.IndexOf("days_since_last_tip")] = FeatureSchema.Never);
        var c = Contributions(0, ("tips_30d", 0.9f), ("days_since_last_tip", 0.8f), ("cutoffs_3m", 0.7f), ("age", -0.5f));
        Assert.Empty(ReasonBuilder.TopReasons(f, c, 3));
    }

    [Fact]
    public void NeverMakesAReasonOfANeutralFact()
    {
        var f = Features(v =>
        {
            v[FeatureSchema.IndexOf("housing_아파트")] = 1;
            v[FeatureSchema.IndexOf("tenure_자가")] = 1;
            v[FeatureSchema.IndexOf("years_since_moved_in")] = 12;
            v[FeatureSchema.IndexOf("visits")] = 2;
            v[FeatureSchema.IndexOf("days_since_last_visit")] = 200;
            v[FeatureSchema.IndexOf("basic_livelihood")] = 1;
        }, members: 4);
        var c = Contributions(0, ("housing_아파트", 0.9f), ("tenure_자가", 0.8f), ("years_since_moved_in", 0.7f), ("visits", 0.6f),
            ("days_since_last_visit", 0.5f), ("members", 0.4f), ("age", 0.3f), ("basic_livelihood", 0.2f));
        Assert.Empty(ReasonBuilder.TopReasons(f, c, 3));
    }

    [Fact]
    public void NeverStatesTheSameFactTwice()
    {
        var f = Features(v =>
        {
            v[FeatureSchema.IndexOf("ind_GAS_ARREARS_6m")] = 7;
            v[FeatureSchema.IndexOf("longest_arrears_3m")] = 7;
            v[FeatureSchema.IndexOf("longest_arrears_6m")] = 7;
            v[FeatureSchema.IndexOf("crisis_distinct_3m")] = 2;
            v[FeatureSchema.IndexOf("crisis_distinct_6m")] = 3;
            v[FeatureSchema.IndexOf("tips_365d")] = 1;
            v[FeatureSchema.IndexOf("tips_30d")] = 1;
            v[FeatureSchema.IndexOf("days_since_last_tip")] = 0;
            v[FeatureSchema.IndexOf("urgent_tips_90d")] = 1;
        });
        var c = Contributions(0, ("longest_arrears_6m", 0.5f), ("ind_GAS_ARREARS_6m", 0.4f), ("longest_arrears_3m", 0.3f),
            ("crisis_distinct_3m", 0.35f), ("crisis_distinct_6m", 0.3f), ("tips_30d", 0.2f), ("days_since_last_tip", 0.2f), ("urgent_tips_90d", 0.1f));

        var reasons = ReasonBuilder.TopReasons(f, c, 5);

        // Not "가스요금 7개월 체납; 최장 7개월 체납", not two crisis counts, not "오늘 제보 접수" beside "긴급 제보".
        Assert.Equal(["가스요금 7개월 체납", "최근 3개월 위기정보 2종", "제보 이력"], reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("오늘", StringComparison.Ordinal));
    }

    [Fact]
    public void NamesTheTipHistoryAfterTheWarningSignsItsNotesMention()
    {
        var sign = FeatureSchema.Numeric.First(d => d.Kind == FeatureKind.Lexicon && d.Arg == "우편물 적체").Name;
        var f = Features(v => { v[FeatureSchema.IndexOf(sign)] = 1; v[FeatureSchema.IndexOf("tips_365d")] = 1; }, notes: "우편물이 쌓여 있음");
        Assert.Equal(["제보 이력: 우편물 적체"], ReasonBuilder.TopReasons(f, Contributions(1024), 3));
        var plain = Features(v => v[FeatureSchema.IndexOf("tips_365d")] = 3, notes: "확인 요청");
        Assert.Equal(["제보 이력 3건"], ReasonBuilder.TopReasons(plain, Contributions(1024), 3));
    }
}
