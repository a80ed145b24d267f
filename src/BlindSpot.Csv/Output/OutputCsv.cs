using BlindSpot.Core.Files;
using CsvHelper;

namespace BlindSpot.Csv.Output;

/// <summary>
/// How every BlindSpot output file is written: UTF-8 with BOM (Korean Excel opens it as is), CRLF, RFC 4180
/// quoting, and every text cell that starts with =, +, -, @, tab or CR prefixed with ' (CsvHelper's
/// Injection = Escape, OWASP's list), so that a spreadsheet never runs a cell as a formula. A file is written
/// to a temporary name beside it and moved into place, so a reader never sees half a file and a re-run
/// replaces it whole. Files are created 0600 in folders created 0700 (<see cref="PrivateFiles"/>).
/// </summary>
internal static class OutputCsv
{
    public static CsvWriterOptions Options() => new()
    {
        Separator = ',',
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        NewLine = "\r\n",
    };

    public static Task WriteAsync(string path, IReadOnlyList<string> headers, IEnumerable<string?[]> records, CancellationToken ct) =>
        WriteAsync(path, Options(), headers, records, CsvQuoting.WhenNeeded, ct);

    /// <summary>
    /// Writes <paramref name="records"/> under <paramref name="headers"/> with <paramref name="options"/>, each field quoted as
    /// <paramref name="quoting"/> says (the header as needed only), to a new owner-only file moved into place.
    /// </summary>
    public static async Task WriteAsync(string path, CsvWriterOptions options, IReadOnlyList<string> headers, IEnumerable<string?[]> records,
        CsvQuoting quoting, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        // Owner-only (0600, folders 0700) from the moment it exists: worklists and quarantine copies hold personal data.
        await using (var stream = PrivateFiles.Create(temp))
        {
            await WriteAsync(stream, options, headers, records, quoting, ct);
            await stream.FlushAsync(ct);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The same bytes to a stream (a web download); the stream stays open.</summary>
    public static Task WriteAsync(Stream stream, IReadOnlyList<string> headers, IEnumerable<string?[]> records, CancellationToken ct) =>
        WriteAsync(stream, Options(), headers, records, CsvQuoting.WhenNeeded, ct);

    static async Task WriteAsync(Stream stream, CsvWriterOptions options, IReadOnlyList<string> headers, IEnumerable<string?[]> records,
        CsvQuoting quoting, CancellationToken ct)
    {
        await using var writer = CsvWriter.Create(stream, options, leaveOpen: true);
        writer.WriteHeader(headers.ToArray());
        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            if (quoting == CsvQuoting.WhenNeeded) writer.WriteRecord(record!);
            else
            {
                foreach (var field in record) writer.WriteField(field ?? "", quoting);
                writer.EndRecord();
            }
        }
        await writer.FlushAsync(ct);
    }
}
