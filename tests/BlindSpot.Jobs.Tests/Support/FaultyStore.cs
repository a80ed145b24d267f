using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>
/// The real store with a fault injected into one call: before the <see cref="FaultPlan.AtCommit"/>-th file commit
/// of the whole test, <see cref="FaultPlan.Fault"/> runs once (throw to kill the run there, restart the database,
/// block until the server is stopped...). Every other call goes straight to the real store.
/// </summary>
internal sealed class FaultPlan(int atCommit, Func<CancellationToken, Task> fault)
{
    int commits;
    int fired;

    public int AtCommit { get; } = atCommit;
    public bool Fired => fired == 1;

    public async Task BeforeCommitAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref commits) == AtCommit && Interlocked.Exchange(ref fired, 1) == 0) await fault(ct);
    }
}

/// <summary>Thrown by a fault plan to stand for a process dying at that point.</summary>
internal sealed class SimulatedCrashException() : Exception("Simulated crash in the middle of a job.");

internal sealed class FaultyStore(IBlindSpotStore inner, FaultPlan plan) : IBlindSpotStore
{
    public string Engine => inner.Engine;
    public Task MigrateAsync(CancellationToken ct) => inner.MigrateAsync(ct);

    public async Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct)
    {
        await plan.BeforeCommitAsync(ct);
        return await inner.CommitFileAsync(batch, ct);
    }

    public Task<FileLedgerEntry?> FindFileAsync(string sha256, CancellationToken ct) => inner.FindFileAsync(sha256, ct);
    public Task<IngestContext> LoadIngestContextAsync(CancellationToken ct) => inner.LoadIngestContextAsync(ct);
    public Task<IReadOnlyList<FileLedgerEntry>> ListFilesAsync(CancellationToken ct) => inner.ListFilesAsync(ct);
    public Task<IReadOnlyList<QuarantinedRow>> ListQuarantineAsync(CancellationToken ct) => inner.ListQuarantineAsync(ct);
    public Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct) => inner.LoadDistrictAsync(asOf, ct);
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

    // The real store belongs to the harness, which disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
