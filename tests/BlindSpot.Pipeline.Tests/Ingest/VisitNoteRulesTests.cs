using BlindSpot.Pipeline.Ingest;

namespace BlindSpot.Pipeline.Tests.Ingest;

public sealed class VisitNoteRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \r\n\t ")]
    [InlineData("\u200B\u0007")]
    public void ANoteOfNothingIsNoNote(string? typed) => Assert.Equal((null, null), VisitNoteRules.Check(typed));

    [Fact]
    public void KeepsLineBreaksDropsInvisibleCharactersAndTrims()
    {
        var (text, problem) = VisitNoteRules.Check("  문 앞 우편물\r\n이웃\u200B 진술\u0000\r끝  ");
        Assert.Null(problem);
        Assert.Equal("문 앞 우편물\n이웃 진술\n끝", text);
    }

    [Fact]
    public void TakesFiveHundredCharactersAndRefusesOneMore()
    {
        Assert.Equal(VisitNoteRules.MaxLength, VisitNoteRules.Check(new string('가', VisitNoteRules.MaxLength)).Text?.Length);
        var (text, problem) = VisitNoteRules.Check(new string('가', VisitNoteRules.MaxLength + 1));
        Assert.Null(text);
        Assert.Equal("메모는 500자까지 적을 수 있습니다 (지금 501자). 줄여서 다시 저장하세요.", problem);
    }

    [Theory]
    [InlineData("본인 주민번호 900101-1234568 확인")]
    [InlineData("９００１０１－１２３４５６８")]
    public void RefusesAResidentRegistrationNumberWithoutQuotingIt(string typed)
    {
        var (text, problem) = VisitNoteRules.Check(typed);
        Assert.Null(text);
        Assert.Contains("주민등록번호", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("1234568", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TakesPhoneNumbersAndAmounts() =>
        Assert.Equal("딸 연락처 010-2932-7486, 체납 1,250,000원", VisitNoteRules.Check("딸 연락처 010-2932-7486, 체납 1,250,000원").Text);
}
