using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Storage;

/// <summary>
/// The one storage contract, with two real engines behind it (SQLite embedded, PostgreSQL in production).
/// The same contract tests run against both.
/// </summary>
public interface IBlindSpotStore : IIngestStore, IDistrictReader, IModelStore, IWorklistStore, IJobRunStore, ITipLinkStore, IAccountStore, IAuditStore, IVisitNoteStore, IRegistryCacheStore, IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Engine { get; }

    /// <summary>Creates or upgrades the schema to the current version; safe to call at every start.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>
    /// A hint from a caller whose large writes are over for now (a run once its scores are stored: only its lists
    /// follow). A store that keeps a write-ahead log may fold it into its files now, on a thread of its own, beside what
    /// the caller does next, instead of in the close of its last connection as the process ends, which then folds only
    /// what was committed after the hint. Returns at once; changes nothing that is read or stored. The default does
    /// nothing (SQLite's store checkpoints: <c>SqliteCheckpoints</c>).
    /// </summary>
    void CheckpointSoon() { }
}

public interface IIngestStore
{
    /// <summary>The ledger entry of a file with these bytes, if it was ever ingested (or rejected).</summary>
    Task<FileLedgerEntry?> FindFileAsync(string sha256, CancellationToken ct);

    /// <summary>Every part of the ingest context (<see cref="IngestContextParts.All"/>).</summary>
    Task<IngestContext> LoadIngestContextAsync(CancellationToken ct);

    /// <summary>
    /// Reads <paramref name="parts"/> of the stored keys and households into <paramref name="context"/>, adding to what it
    /// holds (the loader of a lazy <see cref="IngestContext"/>). The registry is read in the same order as by
    /// <see cref="LoadIngestContextAsync(CancellationToken)"/>.
    /// </summary>
    Task LoadIngestContextPartsAsync(IngestContext context, IngestContextParts parts, CancellationToken ct);

    /// <summary>The date of the newest registry snapshot stored, null when the store has no household.</summary>
    Task<DateOnly?> LoadNewestSnapshotDateAsync(CancellationToken ct);

    /// <summary>
    /// Stores a file's rows, quarantine and ledger line in one transaction. Returns false (and changes
    /// nothing) when a file with the same SHA-256 was committed meanwhile, e.g. by another server.
    /// </summary>
    Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct);

    /// <summary>
    /// Stores several files (the parts of one registry snapshot date) in one transaction, each with its rows, quarantine
    /// and ledger line: all or none. Returns false (and changes nothing) when any of them was committed meanwhile.
    /// </summary>
    Task<bool> CommitFilesAsync(IReadOnlyList<IngestBatch> batches, CancellationToken ct);

    Task<IReadOnlyList<FileLedgerEntry>> ListFilesAsync(CancellationToken ct);

    /// <summary>The inbox files' stamps, one per file name (<see cref="InboxStamp"/>).</summary>
    Task<IReadOnlyList<InboxStamp>> ListInboxStampsAsync(CancellationToken ct);

    /// <summary>Stores these stamps, each replacing the one of its file name.</summary>
    Task SaveInboxStampsAsync(IReadOnlyList<InboxStamp> stamps, CancellationToken ct);

    Task<IReadOnlyList<QuarantinedRow>> ListQuarantineAsync(CancellationToken ct);

    /// <summary>
    /// The inbox lock: one ingest at a time reads files into this store, whichever process runs it (the CLI's
    /// `ingest` or `run`, any jobs server). An inbox is ingested in order and tips are matched against the households
    /// committed earlier in the same run, so two runs racing past the households file would match tips against a
    /// registry they never loaded. Null when another run holds it. Dispose the result to release it; a holder that
    /// dies releases it too (PostgreSQL: a session advisory lock; SQLite: an OS file lock beside the database file).
    /// </summary>
    Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct);

    /// <summary>Every visit result replaced by a correction (정정), oldest first per household and day.</summary>
    Task<IReadOnlyList<OutcomeRevision>> ListOutcomeHistoryAsync(CancellationToken ct);
}

/// <summary>Visit notes (personal data): written with their outcome (<see cref="IngestBatch.VisitNotes"/>), read by their dong only.</summary>
public interface IVisitNoteStore
{
    /// <summary>The notes <paramref name="dong"/> wrote about these households, oldest first per household and visit day.</summary>
    Task<IReadOnlyList<VisitNote>> LoadVisitNotesAsync(string dong, IReadOnlyCollection<string> householdIds, CancellationToken ct);
}

/// <summary>Tip links after ingest: tried again on a new registry snapshot, confirmed or rejected by dong staff.</summary>
public interface ITipLinkStore
{
    /// <summary>Tips not linked to a household (candidates or unresolved), of one dong or of all, oldest first.</summary>
    Task<IReadOnlyList<Tip>> LoadOpenTipsAsync(string? dong, CancellationToken ct);

    Task<Tip?> FindTipAsync(TipSource source, string tipId, CancellationToken ct);

    /// <summary>
    /// Writes each tip's household, method, confidence, candidates, rejected candidates and resolved-against snapshot
    /// (keyed by source + tip id; nothing else of the tip changes), in one transaction. Returns the tips updated.
    /// </summary>
    Task<int> UpdateTipLinksAsync(IReadOnlyList<Tip> tips, CancellationToken ct);
}

