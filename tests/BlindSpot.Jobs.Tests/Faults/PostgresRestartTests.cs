using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class PostgresRestartTests(CleanRunFixture clean, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task APostgresRestartDuringAnIngestEndsInTheStateOfOneCleanRun()
    {
        var db = await clean.Server.CreateDatabaseAsync("restart");
        var inbox = Path.Combine(dir.Path, "inbox");
        var days = Scenario.WriteBase(inbox);
        // Between two file commits of the base ingest, the database goes down for a second and comes back.
        var plan = new FaultPlan(atCommit: 4, _ => clean.Server.RestartAsync(TimeSpan.FromSeconds(1)));
        await using var h = await JobsHarness.StartAsync(db, inbox, Path.Combine(dir.Path, "out"), store => new FaultyStore(store, plan));
        h.StartServer("server-a");

        var run = await Scenario.ServerRunAsync(h, days, copies: 1);

        Assert.True(plan.Fired);
        output.WriteLine($"retries after the restart: {run.Retries}");
        StoreSnapshot.AssertSame(clean.Expected, run.State);
    }

    public void Dispose()
    {
        // Pooled connections of this process died with the restart: the next test must not be handed one.
        Npgsql.NpgsqlConnection.ClearAllPools();
        dir.Dispose();
    }
}
