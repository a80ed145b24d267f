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
    public static IngestBatch Empty(FileLedgerEntry file) => new(file, [], [], [], [], [], [], []);
}
