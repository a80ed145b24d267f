using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Tests.Hosting;

public sealed class JobsOptionsTests
{
    static IConfiguration Config(string[] args, Dictionary<string, string?>? environment = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(environment ?? []).AddCommandLine(args, JobsOptions.SwitchMappings).Build();

    static JobsOptions Bind(IConfiguration config) =>
        new ServiceCollection().AddBlindSpotJobs(config, withServer: false).BuildServiceProvider().GetRequiredService<IOptions<JobsOptions>>().Value;

    [Fact]
    public void TheShortSwitchesOverrideTheConfiguration()
    {
        var o = Bind(Config(["--db", "/data/bs.db", "--inbox", "data-samples", "--out", "out", "--workers", "4", "--retention-years", "5"],
            new() { ["BlindSpot:Db"] = "from-env.db", ["BlindSpot:Inbox"] = "env-inbox" }));

        Assert.Equal("/data/bs.db", o.Db);
        Assert.Equal("data-samples", o.Inbox);
        // Quarantine copies sit beside the SQLite file, as for the CLI.
        Assert.Equal(Path.Combine("/data", "quarantine"), o.QuarantineDir);
        Assert.Equal(4, o.Workers);
        Assert.Equal(5, o.RetentionYears);
    }

    [Fact]
    public void TheDefaultsRunTheEmbeddedSchedulerWithThreeYearsOfRetention()
    {
        var o = Bind(Config([]));
        Assert.Equal("./blindspot.db", o.Db);
        Assert.Equal(3, o.RetentionYears);
        Assert.IsType<InMemoryStorage>(HangfireStorageFactory.Create(o));
    }

    [Fact]
    public void APostgresStoreGetsHangfireInItsOwnSchemaWithSlidingInvisibility()
    {
        var o = HangfireStorageFactory.PostgresOptions(new JobsOptions { Db = "Host=db;Database=blindspot" });
        Assert.Equal("hangfire", o.SchemaName);
        Assert.True(o.PrepareSchemaIfNecessary);
        Assert.True(o.UseSlidingInvisibilityTimeout);
        var url = new Npgsql.NpgsqlConnectionStringBuilder(BlindSpot.Storage.StoreFactory.ToConnectionString("postgres://u:p@db:5433/blindspot"));
        Assert.Equal(("db", 5433, "blindspot", "u", "p"), (url.Host, url.Port, url.Database, url.Username, url.Password));
    }

    [Fact]
    public void ARetentionOfZeroYearsStopsTheHostAtStart()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Bind(Config(["--retention-years", "0"])));
        Assert.Contains("RetentionYears", e.Message);
    }

    [Fact]
    public void TriggerOnStartNamesRecurringJobsAndRefusesAnUnknownOne()
    {
        var ok = Bind(Config(["--trigger", "ingest-inbox, score"]));
        Assert.Equal(["ingest-inbox", "score"], ok.TriggerIds);
        Assert.Null(ok.Validate());

        var bad = Assert.Throws<OptionsValidationException>(() => Bind(Config(["--trigger", "ingest-inbox,nightly-magic"])));
        Assert.Contains("nightly-magic", bad.Message);
    }
}
