using BlindSpot.Core.Text;
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
    [InlineData("9001011234568", true)]             // 13 digits together, check digit holds
    [InlineData("9001011234567", false)]            // 13 digits, check digit does not hold: an amount
    [InlineData("1234567890123", false)]            // an amount (no valid birth date)
    [InlineData("900101 1234567", true)]
    [InlineData("900101\u20131234567", true)]       // en dash
    [InlineData("900101\u22121234567", true)]       // minus sign
    [InlineData("９００１０１－１２３４５６７", true)] // full-width digits and hyphen
    [InlineData("900101\uFF0D1234567", true)]       // full-width hyphen
    [InlineData("900101.1234567", true)]
    [InlineData("991399-1234567", false)]           // month 13: not a birth date
    [InlineData("010-9876-5432", false)]
    [InlineData("01098765432", false)]
    [InlineData("02-1234-5678 / 1,234,567원", false)]
    public void SpotsValuesShapedLikeResidentNumbers(string text, bool expected) =>
        Assert.Equal(expected, ResidentNumberGuard.ContainsResidentNumber(text));

    [Fact]
    public void ReadsRowBytesAsItReadsTheirText()
    {
        // The byte overload (every CSV row) decides most rows without decoding them: it must agree with the text one,
        // for ASCII and full-width digits, separators and Hangul mixed in any order.
        string[] pieces = ["900101", "1234567", "9001011234568", "-", " ", ".", "\u2013", "\uFF0D", "９", "０", "１２３４５６", "0", "12", "가", "홍길동",
            ",", "2000-01-01", "010-9876-5432", "\uFFFD", "ａ", "20261030"];
        var random = new Random(11);
        var found = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = ResidentNumberGuard.ContainsResidentNumber(text);
            Assert.True(expected == ResidentNumberGuard.ContainsResidentNumber(System.Text.Encoding.UTF8.GetBytes(text)), text);
            if (expected) found++;
        }
        Assert.InRange(found, 500, 19_500); // both answers were asked often
    }

    [Fact]
    public void JudgesRowBytesAsItJudgesTheirText()
    {
        // The byte overload (every CSV row, searched with vector instructions) must agree with the text one on every
        // control character, C1 control, U+FFFD and their neighbours (C2 A0, EF BC 90, EF BF BC ...), in any order and at
        // either end of the row.
        string[] pieces = ["a", "가", "홍길동", ",", "\t", "\r\n", "\n", "\u0000", "\u0001", "\u001F", "\u007F", "\u0080", "\u009F", "\u00A0",
            "\u00B7", "\uFFFD", "\uFFFC", "\uFF10", "ａ", "\uFEFF", "2026-10-30", "\"", "01098765432", new string('x', 40)];
        var random = new Random(13);
        var invalid = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = TextGuard.HasInvalidCharacter(text);
            Assert.True(expected == TextGuard.HasInvalidCharacter(System.Text.Encoding.UTF8.GetBytes(text)), string.Join(' ', text.Select(c => ((int)c).ToString("X4"))));
            if (expected) invalid++;
        }
        Assert.InRange(invalid, 2_000, 18_000); // both answers were asked often
    }

    [Theory]
    [InlineData("주민등록번호")] [InlineData(" 주민번호 ")] [InlineData("resident_no")] [InlineData("RRN")] [InlineData("Resident Number")]
    public void SpotsHeadersNamingResidentNumbers(string header) => Assert.True(ResidentNumberGuard.IsResidentNumberHeader(header));

    [Theory]
    [InlineData("memo", true)] [InlineData("비고", true)] [InlineData("Extra Col_2", true)]
    [InlineData("홍길동 010-9876-5432", false)] [InlineData("800101-1234567", false)] [InlineData("a\u0000b", false)]
    public void NamesAnUnknownHeaderOnlyWhenItLooksLikeOne(string header, bool shown) => Assert.Equal(shown, TextGuard.LooksLikeHeader(header));

    [Theory]
    [InlineData("NEW_CODE_2027", true)] [InlineData("홍길동 010-9876-5432", false)] [InlineData("HONG_0109876", false)]
    public void NamesAnUnknownCrisisCodeOnlyWhenItLooksLikeOne(string code, bool shown) => Assert.Equal(shown, TextGuard.LooksLikeCode(code));

    [Fact]
    public void MakesFileNamesPrintable() =>
        Assert.Equal("tips_??_******-*******.csv", TextGuard.SafeFileName("tips_\uFFFD\u0001_800101-1234567.csv"));
}
