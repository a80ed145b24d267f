namespace BlindSpot.Core.Ingest;

/// <summary>A row kept verbatim because it broke a rule of the contract.</summary>
/// <param name="Line">1-based physical line of the file where the record starts (the header is line 1).</param>
/// <param name="Column">The canonical column at fault, or null for a row-level fault (truncated, wrong field count).</param>
/// <param name="Reason">A sentence a clerk can act on; never contains the row's values.</param>
/// <param name="Raw">The record's original text (personal data: stays in the store and the quarantine folder).</param>
public sealed record QuarantinedRow(string FileSha256, string FileName, int Line, string? Column, string Reason, string Raw);
