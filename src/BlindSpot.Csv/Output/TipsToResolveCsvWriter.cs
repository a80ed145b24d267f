using System.Globalization;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Csv.Output;

/// <summary>
/// Writes a dong's tips to resolve, tips-to-resolve/&lt;yyyy-MM-dd&gt;/&lt;dong&gt;.csv beside the worklists, in the
/// worklists' Excel-safe format (<see cref="OutputCsv"/>).
/// </summary>
public static class TipsToResolveCsvWriter
{
    public static string PathFor(string outDir, DateOnly date, string dong) =>
        Path.Combine(outDir, "tips-to-resolve", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dong + ".csv");

    /// <summary>Writes (or replaces) the file; no tips writes the header only.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<TipToResolveRow> rows, CancellationToken ct) =>
        OutputCsv.WriteAsync(path, TipToResolveRow.Headers, rows.Select(Fields), ct);

    static string?[] Fields(TipToResolveRow r) =>
    [
        r.TipId,
        r.Source,
        r.ReceivedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        r.Urgent ? "Y" : "",
        r.Category,
        r.Reporter,
        r.Address,
        r.SubjectName,
        r.NoteExcerpt,
        r.Status,
        string.Join(' ', r.Candidates),
    ];
}
