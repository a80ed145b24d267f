namespace BlindSpot.Csv.Output;

/// <summary>Any table as a download, by the rules of every BlindSpot output file (UTF-8 with BOM, CRLF, formula-injection safe).</summary>
public static class TableCsvWriter
{
    public static Task WriteAsync(Stream stream, IReadOnlyList<string> headers, IEnumerable<string?[]> rows, CancellationToken ct) =>
        OutputCsv.WriteAsync(stream, headers, rows, ct);
}
