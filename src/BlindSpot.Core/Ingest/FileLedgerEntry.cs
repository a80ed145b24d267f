using BlindSpot.Core.Contract;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// The ledger line of one ingested file: proof that every data row ended somewhere.
/// Invariant for a file that was not rejected whole: Accepted + Duplicate + Quarantined = RowsRead.
/// </summary>
/// <param name="Sha256">Hex SHA-256 of the file's bytes: the identity of a file, whatever its name.</param>
/// <param name="Encoding">"utf-8-bom", "utf-8" or "cp949".</param>
/// <param name="RejectedReason">Set when the whole file was refused (nothing of it stored).</param>
/// <param name="Notes">Per-file remarks a clerk should read: ignored extra columns, unknown crisis codes, unmatched tips.</param>
public sealed record FileLedgerEntry(
    string Sha256,
    string FileName,
    Feed Feed,
    string Encoding,
    int RowsRead,
    int Accepted,
    int Duplicate,
    int Quarantined,
    string? RejectedReason,
    IReadOnlyList<string> Notes,
    DateTime IngestedAt)
{
    public bool Rejected => RejectedReason is not null;
}
