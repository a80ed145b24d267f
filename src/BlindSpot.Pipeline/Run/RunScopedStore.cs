using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Run;

/// <summary>
/// The store as one `run` sees it: every call goes to the real store, except that the district as of a day is
/// loaded once and shared by training, scoring, worklists and targets (a district load is seconds at 190,000
/// households). Any committed file drops the cache, so no step can see a district older than the store.
/// Lives for one run only.
/// </summary>
internal sealed class RunScopedStore(IBlindSpotStore inner) : IBlindSpotStore
{
    readonly Dictionary<DateOnly, DistrictData> districts = [];

    public string Engine => inner.Engine;
    public Task MigrateAsync(CancellationToken ct) => inner.MigrateAsync(ct);

    public async Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct)
    {
        if (districts.TryGetValue(asOf, out var cached)) return cached;
        return districts[asOf] = await inner.LoadDistrictAsync(asOf, ct);
    }

    public async Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct)
    {
        districts.Clear();
        return await inner.CommitFileAsync(batch, ct);
    }

    public Task<FileLedgerEntry?> FindFileAsync(string sha256, CancellationToken ct) => inner.FindFileAsync(sha256, ct);
    public Task<IngestContext> LoadIngestContextAsync(CancellationToken ct) => inner.LoadIngestContextAsync(ct);
    public Task<IReadOnlyList<FileLedgerEntry>> ListFilesAsync(CancellationToken ct) => inner.ListFilesAsync(ct);
    public Task<IReadOnlyList<QuarantinedRow>> ListQuarantineAsync(CancellationToken ct) => inner.ListQuarantineAsync(ct);
    public Task SaveModelAsync(ModelRecord model, byte[] modelBytes, CancellationToken ct) => inner.SaveModelAsync(model, modelBytes, ct);
    public Task<byte[]> LoadModelBytesAsync(string version, CancellationToken ct) => inner.LoadModelBytesAsync(version, ct);
    public Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct) => inner.ListModelsAsync(ct);
    public Task PromoteAsync(string version, CancellationToken ct) => inner.PromoteAsync(version, ct);
    public Task SetStatusAsync(string version, ModelStatus status, CancellationToken ct) => inner.SetStatusAsync(version, status, ct);
    public Task ReplaceScoresAsync(DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct) => inner.ReplaceScoresAsync(asOf, scores, ct);
    public Task<IReadOnlyList<HouseholdScore>> LoadScoresAsync(DateOnly asOf, CancellationToken ct) => inner.LoadScoresAsync(asOf, ct);
    public Task ReplaceWorklistAsync(DateOnly date, IReadOnlyList<WorklistEntry> entries, CancellationToken ct) => inner.ReplaceWorklistAsync(date, entries, ct);
    public Task<IReadOnlyList<WorklistEntry>> LoadWorklistAsync(DateOnly date, CancellationToken ct) => inner.LoadWorklistAsync(date, ct);
    public Task<IReadOnlyList<WorklistEntry>> LoadWorklistsAsync(DateOnly from, DateOnly to, CancellationToken ct) => inner.LoadWorklistsAsync(from, to, ct);
    public Task<bool> TryBeginJobRunAsync(string job, string key, CancellationToken ct) => inner.TryBeginJobRunAsync(job, key, ct);
    public Task CompleteJobRunAsync(string job, string key, string summary, CancellationToken ct) => inner.CompleteJobRunAsync(job, key, summary, ct);
    public Task<int> PurgePersonalDataAsync(DateOnly olderThan, CancellationToken ct) => inner.PurgePersonalDataAsync(olderThan, ct);

    /// <summary>The real store is owned by the caller.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
