using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;

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

internal sealed class FaultyStore(IBlindSpotStore inner, FaultPlan plan) : StoreDecorator(inner)
{
    public override async Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct)
    {
        await plan.BeforeCommitAsync(ct);
        return await Inner.CommitFileAsync(batch, ct);
    }

    /// <summary>The parts of one snapshot date: each counts as a commit, and a fault at any of them comes before the
    /// one transaction that holds them all (nothing of the group is written).</summary>
    public override async Task<bool> CommitFilesAsync(IReadOnlyList<IngestBatch> batches, CancellationToken ct)
    {
        foreach (var _ in batches) await plan.BeforeCommitAsync(ct);
        return await Inner.CommitFilesAsync(batches, ct);
    }
}
