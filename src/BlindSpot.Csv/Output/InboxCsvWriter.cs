using CsvHelper;

namespace BlindSpot.Csv.Output;

/// <summary>
/// A file BlindSpot writes for its own inbox (the web's one-row outcomes file, read by ingest like any other inbox
/// file): UTF-8 with BOM, CRLF, RFC 4180 quoting as needed, like every output file, but with no formula escaping. The
/// ' that escaping puts before a value starting with =, +, -, @ would become part of the value ingest reads.
/// </summary>
public static class InboxCsvWriter
{
    public static byte[] Bytes(IReadOnlyList<string> headers, IEnumerable<string?[]> records)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(records);
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, OutputCsv.Options() with { Injection = CsvInjection.None }, leaveOpen: true))
        {
            writer.WriteHeader(headers.ToArray());
            foreach (var record in records) writer.WriteRecord(record);
            writer.Flush();
        }
        return buffer.ToArray();
    }
}
