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
            v[FeatureSchema.IndexOf("tips_30d")] = 2;
            v[FeatureSchema.IndexOf("one_person")] = 1;
        });
        var c = Contributions(0, ("ind_MGMT_FEE_ARREARS_6m", 0.9f), ("tips_30d", 0.4f), ("age", 0.3f), ("one_person", 0.2f), ("male", 0.1f));
        Assert.Equal(["관리비 3개월 체납", "1인 가구 60대 남성", "최근 30일 제보 2건"], ReasonBuilder.TopReasons(f, c, 3));
    }

    [Fact]
    public void NeverMakesAReasonOfAnAbsenceOrANegativeContribution()
    {
        var f = Features(v => v[FeatureSchema.IndexOf("days_since_last_tip")] = FeatureSchema.Never);
        var c = Contributions(0, ("tips_30d", 0.9f), ("days_since_last_tip", 0.8f), ("cutoffs_3m", 0.7f), ("age", -0.5f));
        Assert.Empty(ReasonBuilder.TopReasons(f, c, 3));
    }

    [Fact]
    public void NamesNoteTextAfterTheWarningSignItMentions()
    {
        var lexicon = FeatureSchema.Numeric.First(d => d.Kind == FeatureKind.Lexicon && d.Arg == "우편물 적체").Name;
        var f = Features(v => v[FeatureSchema.IndexOf(lexicon)] = 1, notes: "우편물이 쌓여 있음");
        Assert.Equal(["제보: 우편물 적체"], ReasonBuilder.TopReasons(f, Contributions(1024), 3));
        var plain = Features(_ => { }, notes: "확인 요청");
        Assert.Equal(["제보 내용의 위기 표현"], ReasonBuilder.TopReasons(plain, Contributions(1024), 3));
    }
}
