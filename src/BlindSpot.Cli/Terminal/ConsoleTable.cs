using Spectre.Console;
using Spectre.Console.Rendering;

namespace BlindSpot.Cli.Terminal;

/// <summary>
/// A table the CLI prints, laid out by Spectre.Console: columns measured in terminal cells (a Hangul syllable takes two),
/// text left, numbers right, two spaces between columns, no frame, so the output stays plain text that a pipe, a log
/// file or a test reads as it is. Rendered as text with no colour codes and never wrapped.
/// </summary>
internal sealed class ConsoleTable
{
    readonly Table table = new Table().Border(TableBorder.None);
    readonly string indent;
    readonly HashSet<int> rulesBefore = [];

    /// <param name="indent">Spaces before every line (the run summary's tables sit under their step's name).</param>
    public ConsoleTable(int indent = 0) => this.indent = new string(' ', indent);

    /// <summary>Adds a column; <paramref name="numeric"/> columns are right-aligned.</summary>
    public ConsoleTable Column(string header, bool numeric = false)
    {
        var column = new TableColumn(new Text(header)).PadLeft(0).PadRight(2);
        table.AddColumn(numeric ? column.RightAligned() : column.LeftAligned());
        return this;
    }

    /// <summary>Adds a row of plain text (never read as Spectre markup: a file name with [brackets] stays as it is).</summary>
    public ConsoleTable Row(params string?[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "-")).ToArray());
        return this;
    }

    /// <summary>A line of dashes across the table here (under the header, above a total).</summary>
    public ConsoleTable Rule()
    {
        rulesBefore.Add(table.Rows.Count);
        return this;
    }

    /// <summary>The table as lines of text, each ending in a newline, trailing spaces removed.</summary>
    public string Render()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 10_000; // never wrap: a long file name widens its column instead
        console.Write(table);
        // Without a frame, line 0 is the header and line r + 1 the row r.
        var lines = text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        var rule = new string('-', lines.Max(l => new Segment(l).CellCount()));
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (rulesBefore.Contains(i - 1)) sb.Append(indent).Append(rule).Append('\n');
            sb.Append(indent).Append(lines[i]).Append('\n');
        }
        return sb.ToString();
    }
}
