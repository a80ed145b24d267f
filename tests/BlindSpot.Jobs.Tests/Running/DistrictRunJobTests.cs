using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BlindSpot.Jobs.Tests.Running;

/// <summary>The national fan-out's unit of work: one district's daily run in its own database on one PostgreSQL server.</summary>
public sealed class DistrictRunJobTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task EachDistrictRunsInItsOwnDatabaseAndADayCompletesOnce()
    {
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("nat");
        var options = NationalJobs.Options(national, dir);
        var a1 = new DistrictGenerator(Scenario.District).WriteInbox(Path.Combine(options.Inbox, "a1"));
        var b2 = new DistrictGenerator(Scenario.District with { Households = SampleOptions.MinHouseholds, Seed = 8 }).WriteInbox(Path.Combine(options.Inbox, "b2"));
        foreach (var d in new[] { "a1", "b2" }) await DistrictDatabases.EnsureCreatedAsync(national, d, CancellationToken.None);
        // The job as Hangfire gets it: from the jobs host's composition root, which composes the district's use cases.
        await using var provider = NationalJobs.Container(options);
        var job = ActivatorUtilities.CreateInstance<DistrictRunJob>(provider);

        await job.RunAsync("a1", Scenario.BaseDay, CancellationToken.None);
        await job.RunAsync("b2", Scenario.BaseDay, CancellationToken.None);
        await using var a = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(national, "a1"), CancellationToken.None);
        var scoresBefore = await a.LoadScoresAsync(Scenario.BaseDay, CancellationToken.None);
        var filesBefore = (await a.ListFilesAsync(CancellationToken.None)).Count;
        await job.RunAsync("a1", Scenario.BaseDay, CancellationToken.None); // delivered twice: nothing happens

        await using var b = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(national, "b2"), CancellationToken.None);
        static async Task<int> LivingAsync(IBlindSpotStore s) =>
            (await s.LoadDistrictAsync(Scenario.BaseDay, CancellationToken.None)).Households.Count(h => !h.MovedOut);
        Assert.Equal(a1.Figures.HouseholdsAsOf, await LivingAsync(a));
        Assert.Equal(b2.Figures.HouseholdsAsOf, await LivingAsync(b));
        Assert.NotEqual(a1.Figures.HouseholdsAsOf, b2.Figures.HouseholdsAsOf);
        Assert.False(await a.TryBeginJobRunAsync(DistrictRunJob.Id, "a1|2026-10-23", CancellationToken.None));
        Assert.False(await b.TryBeginJobRunAsync(DistrictRunJob.Id, "b2|2026-10-23", CancellationToken.None));
        Assert.Equal(filesBefore, (await a.ListFilesAsync(CancellationToken.None)).Count);
        Assert.Equal(scoresBefore, await a.LoadScoresAsync(Scenario.BaseDay, CancellationToken.None));
        Assert.NotEmpty(await a.LoadWorklistAsync(new DateOnly(2026, 10, 26), CancellationToken.None));
        Assert.NotEmpty(await b.LoadWorklistAsync(new DateOnly(2026, 10, 26), CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(options.Out, "b2", "worklists", "2026-10-26", "문래동.csv")));
    }

    [Fact]
    public async Task ADistrictsRetrainAndPurgeRunOnItsOwnDatabaseOncePerDay()
    {
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("natjobs");
        var options = NationalJobs.Options(national, dir);
        new DistrictGenerator(Scenario.District).WriteInbox(Path.Combine(options.Inbox, "c3"));
        // No database for c3 yet: a district added to the configuration gets its database from its first job.
        await using var provider = NationalJobs.Container(options, "c3");
        // The jobs as Hangfire's activator gets them from the jobs host's container.
        await provider.GetRequiredService<DistrictRunJob>().RunAsync("c3", Scenario.BaseDay, CancellationToken.None);
        var retrain = provider.GetRequiredService<DistrictRetrainJob>();
        var purge = provider.GetRequiredService<DistrictPurgeJob>();

        await retrain.RunAsync("c3", Scenario.BaseDay, CancellationToken.None);
        await purge.RunAsync("c3", Scenario.BaseDay, CancellationToken.None);
        await using var c3 = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(national, "c3"), CancellationToken.None);
        var models = await c3.ListModelsAsync(CancellationToken.None);
        await retrain.RunAsync("c3", Scenario.BaseDay, CancellationToken.None); // delivered twice: nothing happens

        // The first run trained the district's first model; the retrain as of the same day found the same data and options.
        Assert.Single(models);
        Assert.Equal(models, await c3.ListModelsAsync(CancellationToken.None));
        Assert.False(await c3.TryBeginJobRunAsync(DistrictRetrainJob.Id, "c3|2026-10-23", CancellationToken.None));
        Assert.False(await c3.TryBeginJobRunAsync(DistrictPurgeJob.Id, "c3|2026-10-23", CancellationToken.None));
        Assert.True(await c3.TryBeginJobRunAsync(DistrictPurgeJob.Id, "c3|2026-10-24", CancellationToken.None)); // another day is another run
    }

    [Fact]
    public async Task ADistrictsDaytimeIngestReadsItsNewFilesOncePerSlotAndTheNightsRunBuildsOnThem()
    {
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("natingest");
        var options = NationalJobs.Options(national, dir);
        // The district's files arrive in two goes: all but one hotline file in the morning, that one later.
        var staging = dir.File("staging");
        new DistrictGenerator(Scenario.District).WriteInbox(staging);
        var inbox = Directory.CreateDirectory(Path.Combine(options.Inbox, "e5")).FullName;
        var late = Directory.GetFiles(staging, "tips_hotline_*.csv").Order(StringComparer.Ordinal).Last();
        foreach (var f in Directory.GetFiles(staging).Where(f => f != late)) File.Move(f, Path.Combine(inbox, Path.GetFileName(f)));
        await using var provider = NationalJobs.Container(options, "e5");
        var ingest = provider.GetRequiredService<DistrictIngestJob>();

        // No database for e5 yet: the first slot creates it and reads every file of the district's inbox.
        await ingest.RunAsync("e5", "2026-10-23T10:00", CancellationToken.None);
        await using var e5 = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(national, "e5"), CancellationToken.None);
        var morning = Directory.GetFiles(inbox).Length;
        Assert.Equal(morning, (await e5.ListFilesAsync(CancellationToken.None)).Count);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(options.QuarantineDir, "e5"), "*", SearchOption.AllDirectories)); // the generator's bad rows, the district's own folder

        File.Move(late, Path.Combine(inbox, Path.GetFileName(late)));
        await ingest.RunAsync("e5", "2026-10-23T10:00", CancellationToken.None); // the same slot delivered twice: nothing happens
        Assert.Equal(morning, (await e5.ListFilesAsync(CancellationToken.None)).Count);
        await ingest.RunAsync("e5", "2026-10-23T10:10", CancellationToken.None); // the next slot reads the new file
        Assert.Equal(morning + 1, (await e5.ListFilesAsync(CancellationToken.None)).Count);
        Assert.False(await e5.TryBeginJobRunAsync(DistrictIngestJob.Id, "e5|2026-10-23T10:10", CancellationToken.None));

        // The night's run finds every file stored and builds the district's model, scores and lists on them.
        await provider.GetRequiredService<DistrictRunJob>().RunAsync("e5", Scenario.BaseDay, CancellationToken.None);
        Assert.Equal(morning + 1, (await e5.ListFilesAsync(CancellationToken.None)).Count);
        Assert.Single(await e5.ListModelsAsync(CancellationToken.None));
        Assert.NotEmpty(await e5.LoadWorklistAsync(new DateOnly(2026, 10, 26), CancellationToken.None));
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("d-1")]
    [InlineData("x;drop")]
    [InlineData("")]
    public void ADistrictCodeIsLowerCaseLettersAndDigitsOnly(string code)
    {
        Assert.False(DistrictDatabases.IsValidCode(code));
        Assert.Throws<ArgumentException>(() => DistrictDatabases.ConnectionString("Host=127.0.0.1;Database=blindspot", code));
    }

    [Fact]
    public void ADistrictsDatabaseIsTheNationalOneWithTheCodeAppended()
    {
        Assert.Contains("Database=blindspot_d07", DistrictDatabases.ConnectionString("Host=127.0.0.1;Port=5432;Username=u;Database=blindspot", "d07"));
        Assert.Contains("Database=national_d07", DistrictDatabases.ConnectionString("postgresql://u@127.0.0.1:5432/national", "d07"));
        Assert.Throws<ArgumentException>(() => DistrictDatabases.ConnectionString("./blindspot.db", "d07"));
    }

    public void Dispose() => dir.Dispose();
}
