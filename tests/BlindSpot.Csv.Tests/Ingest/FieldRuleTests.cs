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
    [InlineData("yes")] [InlineData("네")] [InlineData("")] [InlineData("TRUE ")] [InlineData("falsey")] [InlineData("Ｙ")]
    public void RefusesOtherBooleanSpellings(string text) => Assert.False(TryBool(text, out _));

    /// <summary>
    /// A row's numbers, dates, yes/no values and codes are parsed from its characters without a string each; what they
    /// read as, and the first failure a row reports, is what the values' trimmed text gives: spaces around a value,
    /// every spelling, full-width look-alikes, and values longer than the room kept for them (read through a string).
    /// </summary>
    [Fact]
    public void ParsesEachValueFromItsTrimmedTextWhateverItsLength()
    {
        const string header = "household_id,dong,address,head_name,phone,head_birth_year,head_sex,members,children_under_2,single_parent,pregnant,disability,housing_type,tenure,moved_in,basic_livelihood,case_managed";
        var zeros = new string('0', 70);
        string Row(string id, string year = "1965", string sex = "M", string members = "1", string infants = "0", string single = "N",
            string housing = "연립다세대", string movedIn = "2020-03-01", string livelihood = "N") =>
            $"{id},신길1동,서울특별시 영등포구 신길로 12 203호,김민수,,{year},{sex},{members},{infants},{single},,,{housing},월세,{movedIn},{livelihood},N";
        var rows = new[]
        {
            Row("H01", year: " 1965 ", sex: " m ", members: "\t2", single: " 예 ", housing: "아파트", movedIn: " 2020.03.01 ", livelihood: "true"),
            Row("H02", year: zeros + "1958", sex: "남", infants: "", single: "", livelihood: " FALSE"),
            Row("H03", sex: "여", members: zeros + "3", single: "아니오"),
            Row("H04", sex: "Ｍ"), // a full-width M is not M
            Row("H05", year: "19６5"), // nor a full-width digit a digit
            Row("H06", single: new string('Y', 70)),
            Row("H07", livelihood: "yes"),
            Row("H08", housing: "빌라"),
            Row("H09", movedIn: "2020-02-30"),
            Row("H10", year: "1965", members: "", movedIn: "20200301"),
            Row("H11", year: "abc", members: "x"), // the first failure, left to right
            Row("H12", year: "-" + zeros + "1"),
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(header + "\n" + string.Join("\n", rows) + "\n");
        var batch = IngestFileReader.Read("households_20240430.csv", bytes, IngestFileReader.Sha256Hex(bytes), new Core.Ingest.IngestContext(), Some.Now);

        var read = batch.Households.ToDictionary(h => h.HouseholdId);
        Assert.Equal(["H01", "H02", "H03"], read.Keys.Order());
        Assert.Equal((1965, Core.Domain.Sex.M, 2, (bool?)true, "아파트", new DateOnly(2020, 3, 1), true),
            (read["H01"].HeadBirthYear, read["H01"].HeadSex, read["H01"].Members, read["H01"].SingleParent, read["H01"].HousingType, read["H01"].MovedIn, read["H01"].BasicLivelihood));
        Assert.Equal((1958, Core.Domain.Sex.M, 0, (bool?)null, false), (read["H02"].HeadBirthYear, read["H02"].HeadSex, read["H02"].ChildrenUnder2, read["H02"].SingleParent, read["H02"].BasicLivelihood));
        Assert.Equal((Core.Domain.Sex.F, 3, (bool?)false), (read["H03"].HeadSex, read["H03"].Members, read["H03"].SingleParent));

        var why = batch.Quarantine.ToDictionary(q => q.Raw.Split(',')[0], q => (q.Column, q.Reason));
        Assert.Equal(("head_sex", "성별 값이 아닙니다 (M/F 또는 남/여)."), why["H04"]);
        Assert.Equal(("head_birth_year", "정수가 아닙니다."), why["H05"]);
        Assert.Equal(("single_parent", "예/아니오 값이 아닙니다 (Y/N, 예/아니오, 1/0, true/false)."), why["H06"]);
        Assert.Equal(("basic_livelihood", "예/아니오 값이 아닙니다 (Y/N, 예/아니오, 1/0, true/false)."), why["H07"]);
        Assert.Equal("housing_type", why["H08"].Column);
        Assert.StartsWith("허용된 값이 아닙니다", why["H08"].Reason);
        Assert.Equal(("moved_in", "존재하지 않는 날짜입니다."), why["H09"]);
        Assert.Equal(("members", "필수 값이 비어 있습니다. 값을 채워 다시 보내 주세요."), why["H10"]);
        Assert.Equal(("head_birth_year", "정수가 아닙니다."), why["H11"]);
        Assert.Equal(("head_birth_year", "허용 범위(1900~2024)를 벗어났습니다."), why["H12"]);
        Assert.Equal(9, batch.Quarantine.Count);
    }

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
