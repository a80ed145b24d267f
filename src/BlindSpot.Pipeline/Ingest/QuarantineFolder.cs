using System.Text;
using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// Writes a file's quarantined rows as <c>&lt;first 12 hex of its SHA-256&gt;_&lt;file name&gt;</c> in the quarantine
/// folder: UTF-8 with BOM, RFC 4180, every field quoted, columns file,line,column,reason,raw. The raw text is kept
/// verbatim (it is what the sender must fix), so open it in Excel with care. The name depends on the bytes only, so a
/// re-run after a crash rewrites the same file.
/// </summary>
internal static class QuarantineFolder
{
    public const string Header = "file,line,column,reason,raw";

    public static string FileNameFor(FileLedgerEntry file) => $"{file.Sha256[..12]}_{file.FileName}";

    public static async Task<string> WriteAsync(string directory, IngestBatch batch, CancellationToken ct)
    {
        PrivateFiles.CreateDirectory(directory); // 0700: the raw rows hold personal data
        var path = Path.Combine(directory, FileNameFor(batch.File));
        var sb = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var q in batch.Quarantine)
        {
            Field(sb, q.FileName).Append(',');
            Field(sb, q.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            Field(sb, q.Column ?? "").Append(',');
            Field(sb, q.Reason).Append(',');
            Field(sb, q.Raw).Append("\r\n");
        }
        // Written aside and moved into place, so a reader never sees half a file.
        await PrivateFiles.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), ct);
        return path;
    }

    static StringBuilder Field(StringBuilder sb, string value) => sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
}
