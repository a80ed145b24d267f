using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>Everything one file contributes, committed to the store in a single transaction.</summary>
public sealed record IngestBatch(
    FileLedgerEntry File,
    IReadOnlyList<Household> Households,
    IReadOnlyList<CrisisRecord> Crisis,
    IReadOnlyList<Tip> Tips,
    IReadOnlyList<Outcome> Outcomes,
    IReadOnlyList<DongCapacity> Capacity,
    IReadOnlyList<TargetBaseline> Baselines,
    IReadOnlyList<QuarantinedRow> Quarantine)
{
    /// <summary>Visit results marked 정정 that replace a stored result (the replaced one is kept in the history).</summary>
    public IReadOnlyList<Outcome> OutcomeCorrections { get; init; } = [];

    /// <summary>
    /// Notes typed beside a result on the web, stored in the same transaction as the outcome they came with (so a note
    /// exists only beside a stored result). Never from a file: the outcomes contract has no note column.
    /// </summary>
    public IReadOnlyList<VisitNote> VisitNotes { get; init; } = [];

    public static IngestBatch Empty(FileLedgerEntry file) => new(file, [], [], [], [], [], [], []);
}
