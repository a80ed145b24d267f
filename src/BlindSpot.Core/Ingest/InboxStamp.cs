namespace BlindSpot.Core.Ingest;

/// <summary>
/// What an inbox file looked like when its bytes were identified: its size and modification time (ticks, UTC), and the
/// identity the ledger knows those bytes by (<see cref="FileLedgerEntry.Sha256"/>). A file whose name, size and
/// modification time are unchanged is taken to hold the same bytes (as rsync and make take it) and is not read again.
/// </summary>
public sealed record InboxStamp(string FileName, long Size, long ModifiedTicks, string Sha256);
