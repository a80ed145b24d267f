using BlindSpot.Core.Storage;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Store;
using BlindSpot.Model.Training;
using BlindSpot.Pipeline.Dashboard;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Model.UseCases;
using BlindSpot.Pipeline.Retention;
using BlindSpot.Pipeline.Resolution;
using BlindSpot.Pipeline.Run;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Resolution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// The extension lives in Microsoft.Extensions.DependencyInjection so that a host's Program.cs finds it as it finds AddLogging.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The composition root of every BlindSpot host (docs/configuration.md).</summary>
public static class BlindSpotServiceCollectionExtensions
{
    /// <summary>
    /// Everything a BlindSpot host needs, from <paramref name="configuration"/>: every options class bound from its
    /// section and validated at start (run <see cref="StartupCheck.Problem"/> right after building), the store
    /// (opened at host start by a hosted service, or by the CLI through <see cref="StoreHolder.OpenAsync"/>), the
    /// business calendar and the use cases (ingest, train, score, reasons, registry, worklists, targets, retention, run). Logging is
    /// the host's one call to <see cref="LoggingSetup.AddBlindSpotLogging(ILoggingBuilder, IConfiguration, LoggingOptions)"/>.
    /// Calling it twice adds nothing.
    /// </summary>
    public static IServiceCollection AddBlindSpot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(Marker))) return services;
        services.AddSingleton<Marker>();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);

        services.AddChecked<BlindSpotOptions>(configuration, BlindSpotOptions.Section, o => o.Validate());
        services.AddChecked<CalendarOptions>(configuration, CalendarOptions.Section, o => o.Validate());
        // File modes are process-wide (like the umask): applied now, checked at start with the rest.
        FilesOptions.Apply(configuration);
        services.AddChecked<FilesOptions>(configuration, FilesOptions.Section, _ => null);
        services.AddChecked<RetentionOptions>(configuration, RetentionOptions.Section, o => o.Validate());
        services.AddChecked<WorklistOptions>(configuration, BlindSpotKeys.Worklists, o => Prefixed(BlindSpotKeys.Worklists, o.Validate()));
        services.AddChecked<TargetOptions>(configuration, BlindSpotKeys.Targets, o => Prefixed(BlindSpotKeys.Targets, o.Validate()));
        services.AddChecked<IngestOptions>(configuration, BlindSpotKeys.Ingest, o => Prefixed(BlindSpotKeys.Ingest, o.Validate()));
        // A positional record has no parameterless constructor: the factory starts from its defaults, then binds.
        services.AddTransient<IOptionsFactory<TrainOptions>, TrainOptionsFactory>();
        services.AddChecked<TrainOptions>(configuration, BlindSpotKeys.Training, o => Prefixed(BlindSpotKeys.Training, Validate(o)));
        services.AddChecked<ResolutionOptions>(configuration, BlindSpotKeys.Resolution, o => Prefixed(BlindSpotKeys.Resolution, o.Validate()));
        // Bound here only to be checked at start; the logger itself is built by AddBlindSpotLogging before the container.
        services.AddChecked<LoggingOptions>(configuration, LoggingOptions.Section, _ => null);

        // The store: one per process, opened once (StoreStartup in a Generic Host, the CLI after its start check).
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BlindSpotOptions>>().Value;
            return new StoreHolder(o.Db, sp.GetRequiredService<TimeProvider>(), o.DistrictCache, sp.GetService<ILoggerFactory>());
        });
        // Singleton: a transient IAsyncDisposable would be disposed with every scope (a Hangfire job, a web request).
        services.AddSingleton<IBlindSpotStore>(sp => sp.GetRequiredService<StoreHolder>().Store);
        services.AddHostedService<StoreStartup>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CalendarOptions>>().Value.Calendar());
        services.AddSingleton(sp => new PipelineSettings
        {
            Ingest = sp.GetRequiredService<IOptions<IngestOptions>>().Value,
            Worklists = new WorklistSettings
            {
                Policy = sp.GetRequiredService<IOptions<WorklistOptions>>().Value,
                Holidays = [.. sp.GetRequiredService<BusinessCalendar>().ExtraHolidays.Order()],
            },
            Targets = sp.GetRequiredService<IOptions<TargetOptions>>().Value,
            Training = sp.GetRequiredService<IOptions<TrainOptions>>().Value,
            Retention = sp.GetRequiredService<IOptions<RetentionOptions>>().Value,
            Resolution = sp.GetRequiredService<IOptions<ResolutionOptions>>().Value,
        });
        services.AddSingleton(sp => new PipelineServices(sp.GetRequiredService<IBlindSpotStore>(), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PipelineSettings>()));

        // The same use cases over a district's own database (the national fan-out's district job).
        services.AddSingleton<DistrictStores>();

        // The use cases: hosts resolve them, never construct them.
        services.AddTransient<IngestService>(sp => sp.GetRequiredService<PipelineServices>().Ingest());
        services.AddTransient<TrainService>(sp => sp.GetRequiredService<PipelineServices>().Train());
        services.AddTransient<ScoreService>(sp => sp.GetRequiredService<PipelineServices>().Score());
        services.AddTransient<ReasonService>(sp => sp.GetRequiredService<PipelineServices>().Reasons());
        services.AddTransient<ModelRegistryService>(sp => sp.GetRequiredService<PipelineServices>().Registry());
        services.AddTransient<ModelComparisonService>(sp => sp.GetRequiredService<PipelineServices>().Comparison());
        services.AddTransient<WorklistService>(sp => sp.GetRequiredService<PipelineServices>().Worklists());
        services.AddTransient<TargetsService>(sp => sp.GetRequiredService<PipelineServices>().Targets());
        services.AddTransient<RetentionService>(sp => sp.GetRequiredService<PipelineServices>().Retention());
        services.AddTransient<TipResolutionService>(sp => sp.GetRequiredService<PipelineServices>().TipResolution());
        services.AddTransient<RunService>(sp => sp.GetRequiredService<PipelineServices>().Run());
        services.AddTransient<DongWorklistQuery>(sp => sp.GetRequiredService<PipelineServices>().DongWorklists());
        services.AddTransient<DongTipsQuery>(sp => sp.GetRequiredService<PipelineServices>().DongTips());
        services.AddTransient<OutcomeEntryService>(sp => sp.GetRequiredService<PipelineServices>().OutcomeEntry());
        services.AddTransient<DongQuarantineQuery>(sp => sp.GetRequiredService<PipelineServices>().DongQuarantine());
        services.AddTransient<DashboardService>(sp => sp.GetRequiredService<PipelineServices>().Dashboard());
        return services;
    }

    static void AddChecked<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, string?> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new OptionsCheck<T>(validate));
    }

    static string? Prefixed(string section, string? problem) => problem is null ? null : $"{section}: {problem}";

    static string? Validate(TrainOptions o) =>
        o.NumberOfTrees < 1 || o.NumberOfLeaves < 2 || o.MinimumExampleCountPerLeaf < 1 ? "NumberOfTrees는 1 이상, NumberOfLeaves는 2 이상, MinimumExampleCountPerLeaf는 1 이상이어야 합니다."
        : o.LearningRate is <= 0 or > 1 || double.IsNaN(o.LearningRate) ? "LearningRate는 0보다 크고 1 이하여야 합니다."
        : o.NgramBits is < 1 or > 24 || o.NgramLength < 1 ? "NgramBits는 1에서 24 사이, NgramLength는 1 이상이어야 합니다."
        : o.CalibrationDays < 1 || o.TestDays < 1 ? "CalibrationDays와 TestDays는 1 이상이어야 합니다."
        : o.Calibrator is not ("platt" or "isotonic") ? "Calibrator는 platt나 isotonic이어야 합니다."
        : o.TopReasons < 0 ? "TopReasons는 0 이상이어야 합니다."
        : o.SampledNegativesPerVisit < 0 || o.SampledNegativeWeight <= 0 || o.SampledNegativeHorizonDays < 0 ? "SampledNegativesPerVisit는 0 이상, SampledNegativeWeight는 0보다 크고, SampledNegativeHorizonDays는 0 이상이어야 합니다."
        : o.SampledNegativePool is not ("signal" or "all") ? "SampledNegativePool은 signal이나 all이어야 합니다."
        : !Learners.All.Contains(o.Learner) ? "Learner는 auto, fasttree, lightgbm, logistic, gam 가운데 하나여야 합니다."
        : o.LogisticL2 < 0 || double.IsNaN(o.LogisticL2) ? "LogisticL2는 0 이상이어야 합니다."
        : null;

    sealed class Marker;
}

/// <summary>Options of <see cref="TrainOptions"/>, a positional record without a parameterless constructor: start from its defaults, then bind.</summary>
internal sealed class TrainOptionsFactory(IEnumerable<IConfigureOptions<TrainOptions>> setups,
    IEnumerable<IPostConfigureOptions<TrainOptions>> postConfigures, IEnumerable<IValidateOptions<TrainOptions>> validations)
    : OptionsFactory<TrainOptions>(setups, postConfigures, validations)
{
    protected override TrainOptions CreateInstance(string name) => new();
}
