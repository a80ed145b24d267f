using BlindSpot.Core.Worklists;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Store;
using BlindSpot.Model.Training;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Model.UseCases;
using BlindSpot.Pipeline.Retention;
using BlindSpot.Pipeline.Run;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Resolution;
using BlindSpot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace BlindSpot.Hosting.Tests.Composition;

/// <summary>The composition root every host calls: what it binds, what it refuses, and that it resolves every use case over a real store.</summary>
public sealed class AddBlindSpotTests : IDisposable
{
    readonly TempDir dir = new();

    static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    static ServiceProvider Container(IConfiguration config) => new ServiceCollection().AddBlindSpot(config).BuildServiceProvider();

    [Fact]
    public async Task EveryUseCaseResolvesOverTheStoreOpenedAtHostStart()
    {
        var db = dir.File("blindspot.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [BlindSpotKeys.Db] = db });
        builder.Services.AddBlindSpot(builder.Configuration);
        builder.Services.AddBlindSpot(builder.Configuration); // a second call adds nothing
        using var host = builder.Build();

        Assert.Null(StartupCheck.Problem(host.Services));
        await host.StartAsync();
        Assert.True(File.Exists(db));
        Assert.Equal("sqlite", host.Services.GetRequiredService<IBlindSpotStore>().Engine);
        foreach (var useCase in new[] { typeof(IngestService), typeof(TrainService), typeof(ScoreService), typeof(ReasonService), typeof(ModelRegistryService),
                     typeof(WorklistService), typeof(TargetsService), typeof(RetentionService), typeof(RunService) })
            Assert.NotNull(host.Services.GetRequiredService(useCase));
        Assert.Single(host.Services.GetServices<IHostedService>());
        await host.StopAsync();
    }

    [Fact]
    public void TrainingTargetsAndWorklistSettingsComeFromTheirSections()
    {
        var settings = Container(Config(new()
        {
            ["BlindSpot:Training:NumberOfTrees"] = "50",
            ["BlindSpot:Training:Calibrator"] = "isotonic",
            ["BlindSpot:Targets:Rate"] = "1.2",
            ["BlindSpot:Worklists:CoolOffDays"] = "30",
            ["BlindSpot:Resolution:LinkThreshold"] = "0.9",
            ["BlindSpot:Resolution:MaxCandidates"] = "3",
        })).GetRequiredService<PipelineSettings>();

        Assert.Equal(new TrainOptions(NumberOfTrees: 50, Calibrator: "isotonic"), settings.Training);
        Assert.Equal(1.2m, settings.Targets.Rate);
        Assert.Equal(30, settings.Worklists.Policy.CoolOffDays);
        Assert.Equal(0.02, settings.Worklists.Policy.ExplorationShare);
        Assert.Equal(ResolutionOptions.Default with { LinkThreshold = 0.9, MaxCandidates = 3 }, settings.Resolution);
    }

    [Fact]
    public void AHolidaysFileAddsToTheComputedHolidays()
    {
        var file = dir.File("holidays.txt");
        File.WriteAllLines(file, ["# the district's own list", "2026-11-04"]);
        var services = Container(Config(new() { [BlindSpotKeys.HolidaysFile] = file }));

        Assert.Null(StartupCheck.Problem(services));
        var calendar = services.GetRequiredService<BusinessCalendar>();
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 11, 4)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 10, 9)), "한글날 2026-10-09 stays a holiday: the file adds election and temporary days");
        Assert.Equal([.. KoreanHolidays.Announced.Append(new DateOnly(2026, 11, 4)).Order()], services.GetRequiredService<PipelineSettings>().Worklists.Holidays);
    }

    [Theory]
    [InlineData("BlindSpot:Calendar:HolidaysFile", "/no/such/holidays.txt", "설정이 잘못되었습니다: BlindSpot:Calendar:HolidaysFile 파일이 없습니다: /no/such/holidays.txt")]
    [InlineData("BlindSpot:Worklists:ExplorationShare", "-0.1", "설정이 잘못되었습니다: BlindSpot:Worklists: ExplorationShare는 0에서 1 사이여야 합니다.")]
    [InlineData("BlindSpot:Targets:Rate", "0", "설정이 잘못되었습니다: BlindSpot:Targets: Rate는 0보다 커야 합니다.")]
    [InlineData("BlindSpot:Training:Calibrator", "magic", "설정이 잘못되었습니다: BlindSpot:Training: Calibrator는 platt나 isotonic이어야 합니다.")]
    [InlineData("BlindSpot:Resolution:CandidateFloor", "0.8", "설정이 잘못되었습니다: BlindSpot:Resolution: CandidateFloor는 0 이상이고 LinkThreshold보다 작아야 합니다.")]
    [InlineData("BlindSpot:Db", " ", "설정이 잘못되었습니다: BlindSpot:Db가 비어 있습니다: SQLite 파일 경로나 PostgreSQL 연결 문자열을 주세요.")]
    public void AnInvalidValueIsOneLineNamingTheKey(string key, string value, string expected) =>
        Assert.Equal(expected, StartupCheck.Problem(Container(Config(new() { [key] = value }))));

    [Fact]
    public void TwoInvalidValuesAreBothNamedOnOneLine()
    {
        var problem = StartupCheck.Problem(Container(Config(new() { ["BlindSpot:Targets:Rate"] = "0", ["BlindSpot:Retention:Years"] = "0" })));
        Assert.NotNull(problem);
        Assert.Contains("Rate는 0보다 커야 합니다", problem);
        Assert.Contains("BlindSpot:Retention:Years", problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void LoggingBindsOverTheHostsDefaultsAndAnUnreadableLevelIsReportedAtStart()
    {
        var defaults = new LoggingOptions { StandardError = true, MinimumLevel = LogEventLevel.Warning, Application = "blindspot-cli" };
        var bound = LoggingSetup.Bind(Config(new() { [BlindSpotKeys.LogLevel] = "Debug", [BlindSpotKeys.LogFile] = "x.clef" }), defaults);
        Assert.Equal(defaults with { MinimumLevel = LogEventLevel.Debug, File = "x.clef" }, bound);

        var bad = Config(new() { [BlindSpotKeys.LogLevel] = "Loud" });
        Assert.Equal(defaults, LoggingSetup.Bind(bad, defaults));
        Assert.Contains("BlindSpot:Logging:MinimumLevel", StartupCheck.Problem(Container(bad)));
    }

    public void Dispose() => dir.Dispose();
}
