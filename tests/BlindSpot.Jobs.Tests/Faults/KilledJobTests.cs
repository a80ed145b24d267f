using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class KilledJobTests(CleanRunFixture clean) : IDisposable
{
    readonly TempDir dir = new();

    [Theory]
    // The 4th file commit of the base ingest (the first part of the split snapshot households_<date>_part1/part2, after
    // the two configuration files and the first snapshot): the two parts are committed in one transaction, so the
    // run dies with neither stored, never between them.
    [InlineData(4)]
    // The 5th: the second part of that snapshot, after the first was counted (the same one transaction).
    [InlineData(5)]
    // The 6th: the first crisis file, after the three household files of two snapshots.
    [InlineData(6)]
    public async Task AnIngestThatDiesHalfWayAndIsRetriedEndsInTheStateOfOneCleanRun(int atCommit)
    {
        var plan = new FaultPlan(atCommit, _ => throw new SimulatedCrashException());
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
