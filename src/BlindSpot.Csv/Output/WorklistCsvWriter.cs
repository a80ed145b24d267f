using System.Globalization;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Csv.Output;

/// <summary>Writes a dong's daily worklist, worklists/&lt;yyyy-MM-dd&gt;/&lt;dong&gt;.csv, exactly as contract §3.1 says.</summary>
public static class WorklistCsvWriter
{
    /// <summary>The file of a dong's list under an output folder.</summary>
    public static string PathFor(string outDir, DateOnly date, string dong) =>
        Path.Combine(outDir, "worklists", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dong + ".csv");

    /// <summary>Writes (or replaces) the file; an empty list writes the header only.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<WorklistRow> rows, CancellationToken ct) =>
        OutputCsv.WriteAsync(path, WorklistRow.Headers, rows.Select(Fields), ct);

    /// <summary>The same bytes as the file, to a stream (the dong's web download).</summary>
    public static Task WriteAsync(Stream stream, IReadOnlyList<WorklistRow> rows, CancellationToken ct) =>
        OutputCsv.WriteAsync(stream, WorklistRow.Headers, rows.Select(Fields), ct);

    /// <summary>The cells of a line, in header order, as the file writes them.</summary>
    public static string?[] Fields(WorklistRow r) =>
    [
        r.Rank.ToString(CultureInfo.InvariantCulture),
        r.HouseholdId,
        r.Name,
        r.Address,
        r.Phone,
        r.RiskScore?.ToString(CultureInfo.InvariantCulture),
        r.RiskGrade,
        r.Selection,
        r.Reasons,
        r.LastTipDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.TipCount.ToString(CultureInfo.InvariantCulture),
    ];
}
