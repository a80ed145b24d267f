using BlindSpot.Core.Domain;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Tests.Text;

public sealed class SubjectNameTests
{
    [Theory]
    [InlineData("김영희", "김영희", "김", null, false)]
    [InlineData("김 영희", "김영희", "김", null, false)]
    [InlineData("김OO", null, "김", null, false)]
    [InlineData("김○○", null, "김", null, false)]
    [InlineData("김씨", null, "김", null, false)]
    [InlineData("김모씨", null, "김", null, false)]
    [InlineData("김 할머니", null, "김", Sex.F, true)]
    [InlineData("박할아버지", null, "박", Sex.M, true)]
    [InlineData("남궁민수", "남궁민수", "남궁", null, false)]
    [InlineData("김양", null, "김", Sex.F, false)]
    [InlineData("이군", null, "이", Sex.M, false)]
    [InlineData("김민지 양", "김민지", "김", Sex.F, false)]
    [InlineData("리우양", "리우양", "리", null, false)] // 양 ends names (Liu Yang, 김태양): not Miss 리우
    [InlineData("김태양", "김태양", "김", null, false)]
    [InlineData("김영희씨", "김영희", "김", null, false)]
    [InlineData("황보모씨", null, "황보", null, false)] // not a full name 황보 of surname 황
    [InlineData("남궁OO", null, "남궁", null, false)]
    [InlineData("제갈 할아버지", null, "제갈", Sex.M, true)]
    public void ReadsFullNamesSurnamesAndWhatCallersSayOfThePerson(string written, string? full, string surname, Sex? sex, bool elderly) =>
        Assert.Equal(new SubjectName(full, surname, sex, elderly), SubjectName.Parse(written));

    [Theory]
    [InlineData(null)] [InlineData("")] [InlineData("OO")] [InlineData("씨")] [InlineData("Kim")]
    public void NothingUsableIsNull(string? written) => Assert.Null(SubjectName.Parse(written));

    [Fact]
    public void AGrandmotherWithoutSurnameStillSaysSexAndAge() =>
        Assert.Equal(new SubjectName(null, null, Sex.F, true), SubjectName.Parse("할머니"));
}
