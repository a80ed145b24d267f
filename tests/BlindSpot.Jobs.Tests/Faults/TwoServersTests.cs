using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class TwoServersTests(CleanRunFixture clean) : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task TwoServersRunningEveryJobTwiceEndInTheStateOfOneCleanRun()
    {
        var db = await clean.Server.CreateDatabaseAsync("two");
        var inbox = Path.Combine(dir.Path, "inbox");
        var days = Scenario.WriteBase(inbox);
        // Two machines: each its own store, Hangfire storage object and server, one PostgreSQL database between them.
        await using var a = await JobsHarness.StartAsync(db, inbox, Path.Combine(dir.Path, "out"));
        await using var b = await JobsHarness.StartAsync(db, inbox, Path.Combine(dir.Path, "out"));
        a.StartServer("server-a");
        b.StartServer("server-b");

        var run = await Scenario.ServerRunAsync(a, days, copies: 2);

        Assert.Equal(["server-a", "server-b"], run.Servers.Order(StringComparer.Ordinal));
        StoreSnapshot.AssertSame(clean.Expected, run.State);
    }

    [Fact]
    public void TheCleanRunMatchesTipsTrainsScoresAndListsSoTheComparisonMeansSomething()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(clean.Expected);
        var root = doc.RootElement;
        var tips = root.GetProperty("Tips").EnumerateArray().ToList();
        Assert.True(tips.Count(t => t.GetProperty("HouseholdId").ValueKind == System.Text.Json.JsonValueKind.String) > tips.Count / 2, "most tips matched");
        Assert.Contains(root.GetProperty("Models").EnumerateArray(), m => m.GetProperty("Status").GetInt32() == (int)BlindSpot.Core.Scoring.ModelStatus.Champion);
        // Scores of every day: the households a worklist can rank (a tip or a recent crisis row; ScoreNeeds), not all.
        Assert.All(root.GetProperty("Scores").EnumerateArray(), day => Assert.True(day.GetArrayLength() >= Scenario.Households / 20));
        Assert.True(root.GetProperty("Worklists").GetArrayLength() > 0);
        Assert.True(root.GetProperty("OutputFiles").GetArrayLength() >= Scenario.Days.Length * 18);
    }

    public void Dispose() => dir.Dispose();
}
