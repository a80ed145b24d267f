using System.Globalization;
using System.Text;
using BlindSpot.Core.Targets;
using BlindSpot.Csv.Output;

namespace BlindSpot.Cli.Terminal;

/// <summary>The target report for the console: the columns of targets/&lt;year&gt;.csv, one row per dong, then the district total.</summary>
internal static class TargetTable
{
    public static string Format(TargetReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Year}년 목표 ({report.AsOf:yyyy-MM-dd} 기준, 연중 경과 {report.DaysElapsed}/{report.DaysInYear}일 = {report.ShareElapsed:0.0000})"));
        var headers = TargetsCsvWriter.Headers;
        var table = new ConsoleTable();
        for (var i = 0; i < headers.Count; i++) table.Column(headers[i], numeric: i != 0 && i != headers.Count - 1);
        foreach (var dong in report.Dongs) table.Row(TargetsCsvWriter.Fields(dong));
        table.Rule().Row(TargetsCsvWriter.Fields(report.Total));
        sb.Append(table.Render());
        if (report.Unattributed > 0) sb.AppendLine($"(세대 명부에 없는 세대의 발굴 {report.Unattributed}건은 어느 동에도 세지 않았습니다.)");
        return sb.ToString();
    }
}
