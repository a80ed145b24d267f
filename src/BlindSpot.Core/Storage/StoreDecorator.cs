using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Storage;

/// <summary>
/// A store that passes every call to another one; a subclass overrides only the calls it changes (a run-scoped
/// cache, an injected fault). The inner store belongs to the caller: disposing the decorator leaves it open.
/// </summary>
public abstract class StoreDecorator(IBlindSpotStore inner) : IBlindSpotStore
{
    protected IBlindSpotStore Inner => inner;

    public virtual string Engine => inner.Engine;
    public virtual Task MigrateAsync(CancellationToken ct) => inner.MigrateAsync(ct);
    public virtual void CheckpointSoon() => inner.CheckpointSoon();
    public virtual Task<FileLedgerEntry?> FindFileAsync(string sha256, CancellationToken ct) => inner.FindFileAsync(sha256, ct);
    public virtual Task<IngestContext> LoadIngestContextAsync(CancellationToken ct) => inner.LoadIngestContextAsync(ct);
    public virtual Task LoadIngestContextPartsAsync(IngestContext context, IngestContextParts parts, CancellationToken ct) => inner.LoadIngestContextPartsAsync(context, parts, ct);
    public virtual Task<DateOnly?> LoadNewestSnapshotDateAsync(CancellationToken ct) => inner.LoadNewestSnapshotDateAsync(ct);
    public virtual Task<string> RegistryStateAsync(CancellationToken ct) => inner.RegistryStateAsync(ct);
    public virtual Task<byte[]?> LoadRegistryCacheAsync(string state, CancellationToken ct) => inner.LoadRegistryCacheAsync(state, ct);
    public virtual Task SaveRegistryCacheAsync(string state, byte[] blob, CancellationToken ct) => inner.SaveRegistryCacheAsync(state, blob, ct);
    public virtual Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct) => inner.CommitFileAsync(batch, ct);
    public virtual Task<bool> CommitFilesAsync(IReadOnlyList<IngestBatch> batches, CancellationToken ct) => inner.CommitFilesAsync(batches, ct);
    public virtual Task<IReadOnlyList<FileLedgerEntry>> ListFilesAsync(CancellationToken ct) => inner.ListFilesAsync(ct);
    public virtual Task<IReadOnlyList<InboxStamp>> ListInboxStampsAsync(CancellationToken ct) => inner.ListInboxStampsAsync(ct);
    public virtual Task SaveInboxStampsAsync(IReadOnlyList<InboxStamp> stamps, CancellationToken ct) => inner.SaveInboxStampsAsync(stamps, ct);
    public virtual Task<IReadOnlyList<QuarantinedRow>> ListQuarantineAsync(CancellationToken ct) => inner.ListQuarantineAsync(ct);
    public virtual Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct) => inner.TryLockInboxAsync(ct);
    public virtual Task<IReadOnlyList<OutcomeRevision>> ListOutcomeHistoryAsync(CancellationToken ct) => inner.ListOutcomeHistoryAsync(ct);
    public virtual Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct) => inner.LoadDistrictAsync(asOf, ct);
    public virtual DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => inner.ReadHistoryAhead(ct);
    public virtual Task<DistrictData> LoadDistrictAsync(DateOnly asOf, DistrictHistoryAhead? ahead, CancellationToken ct) => inner.LoadDistrictAsync(asOf, ahead, ct);
    public virtual Task<IReadOnlyDictionary<string, HouseholdContact>> LoadContactsAsync(IReadOnlyCollection<Household> versions, CancellationToken ct) => inner.LoadContactsAsync(versions, ct);
    public virtual Task SaveModelAsync(ModelRecord model, byte[] modelBytes, CancellationToken ct) => inner.SaveModelAsync(model, modelBytes, ct);
    public virtual Task<byte[]> LoadModelBytesAsync(string version, CancellationToken ct) => inner.LoadModelBytesAsync(version, ct);
    public virtual Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct) => inner.ListModelsAsync(ct);
    public virtual Task PromoteAsync(string version, CancellationToken ct) => inner.PromoteAsync(version, ct);
    public virtual Task SetStatusAsync(string version, ModelStatus status, CancellationToken ct) => inner.SetStatusAsync(version, status, ct);
    public virtual Task ReplaceScoresAsync(DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct) => inner.ReplaceScoresAsync(asOf, scores, ct);
    public virtual Task<IReadOnlyList<HouseholdScore>> LoadScoresAsync(DateOnly asOf, CancellationToken ct) => inner.LoadScoresAsync(asOf, ct);
    public virtual Task ReplaceWorklistAsync(DateOnly date, IReadOnlyList<WorklistEntry> entries, IReadOnlyList<ExclusionCount> excluded, CancellationToken ct) =>
        inner.ReplaceWorklistAsync(date, entries, excluded, ct);
    public virtual Task<IReadOnlyList<WorklistEntry>> LoadWorklistAsync(DateOnly date, CancellationToken ct) => inner.LoadWorklistAsync(date, ct);
    public virtual Task<IReadOnlyList<WorklistEntry>> LoadWorklistsAsync(DateOnly from, DateOnly to, CancellationToken ct) => inner.LoadWorklistsAsync(from, to, ct);
    public virtual Task<IReadOnlyList<ExclusionCount>> LoadExclusionCountsAsync(DateOnly from, DateOnly to, CancellationToken ct) => inner.LoadExclusionCountsAsync(from, to, ct);
    public virtual Task<bool> TryBeginJobRunAsync(string job, string key, CancellationToken ct) => inner.TryBeginJobRunAsync(job, key, ct);
    public virtual Task CompleteJobRunAsync(string job, string key, string summary, CancellationToken ct) => inner.CompleteJobRunAsync(job, key, summary, ct);
    public virtual Task<IReadOnlyList<Tip>> LoadOpenTipsAsync(string? dong, CancellationToken ct) => inner.LoadOpenTipsAsync(dong, ct);
    public virtual Task<Tip?> FindTipAsync(TipSource source, string tipId, CancellationToken ct) => inner.FindTipAsync(source, tipId, ct);
    public virtual Task<int> UpdateTipLinksAsync(IReadOnlyList<Tip> tips, CancellationToken ct) => inner.UpdateTipLinksAsync(tips, ct);
    public virtual Task<IReadOnlyList<JobRun>> ListJobRunsAsync(int limit, CancellationToken ct) => inner.ListJobRunsAsync(limit, ct);
    public virtual Task<bool> AddAccountAsync(Account account, CancellationToken ct) => inner.AddAccountAsync(account, ct);
    public virtual Task<Account?> FindAccountAsync(string username, CancellationToken ct) => inner.FindAccountAsync(username, ct);
    public virtual Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct) => inner.ListAccountsAsync(ct);
    public virtual Task<bool> SetAccountDisabledAsync(string username, bool disabled, CancellationToken ct) => inner.SetAccountDisabledAsync(username, disabled, ct);
    public virtual Task UpdateSignInStateAsync(string username, int failedSignIns, DateTime? lockedUntil, CancellationToken ct) =>
        inner.UpdateSignInStateAsync(username, failedSignIns, lockedUntil, ct);
    public virtual Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => inner.AppendAuditAsync(entry, ct);
    public virtual Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct) => inner.ListAuditAsync(query, ct);
    public virtual Task<IReadOnlyList<VisitNote>> LoadVisitNotesAsync(string dong, IReadOnlyCollection<string> householdIds, CancellationToken ct) =>
        inner.LoadVisitNotesAsync(dong, householdIds, ct);
    public virtual Task<int> PurgePersonalDataAsync(DateOnly olderThan, CancellationToken ct) => inner.PurgePersonalDataAsync(olderThan, ct);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
