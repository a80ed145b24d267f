using BlindSpot.Csv.Ingest;
using static BlindSpot.Csv.Ingest.FieldParsers;

namespace BlindSpot.Csv.Tests.Ingest;

public sealed class FieldRuleTests
{
    [Theory]
    [InlineData("2024-02-29", "Ok")]
    [InlineData("2024.02.29", "Ok")]
    [InlineData("2024/02/29", "Ok")]
    [InlineData("20240229", "Ok")]
    [InlineData("2023-02-29", "Impossible")]
    [InlineData("2024-02-30", "Impossible")]
    [InlineData("2024-00-10", "Impossible")]
    [InlineData("2024-4-1", "NotADate")]
    [InlineData("2024-02/29", "NotADate")]
    [InlineData("29.02.2024", "NotADate")]
    public void ReadsTheFourDateFormsAndTellsImpossibleFromMalformed(string text, string expected) =>
        Assert.Equal(expected, TryDate(text, out _).ToString());

    [Theory]
    [InlineData("2024-04-03 11:30", "Ok")]
    [InlineData("2024-04-03 11:30:15", "Ok")]
    [InlineData("2024-04-03 24:00", "Impossible")]
    [InlineData("2024-04-31 10:00", "Impossible")]
    [InlineData("2024-04-03T11:30", "NotADate")]
    [InlineData("2024.04.03 11:30", "NotADate")]
    public void ReadsDateTimesOnlyInTheContractsForm(string text, string expected) =>
        Assert.Equal(expected, TryDateTime(text, out _).ToString());

    [Theory]
    [InlineData("Y", true)] [InlineData("n", false)] [InlineData("예", true)] [InlineData("아니오", false)]
    [InlineData("1", true)] [InlineData("0", false)] [InlineData("TRUE", true)] [InlineData("false", false)]
    public void ReadsEveryBooleanSpelling(string text, bool expected)
    {
        Assert.True(TryBool(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("yes")] [InlineData("네")] [InlineData("")]
    public void RefusesOtherBooleanSpellings(string text) => Assert.False(TryBool(text, out _));

    [Theory]
    [InlineData("01012345678", "010-1234-5678")]
    [InlineData("010 1234 5678", "010-1234-5678")]
    [InlineData("02-123-4567", "02-123-4567")]
    [InlineData("0212345678", "02-1234-5678")]
    [InlineData("031-123-4567", "031-123-4567")]
    [InlineData("12345", null)]
    [InlineData("010-1234-567a", null)]
    public void NormalisesPhones(string text, string? expected) => Assert.Equal(expected, NormalizePhone(text));

    [Theory]
    [InlineData("900101-1234567", true)]
    [InlineData("메모 900101-1234567 끝", true)]
    [InlineData("010-1234-5678", false)]
    [InlineData("1900101-1234567", false)]
    [InlineData("900101-12345678", false)]
    [InlineData("900101-123456", false)]
    public void SpotsValuesShapedLikeResidentNumbers(string text, bool expected) =>
        Assert.Equal(expected, ResidentNumberGuard.ContainsResidentNumber(text));

    [Theory]
    [InlineData("주민등록번호")] [InlineData(" 주민번호 ")] [InlineData("resident_no")] [InlineData("RRN")] [InlineData("Resident Number")]
    public void SpotsHeadersNamingResidentNumbers(string header) => Assert.True(ResidentNumberGuard.IsResidentNumberHeader(header));
}
