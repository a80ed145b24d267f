using BlindSpot.Core.Storage;
using BlindSpot.Jobs.Running;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Jobs.Tests.Running;

/// <summary>The job-run ledger wrapper, on a real SQLite store.</summary>
public sealed class JobRunnerTests : IAsyncLifetime
{
    readonly TempDir dir = new();
    IBlindSpotStore store = null!;
    static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => store = await StoreFactory.OpenAsync(dir.File("blindspot.db"), Ct);

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        dir.Dispose();
    }

    JobRunner Runner() => new(store, NullLogger<JobRunner>.Instance);

    [Fact]
    public async Task ASecondRunOfTheSameJobAndKeyDoesNothing()
    {
        var calls = 0;
        Task<JobWork> Work(CancellationToken _) { calls++; return Task.FromResult(JobWork.Done("rows=1")); }

        Assert.Equal(JobRunStatus.Completed, await Runner().RunOnceAsync("score", "2026-10-30", Work, Ct));
        Assert.Equal(JobRunStatus.AlreadyDone, await Runner().RunOnceAsync("score", "2026-10-30", Work, Ct));
        Assert.Equal(JobRunStatus.Completed, await Runner().RunOnceAsync("score", "2026-10-31", Work, Ct));
        Assert.Equal(JobRunStatus.Completed, await Runner().RunOnceAsync("worklists", "2026-10-30", Work, Ct));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task ARunThatDiedLeavesTheKeyOpenAndTheRetryDoesTheWork()
    {
        await Assert.ThrowsAsync<IOException>(() => Runner().RunOnceAsync("ingest-inbox", "2026-10-30T09:40", _ => throw new IOException("disk"), Ct));

        var status = await Runner().RunOnceAsync("ingest-inbox", "2026-10-30T09:40", _ => Task.FromResult(JobWork.Done("files=1")), Ct);

        Assert.Equal(JobRunStatus.Completed, status);
    }

    [Fact]
    public async Task AnExpectedFailureFailsTheHangfireJobWithoutCompletingTheKey()
    {
        var e = await Assert.ThrowsAsync<JobFailedException>(() =>
            Runner().RunOnceAsync("targets-report", "2026-10-30", _ => Task.FromResult(JobWork.Failed("The as-of day is before the year starts.")), Ct));
        Assert.Contains("before the year starts", e.Message);

        Assert.Equal(JobRunStatus.Completed, await Runner().RunOnceAsync("targets-report", "2026-10-30", _ => Task.FromResult(JobWork.Done("ok")), Ct));
    }

    [Fact]
    public async Task NothingToDoYetLeavesTheKeyOpenForTheNextTrigger()
    {
        Assert.Equal(JobRunStatus.NotNow, await Runner().RunOnceAsync("score", "2026-10-30", _ => Task.FromResult(JobWork.NotNow("No champion model yet")), Ct));
        Assert.Equal(JobRunStatus.Completed, await Runner().RunOnceAsync("score", "2026-10-30", _ => Task.FromResult(JobWork.Done("scored=5")), Ct));
    }
}
