namespace BlindSpot.Core.Ingest;

/// <summary>
/// The inbox's file format as the ingest use cases need it (BlindSpot.Csv's CsvFeedFiles): a file's identity in the
/// ledger, a snapshot's date from its name, one file read into a batch under the data contract, and the bytes of a
/// file typed on the web. The port keeps the use cases' project free of CsvHelper (docs/adr/0018-pipeline-ports.md).
/// </summary>
public interface IFeedFiles
{
    /// <summary>The file's identity in the ledger (the SHA-256 of its bytes; for a dated snapshot, of its bytes and date).</summary>
    string Identity(string fileName, byte[] bytes);

    /// <summary>households_&lt;yyyyMMdd&gt;[_anything].csv: that date; no date in the name: <paramref name="today"/>; or why the name cannot be used.</summary>
    (DateOnly Date, string? Problem) SnapshotDate(string fileName, DateOnly today);

    /// <summary>
    /// Reads <paramref name="bytes"/>, named <paramref name="fileName"/> (its prefix gives the feed), as known to
    /// <paramref name="context"/> at <paramref name="nowKst"/>: every row accepted, duplicate or quarantined, or the
    /// whole file refused. Reads only; the caller commits. <paramref name="tips"/> links a tips file's rows.
    /// </summary>
    IngestBatch Read(string fileName, byte[] bytes, string identity, IngestContext context, DateTime nowKst, bool justWritten, ITipLinker? tips);

    /// <summary>The bytes of an inbox file with <paramref name="headers"/> and <paramref name="records"/>, as a district system would send it.</summary>
    byte[] Write(IReadOnlyList<string> headers, IEnumerable<string?[]> records);
}