public interface IDistrictReader
{
    /// <summary>Everything known by the end of <paramref name="asOf"/> (see <see cref="DistrictData"/>).</summary>
    Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct);

    /// <summary>
    /// Starts reading, on the thread pool, the district's history that a district load reads (registry versions and crisis
    /// rows, every month), with the state of the store it is read at: the main job starts it once the ingest has settled
    /// those feeds, and its first district load takes it (<see cref="LoadDistrictAsync(DateOnly, DistrictHistoryAhead?, CancellationToken)"/>).
    /// Null when this store cannot (the default).
    /// </summary>
    DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => null;

    /// <summary>
    /// <see cref="LoadDistrictAsync(DateOnly, CancellationToken)"/>, taking the history from <paramref name="ahead"/> only when
    /// it was read by this store and the store's history is still in the state it was read at; otherwise the history is
    /// read as without it. The result is the same either way.
    /// </summary>
    Task<DistrictData> LoadDistrictAsync(DateOnly asOf, DistrictHistoryAhead? ahead, CancellationToken ct) => LoadDistrictAsync(asOf, ct);

    /// <summary>
    /// The contact details (name, address, phone) of the given registry versions, by household id: a district's versions
    /// do not carry them (<see cref="Household"/>), so the worklists ask for those of the households they list, as the
    /// district resolved them (<see cref="DistrictData.Households"/>: each household's version by its snapshot date). A
    /// version the store does not hold (or no longer holds) is absent from the result.
    /// </summary>
    Task<IReadOnlyDictionary<string, HouseholdContact>> LoadContactsAsync(IReadOnlyCollection<Household> versions, CancellationToken ct);
}

/// <summary>
/// The district's history read ahead of a district load (<see cref="IDistrictReader.ReadHistoryAhead"/>), with the state of
/// the store it was read at. A load given it uses it at most once, and only when the store's history is still in that
/// state (a file or a purge that changed it since makes the load read the history again). Whoever started it awaits
/// <see cref="Completion"/> before it ends, whether or not a load took it.
/// </summary>
public abstract class DistrictHistoryAhead
{
    /// <summary>What the load given it did with it (<see cref="HistoryAheadUse.NotTaken"/> until one was given it).</summary>
    public HistoryAheadUse Use { get; protected set; }

    /// <summary>Completes when the read is over; never faults (a read that failed is not used, and reported by <see cref="Use"/>).</summary>
    public abstract Task Completion { get; }
}

/// <summary>What a district load did with a history read ahead.</summary>
public enum HistoryAheadUse
{
    /// <summary>No load was given it (or the store could not check its state: an old schema without a history key).</summary>
    NotTaken,
    /// <summary>The store's history was in the state it was read at: the load took it instead of reading the history.</summary>
    Used,
    /// <summary>The store's history changed after the read started: the load read it again.</summary>
    Stale,
    /// <summary>The read failed: the load read the history as without it.</summary>
    Failed,
}

public interface IModelStore
{
    /// <summary>Keeps a trained model (its ML.NET zip bytes) in the store, so every server scores with the same one.</summary>
    Task SaveModelAsync(ModelRecord model, byte[] modelBytes, CancellationToken ct);
    Task<byte[]> LoadModelBytesAsync(string version, CancellationToken ct);
    Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct);
    /// <summary>Makes <paramref name="version"/> the champion and retires the former one, atomically.</summary>
    Task PromoteAsync(string version, CancellationToken ct);
    Task SetStatusAsync(string version, ModelStatus status, CancellationToken ct);

    /// <summary>Replaces every score of <paramref name="asOf"/> (idempotent per date).</summary>
    Task ReplaceScoresAsync(DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct);
    Task<IReadOnlyList<HouseholdScore>> LoadScoresAsync(DateOnly asOf, CancellationToken ct);
}

public interface IWorklistStore
{
    /// <summary>
    /// Replaces the worklist of <paramref name="date"/>: its entries and how many households each exclusion kept off
    /// each dong's list (<paramref name="excluded"/>, empty when the caller has none), in one transaction (idempotent per date).
    /// </summary>
    Task ReplaceWorklistAsync(DateOnly date, IReadOnlyList<WorklistEntry> entries, IReadOnlyList<ExclusionCount> excluded, CancellationToken ct);
    Task<IReadOnlyList<WorklistEntry>> LoadWorklistAsync(DateOnly date, CancellationToken ct);
    /// <summary>Every stored entry between the two dates inclusive (exploration weighting, cool-off).</summary>
    Task<IReadOnlyList<WorklistEntry>> LoadWorklistsAsync(DateOnly from, DateOnly to, CancellationToken ct);
    /// <summary>The stored exclusion counts between the two dates inclusive, by date, dong and exclusion.</summary>
    Task<IReadOnlyList<ExclusionCount>> LoadExclusionCountsAsync(DateOnly from, DateOnly to, CancellationToken ct);
}

public interface IJobRunStore
{
    /// <summary>
    /// Records that (job, key) is starting and says whether to do its work: false only when a run with that key
    /// already completed, so completed work is never repeated. It is not a lock: a run still marked running (another
    /// server working on it right now, or one that crashed) is taken over, so two claimants at once may both get true.
    /// Doing the work twice is then safe because every job's work is idempotent by its key (the store's keys and
    /// upserts, files replaced whole); the ingest, which must not run twice at once, takes <see cref="IIngestStore.TryLockInboxAsync"/>.
    /// </summary>
    Task<bool> TryBeginJobRunAsync(string job, string key, CancellationToken ct);
    Task CompleteJobRunAsync(string job, string key, string summary, CancellationToken ct);
    /// <summary>The ledger, newest start first, at most <paramref name="limit"/> rows (the admins' page).</summary>
    Task<IReadOnlyList<JobRun>> ListJobRunsAsync(int limit, CancellationToken ct);

    /// <summary>Blanks names, phones, addresses and note texts of records older than the cut-off; returns rows touched.</summary>
    Task<int> PurgePersonalDataAsync(DateOnly olderThan, CancellationToken ct);
}
