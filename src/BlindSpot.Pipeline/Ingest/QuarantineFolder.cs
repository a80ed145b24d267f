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
    public static string FileNameFor(FileLedgerEntry file) => $"{file.Sha256[..12]}_{file.FileName}";

    public static async Task<string> WriteAsync(IOutputFiles output, string directory, IngestBatch batch, CancellationToken ct)
    {
        PrivateFiles.CreateDirectory(directory); // 0700: the raw rows hold personal data
        var path = Path.Combine(directory, FileNameFor(batch.File));
        await output.WriteQuarantineAsync(path, batch.Quarantine, ct);
        return path;
    }
}
