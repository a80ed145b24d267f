using BlindSpot.Core.Ingest;

namespace BlindSpot.Pipeline.Ingest;

public enum IngestFileStatus
{
    /// <summary>Read and committed: its rows are accepted, duplicate or quarantined.</summary>
    Ingested,
    /// <summary>Refused whole (missing column, resident number, bad name date...): recorded in the ledger, nothing stored.</summary>
    Rejected,
    /// <summary>These bytes were ingested (or rejected) before, under this or another name: nothing changed.</summary>
    Skipped,
    /// <summary>A .csv whose name matches no feed: not read, not recorded. Fix the name and run again.</summary>
    Unrecognised,
    /// <summary>Not a .csv file (or hidden, or a .part/.tmp file being written): left alone.</summary>
    Ignored,
    /// <summary>
    /// Could not be read or stored (an unexpected error, a special file, a link out of the inbox or to nothing, a name
    /// that is not UTF-8): not recorded, so the next run tries it again. The other files go on.
    /// </summary>
    Failed,
    /// <summary>Changed within the quiet period or while being read (may still be being written), or read against a registry
    /// whose snapshot of this run could not be stored: not read now, read by a later run.</summary>
    Deferred,
}

/// <summary>What happened to one file of the inbox in this run.</summary>
/// <param name="Ledger">The ledger line written now (Ingested, Rejected) or found (Skipped: it may carry another name).</param>
/// <param name="QuarantineFile">Where this run wrote the file's quarantined rows, if it had any.</param>
public sealed record IngestFileResult(string FileName, IngestFileStatus Status, FileLedgerEntry? Ledger, string? QuarantineFile, string? Message)
{
    /// <summary>A failure for the exit code: refused whole, not recognised, or failed.</summary>
    public bool IsFailure => Status is IngestFileStatus.Rejected or IngestFileStatus.Unrecognised or IngestFileStatus.Failed;
}

/// <summary>The result of one ingest run, file by file in processing order.</summary>
public sealed record IngestReport(string Inbox, string QuarantineDirectory, IReadOnlyList<IngestFileResult> Files)
{
    /// <summary>Another run (the CLI or a jobs server) held the store's inbox lock: nothing was read; new files wait for the next run.</summary>
    public bool InboxBusy { get; init; }

    public bool AnyFailure => Files.Any(f => f.IsFailure);
}
