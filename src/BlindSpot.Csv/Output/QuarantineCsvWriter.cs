using System.Globalization;
using BlindSpot.Core.Ingest;
using CsvHelper;

namespace BlindSpot.Csv.Output;

/// <summary>
/// A file's quarantined rows for clerks: UTF-8 with BOM, CRLF, RFC 4180 with every field quoted, columns
/// file,line,column,reason,raw. Unlike the worklists, the raw text is written verbatim, not escaped against formulas:
/// it is what the sender must fix (docs/ingest.md says to open it with care). Owner-only, moved into place.
/// </summary>
public static class QuarantineCsvWriter
{
    public static readonly IReadOnlyList<string> Headers = ["file", "line", "column", "reason", "raw"];

    static CsvWriterOptions Options() => OutputCsv.Options() with { Injection = CsvInjection.None };

    public static Task WriteAsync(string path, IEnumerable<QuarantinedRow> rows, CancellationToken ct) =>
        OutputCsv.WriteAsync(path, Options(), Headers, rows.Select(q => new string?[]
        {
            q.FileName, q.Line.ToString(CultureInfo.InvariantCulture), q.Column ?? "", q.Reason, q.Raw,
        }), CsvQuoting.Always, ct);
}
