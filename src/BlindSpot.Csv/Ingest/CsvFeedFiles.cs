using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Output;

namespace BlindSpot.Csv.Ingest;

/// <summary>Core's <see cref="IFeedFiles"/> over <see cref="IngestFileReader"/> and <see cref="InboxCsvWriter"/> (registered by the composition root).</summary>
public sealed class CsvFeedFiles : IFeedFiles
{
    public static CsvFeedFiles Instance { get; } = new();

    public string Identity(string fileName, byte[] bytes) => IngestFileReader.Identity(fileName, bytes);

    public (DateOnly Date, string? Problem) SnapshotDate(string fileName, DateOnly today) => IngestFileReader.SnapshotDateFromName(fileName, today);

    public IngestBatch Read(string fileName, byte[] bytes, string identity, IngestContext context, DateTime nowKst, bool justWritten, ITipLinker? tips) =>
        IngestFileReader.Read(fileName, bytes, identity, context, nowKst, justWritten, tips);

    public byte[] Write(IReadOnlyList<string> headers, IEnumerable<string?[]> records) => InboxCsvWriter.Bytes(headers, records);
}
