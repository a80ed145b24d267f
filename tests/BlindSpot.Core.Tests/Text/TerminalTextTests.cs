using BlindSpot.Core.Text;

namespace BlindSpot.Core.Tests.Text;

/// <summary>The one terminal-width function every terminal table pads with (the CLI's reports, the target table): Hangul and full-width forms take two columns.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("영등포본동", 10)]
    [InlineData("신길4동", 7)]
    [InlineData("ＡＢ", 4)]
    [InlineData("ㄱ", 2)]
    [InlineData("", 0)]
    public void CountsTerminalColumns(string text, int columns) => Assert.Equal(columns, TerminalText.Width(text));

    [Fact]
    public void PaddedKoreanNamesLineUp()
    {
        var rows = new[] { "영등포본동", "신길4동", "dong" }.Select(d => TerminalText.PadRight(d, 12) + "|").ToList();
        Assert.All(rows, r => Assert.Equal(13, TerminalText.Width(r)));
        Assert.Equal("    42", TerminalText.PadLeft("42", 6));
        Assert.Equal("영등포본동", TerminalText.PadRight("영등포본동", 4)); // never cut
    }
}
