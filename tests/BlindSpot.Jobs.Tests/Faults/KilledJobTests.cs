using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class KilledJobTests(CleanRunFixture clean) : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task AnIngestThatDiesHalfWayAndIsRetriedEndsInTheStateOfOneCleanRun()
    {
        // The 6th file commit of the base ingest (the first crisis file, after the two configuration files and the three
        // household files of two snapshots) dies before it commits.
        var plan = new FaultPlan(atCommit: 6, _ => throw new SimulatedCrashException());
        var (h, days) = await StartAsync(plan);
        await using var _ = h;
        h.StartServer("server-a");

        var run = await Scenario.ServerRunAsync(h, days, copies: 1);

        Assert.True(plan.Fired);
        Assert.Equal(1, run.Retries);
        StoreSnapshot.AssertSame(clean.Expected, run.State);
    }

    [Fact]
    public async Task AServerStoppedInTheMiddleOfAJobHandsItToAnotherServerAndEndsInTheStateOfOneCleanRun()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The job hangs in its 4th commit until its server shuts down (the job's token is cancelled).
        var plan = new FaultPlan(atCommit: 4, async ct => { reached.TrySetResult(); await Task.Delay(Timeout.Infinite, ct); });
        var (h, days) = await StartAsync(plan);
        await using var _ = h;
        var first = h.StartServer("server-a");

        var run = Scenario.ServerRunAsync(h, days, copies: 1, afterEnqueue: async phase =>
        {
            if (phase != "ingest base") return;
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Run(() => h.StopServer(first)); // graceful stop: the running job is cancelled and put back in the queue
            h.StartServer("server-b");
        });
        var result = await run;

        Assert.True(plan.Fired);
        Assert.Contains("server-b", result.Servers);
        StoreSnapshot.AssertSame(clean.Expected, result.State);
    }

    async Task<(JobsHarness, DistrictDays)> StartAsync(FaultPlan plan)
    {
        var db = await clean.Server.CreateDatabaseAsync("kill");
        var inbox = Path.Combine(dir.Path, "inbox");
        var days = Scenario.WriteBase(inbox);
        var h = await JobsHarness.StartAsync(db, inbox, Path.Combine(dir.Path, "out"), store => new FaultyStore(store, plan));
        return (h, days);
    }

    public void Dispose() => dir.Dispose();
}
