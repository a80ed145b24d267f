using System.Globalization;
using System.Text;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Text;
using BlindSpot.Csv.Output;

namespace BlindSpot.Pipeline.Targets;

/// <summary>The target report as a fixed-width text table with the district total, for the console.</summary>
public static class TargetTable
{
    public static string Format(TargetReport report)
    {
        var rows = new List<string?[]> { TargetsCsvWriter.Headers.ToArray() };
        rows.AddRange(report.Dongs.Select(TargetsCsvWriter.Fields));
        rows.Add(TargetsCsvWriter.Fields(report.Total));
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => TerminalText.Width(r[i] ?? "-"))).ToArray();

        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Year}년 목표 ({report.AsOf:yyyy-MM-dd} 기준, 연중 경과 {report.DaysElapsed}/{report.DaysInYear}일 = {report.ShareElapsed:0.0000})"));
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1) sb.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
            var cells = rows[r].Select((c, i) => i == 0 || i == rows[r].Length - 1
                ? TerminalText.PadRight(c ?? "-", widths[i]) : TerminalText.PadLeft(c ?? "-", widths[i]));
            sb.AppendLine(string.Join("  ", cells).TrimEnd());
        }
        if (report.Unattributed > 0) sb.AppendLine($"(세대 명부에 없는 세대의 발굴 {report.Unattributed}건은 어느 동에도 세지 않았습니다.)");
        return sb.ToString();
    }
}
