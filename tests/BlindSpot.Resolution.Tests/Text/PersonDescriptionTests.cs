using BlindSpot.Core.Domain;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Tests.Text;

public sealed class PersonDescriptionTests
{
    [Fact]
    public void ReadsTheSexTheAgeAndLivingAloneOfAnElderNeighbour()
    {
        var d = PersonDescription.Parse("혼자 사시는 70대 할머니, 며칠째 인기척 없음");
        Assert.Equal((Sex.F, AgeBand.Elderly, 70, (bool?)true), (d.Sex, d.Age, d.Decade, d.Alone));
    }

    [Theory]
    [InlineData("독거 어르신, 우편물이 쌓여 있음", null, AgeBand.Elderly)]
    [InlineData("관리비가 몇 달째 밀려 있음 (중년 남성)", Sex.M, AgeBand.Middle)]
    [InlineData("아저씨, 술병이 문 앞에 계속 쌓임", Sex.M, AgeBand.Middle)]
    [InlineData("젊은 여성, 일자리를 잃고 생활비가 없다고 함", Sex.F, AgeBand.Young)]
    [InlineData("편의점에서 외상을 부탁함 (청년)", null, AgeBand.Young)]
    [InlineData("40대 여성, 관리비 체납 3개월째", Sex.F, AgeBand.Middle)]
    [InlineData("여자분, 층간소음 민원", Sex.F, AgeBand.None)]
    public void ReadsWhoTheNoteDescribes(string note, Sex? sex, AgeBand age)
    {
        var d = PersonDescription.Parse(note);
        Assert.Equal((sex, age), (d.Sex, d.Age));
    }

    [Fact]
    public void AMonthCountIsNotAnAge() => Assert.True(PersonDescription.Parse("관리비 체납 3개월째, 가스가 끊겼다고 함").IsEmpty);

    [Theory]
    [InlineData("아기가 혼자 울고 있음")] // the baby is alone, not the household
    [InlineData("아이 아버지가 혼자 육아에 지쳐 보임")]
    public void AloneInAnotherSenseIsNotLivingAlone(string note) => Assert.Null(PersonDescription.Parse(note).Alone);

    [Fact]
    public void ReadsABabyAPregnancyAndASingleParent()
    {
        Assert.True(PersonDescription.Parse("아기 엄마, 분유와 기저귀가 없음") is { Infant: true, Sex: Sex.F });
        Assert.True(PersonDescription.Parse("출산이 임박했는데 병원에 다니지 않음 (임산부)") is { Pregnant: true, Sex: Sex.F });
        Assert.True(PersonDescription.Parse("임신 중인데 혼자 지냄") is { Pregnant: true, Alone: true });
        Assert.True(PersonDescription.Parse("아이 아버지가 혼자 육아에 지쳐 보임") is { SingleParent: true, Sex: Sex.M });
        Assert.True(PersonDescription.Parse("한부모 가정, 월세가 밀려 집주인이 나가라고 함") is { SingleParent: true });
        Assert.True(PersonDescription.Parse("아이들이 밤늦게까지 방치됨") is { Children: true, Infant: false });
    }

    [Theory]
    [InlineData("확인해 보니 가족과 함께 지내고 있음")]
    [InlineData("노부부, 난방을 못 하고 지냄")]
    public void ReadsAHouseholdOfSeveral(string note) => Assert.False(PersonDescription.Parse(note).Alone);

    [Fact]
    public void WordsThatContradictEachOtherSayNothing()
    {
        var d = PersonDescription.Parse("아저씨 말로는 옆집 할머니가 며칠째 안 보임");
        Assert.Equal((null, AgeBand.None), (d.Sex, d.Age));
    }

    [Fact]
    public void TheSubjectNameFieldsTitleCountsWithTheNote()
    {
        var d = PersonDescription.Parse("혼자 지냄, 약을 제때 못 사는 것 같음", SubjectName.Parse("김 할아버지"));
        Assert.Equal((Sex.M, AgeBand.Elderly, (bool?)true), (d.Sex, d.Age, d.Alone));
    }
}
