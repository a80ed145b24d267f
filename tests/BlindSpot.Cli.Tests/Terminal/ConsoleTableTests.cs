using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Tests.Terminal;

/// <summary>The CLI's tables (Spectre.Console): Korean names line up in a terminal, nothing is read as markup or wrapped.</summary>
public sealed class ConsoleTableTests
{
    /// <summary>Terminal cells as a Korean terminal shows them: a Hangul syllable takes two, an ASCII character one.</summary>
    static int Cells(string s) => s.Sum(c => c is >= '\uAC00' and <= '\uD7A3' ? 2 : 1);

    [Fact]
    public void KoreanAndAsciiNamesLineUpInTerminalCells()
    {
        var text = new ConsoleTable().Column("동").Column("방문 가능", numeric: true).Column("비고")
            .Row("영등포본동", "2", "가").Row("여의동", "10", "나나").Row("total", "112", "x").Render();
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        // The third column starts at the same terminal cell on every line, so the right-aligned numbers end together.
        string[] third = ["비고", "가", "나나", "x"];
        var starts = lines.Select((l, i) => Cells(l[..l.LastIndexOf(third[i], StringComparison.Ordinal)])).ToList();
        Assert.Single(starts.Distinct());
        var numberEnds = lines.Skip(1).Select(l => Cells(l[..(l.LastIndexOfAny("0123456789".ToCharArray()) + 1)])).ToList();
        Assert.Single(numberEnds.Distinct());
        Assert.Equal(starts[0] - 2, numberEnds[0]); // two spaces between columns
        Assert.StartsWith("영등포본동  ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AFileNameWithBracketsIsPrintedAsItIsAndALongOneIsNeverWrapped()
    {
        var longName = "tips_hotline_20261030_" + new string('x', 300) + "[1].csv";
        var text = new ConsoleTable().Column("파일").Column("읽음", numeric: true).Row("[red]crisis_202610.csv", "7").Row(longName, "12").Render();
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[red]crisis_202610.csv", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(longName, lines[2], StringComparison.Ordinal);
        Assert.EndsWith("12", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text); // no colour codes
    }

    [Fact]
    public void ARuleIsAsWideAsTheTableAndLinesKeepTheirIndent()
    {
        var text = new ConsoleTable(indent: 3).Column("동").Column("선정", numeric: true).Rule().Row("문래동", "2").Rule().Row("합계", "2").Render();
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(["   동      선정", "   ------------", "   문래동     2", "   ------------", "   합계       2"], lines);
        Assert.Equal(Cells(lines[0]), Cells(lines[1]));
    }
}
