using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Jobs.Running;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Modeling;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Pipeline;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Hosting;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the jobs host needs: options (section "BlindSpot"), the store, the use cases, the job classes,
    /// Hangfire (storage chosen by the store) and, unless <paramref name="withServer"/> is false, a Hangfire server
    /// and the recurring schedule.
    /// </summary>
    public static IServiceCollection AddBlindSpotJobs(this IServiceCollection services, IConfiguration configuration, bool withServer = true)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The store: opened once at start (StoreStartup), shared by every job of this process.
        services.AddSingleton(sp => new StoreHolder(sp.GetRequiredService<IOptions<JobsOptions>>().Value.Db));
        // Singleton: a transient IAsyncDisposable would be disposed with every Hangfire job scope.
        services.AddSingleton<IBlindSpotStore>(sp => sp.GetRequiredService<StoreHolder>().Store);
        services.AddHostedService<StoreStartup>();

        // The use cases, composed by the same PipelineServices the CLI uses (only the holiday list is the host's own).
        services.AddSingleton(sp => new PipelineServices(
            sp.GetRequiredService<IBlindSpotStore>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(),
            new PipelineSettings { Worklists = new WorklistSettings { Holidays = Holidays(sp.GetRequiredService<IOptions<JobsOptions>>().Value) } }));
        services.AddTransient(sp => sp.GetRequiredService<PipelineServices>().Ingest());
        services.AddTransient(sp => sp.GetRequiredService<PipelineServices>().Score());
        services.AddTransient(sp => sp.GetRequiredService<PipelineServices>().Train());
        services.AddTransient(sp => sp.GetRequiredService<PipelineServices>().Worklists());
        services.AddTransient(sp => sp.GetRequiredService<PipelineServices>().Targets());

        // One thin class per job (Hangfire resolves them through DI, one scope per job).
        services.AddTransient<JobRunner>();
        services.AddSingleton<InboxLock>();
        services.AddTransient<IngestInboxJob>();
        services.AddTransient<ScoreJob>();
        services.AddTransient<RetrainJob>();
        services.AddTransient<WorklistJob>();
        services.AddTransient<TargetsReportJob>();
        services.AddTransient<PurgePersonalDataJob>();

        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(HangfireStorageFactory.Create(sp.GetRequiredService<IOptions<JobsOptions>>().Value)));

        if (withServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var o = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = o.Workers;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
            services.AddHostedService<ScheduleRegistrar>();
        }
        return services;
    }

    static IReadOnlyList<DateOnly> Holidays(JobsOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.HolidaysFile)) return KoreanHolidays.All;
        var dates = KoreanHolidays.Parse(File.ReadLines(o.HolidaysFile), out var badLine);
        return badLine is null ? dates
            : throw new OptionsValidationException(nameof(JobsOptions.HolidaysFile), typeof(JobsOptions),
                [$"{nameof(JobsOptions.HolidaysFile)}: line {badLine} is not a date (yyyy-MM-dd)."]);
    }
}
