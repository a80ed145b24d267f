using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// Everything one file contributes, committed to the store in a single transaction. Built with
/// <c>IngestBatch.Empty(file) with { Tips = [...] }</c>: a list added for a new feed breaks no caller.
/// </summary>
public sealed record IngestBatch(FileLedgerEntry File)
{
    public IReadOnlyList<Household> Households { get; init; } = [];
    public IReadOnlyList<CrisisRecord> Crisis { get; init; } = [];
    public IReadOnlyList<Tip> Tips { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public IReadOnlyList<QuarantinedRow> Quarantine { get; init; } = [];

    /// <summary>
    /// The rows of every other feed, by row type (<see cref="FeedRows"/>): the store inserts each type into the table
    /// registered for it.
    /// </summary>
    public FeedRows Rows { get; init; } = FeedRows.Empty;

    /// <summary>capacity.csv's rows (kept in <see cref="Rows"/>; set after <see cref="Rows"/> when both are set).</summary>
    public IReadOnlyList<DongCapacity> Capacity { get => Rows.Of<DongCapacity>(); init => Rows = Rows.With(value); }

    /// <summary>targets_baseline.csv's rows (kept in <see cref="Rows"/>; set after <see cref="Rows"/> when both are set).</summary>
    public IReadOnlyList<TargetBaseline> Baselines { get => Rows.Of<TargetBaseline>(); init => Rows = Rows.With(value); }

    /// <summary>Visit results marked 정정 that replace a stored result (the replaced one is kept in the history).</summary>
    public IReadOnlyList<Outcome> OutcomeCorrections { get; init; } = [];

    /// <summary>
    /// Notes typed beside a result on the web, stored in the same transaction as the outcome they came with (so a note
    /// exists only beside a stored result). Never from a file: the outcomes contract has no note column.
    /// </summary>
    public IReadOnlyList<VisitNote> VisitNotes { get; init; } = [];

    /// <summary>
    /// The keys of the rows accepted from the file, as its reader made them to find duplicates: the snapshot keys of a
    /// households file's <see cref="Households"/> or the crisis keys of a crisis file's <see cref="Crisis"/>
    /// (<see cref="IngestKeys"/>). <see cref="IngestContext.Include"/> takes them instead of making each key again
    /// (~610,000 strings kept through a first run's ingest at 190,000 households). Null: none given (made again).
    /// </summary>
    public IReadOnlySet<string>? AcceptedKeys { get; init; }

    /// <summary>A batch of <paramref name="file"/> with no rows (a refused file, or the start of a test's batch).</summary>
    public static IngestBatch Empty(FileLedgerEntry file) => new(file);
}
