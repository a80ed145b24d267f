using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Pipeline.Retention;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Tests.Hosting;

public sealed class JobsOptionsTests
{
    static IConfiguration Config(string[] args, Dictionary<string, string?>? environment = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(environment ?? []).AddCommandLine(args, JobsOptions.SwitchMappings).Build();

    static ServiceProvider Container(IConfiguration config) => new ServiceCollection().AddBlindSpotJobs(config, withServer: false).BuildServiceProvider();

    static T Options<T>(IConfiguration config) where T : class => Container(config).GetRequiredService<IOptions<T>>().Value;

    [Fact]
    public void TheShortSwitchesOverrideTheConfiguration()
    {
        var config = Config(["--db", "/data/bs.db", "--inbox", "data-samples", "--out", "out", "--workers", "4", "--retention-years", "5"],
            new() { ["BlindSpot:Db"] = "from-env.db", ["BlindSpot:Inbox"] = "env-inbox", ["BlindSpot:Jobs:Workers"] = "3" });
        var o = Options<BlindSpotOptions>(config);

        Assert.Equal("/data/bs.db", o.Db);
        Assert.Equal("data-samples", o.Inbox);
        // Quarantine copies sit beside the SQLite file, as for the CLI.
        Assert.Equal(Path.Combine("/data", "quarantine"), o.QuarantineDir);
        Assert.Equal(4, Options<JobsOptions>(config).Workers);
        Assert.Equal(5, Options<RetentionOptions>(config).Years);
    }

    [Fact]
    public void TheDefaultsRunTheEmbeddedSchedulerWithThreeYearsOfRetention()
    {
        var config = Config([]);
        Assert.Equal("./blindspot.db", Options<BlindSpotOptions>(config).Db);
        Assert.Equal(3, Options<RetentionOptions>(config).Years);
        Assert.IsType<InMemoryStorage>(HangfireStorageFactory.Create(Options<JobsOptions>(config), Options<BlindSpotOptions>(config).Db));
    }

    [Fact]
    public void APostgresStoreGetsHangfireInItsOwnSchemaWithSlidingInvisibility()
    {
        var o = HangfireStorageFactory.PostgresOptions(new JobsOptions());
        Assert.Equal("hangfire", o.SchemaName);
        Assert.True(o.PrepareSchemaIfNecessary);
        Assert.True(o.UseSlidingInvisibilityTimeout);
        var url = new Npgsql.NpgsqlConnectionStringBuilder(BlindSpot.Storage.StoreFactory.ToConnectionString("postgres://u:p@db:5433/blindspot"));
        Assert.Equal(("db", 5433, "blindspot", "u", "p"), (url.Host, url.Port, url.Database, url.Username, url.Password));
    }

    [Fact]
    public void ARetentionOfZeroYearsStopsTheHostAtStartWithOneLine()
    {
        var problem = StartupCheck.Problem(Container(Config(["--retention-years", "0"])));
        Assert.Equal("설정이 잘못되었습니다: BlindSpot:Retention:Years는 1에서 50 사이여야 합니다.", problem);
    }

    [Fact]
    public void TriggerOnStartNamesRecurringJobsAndRefusesAnUnknownOne()
    {
        var ok = Options<JobsOptions>(Config(["--trigger", "ingest-inbox, score"]));
        Assert.Equal(["ingest-inbox", "score"], ok.TriggerIds);
        Assert.Null(ok.Validate());

        var bad = StartupCheck.Problem(Container(Config(["--trigger", "ingest-inbox,nightly-magic"])));
        Assert.NotNull(bad);
        Assert.Contains("nightly-magic", bad);
        Assert.DoesNotContain('\n', bad);
    }

    [Fact]
    public void TheWorklistPolicyOfTheJobsComesFromConfiguration()
    {
        var config = Config([], new() { ["BlindSpot:Worklists:ExplorationShare"] = "0", ["BlindSpot:Worklists:CoolOffDays"] = "60" });
        var policy = Container(config).GetRequiredService<BlindSpot.Hosting.Composition.PipelineSettings>().Worklists.Policy;
        Assert.Equal(WorklistOptions.Default with { ExplorationShare = 0, CoolOffDays = 60 }, policy);
    }

    [Fact]
    public void AValueThatIsNotANumberStopsTheHostWithOneLineNamingTheKey()
    {
        var problem = StartupCheck.Problem(Container(Config([], new() { ["BlindSpot:Jobs:Workers"] = "many" })));
        Assert.NotNull(problem);
        Assert.Contains("BlindSpot:Jobs:Workers", problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void DistrictsMakeTheServerNationalOnAPostgresStoreAndRefuseBadCodes()
    {
        const string national = "Host=127.0.0.1;Port=5432;Username=u;Database=blindspot";
        var ok = Options<JobsOptions>(Config(["--db", national, "--districts", "d01, d02", "--trigger", "district-runs"]));
        Assert.Equal(["d01", "d02"], ok.DistrictCodes);
        Assert.Null(ok.Validate()); // a national entry may be triggered at start
        Assert.Null(StartupCheck.Problem(Container(Config(["--db", national, "--districts", "d01,d02"]))));

        foreach (var (args, says) in new[]
        {
            (new[] { "--db", national, "--districts", "d01,D02" }, "'D02'"),
            (new[] { "--db", national, "--districts", "d01,d01" }, "'d01'"),
            (new[] { "--db", national, "--districts", "d01", "--trigger", "score" }, "'score'"), // the one-district entries are not scheduled nationally
            (new[] { "--db", "/data/bs.db", "--districts", "d01" }, "PostgreSQL"),
        })
        {
            var problem = StartupCheck.Problem(Container(Config(args)));
            Assert.NotNull(problem);
            Assert.Contains(says, problem);
            Assert.DoesNotContain('\n', problem);
        }
    }
}
