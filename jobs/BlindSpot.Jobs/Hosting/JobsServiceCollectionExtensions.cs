using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Jobs.Running;
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
    /// Everything the jobs host needs: the composition root every host shares (<c>AddBlindSpot</c>: options, the
    /// store, the use cases), the jobs host's own options (section "BlindSpot:Jobs"), the job classes, Hangfire
    /// (storage chosen by the store) and, unless <paramref name="withServer"/> is false, a Hangfire server and the
    /// recurring schedule.
    /// </summary>
    public static IServiceCollection AddBlindSpotJobs(this IServiceCollection services, IConfiguration configuration, bool withServer = true)
    {
        services.AddBlindSpot(configuration);
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());

        // One thin class per job (Hangfire resolves them through DI, one scope per job).
        services.AddTransient<JobRunner>();
        // The ledger of a district's own store (the national jobs' frame, DistrictJob), with the host's logger.
        services.AddSingleton<Func<IBlindSpotStore, JobRunner>>(sp => store => new JobRunner(store, sp.GetRequiredService<ILogger<JobRunner>>()));
        services.AddTransient<DistrictJob>();
        services.AddTransient<IngestInboxJob>();
        services.AddTransient<ScoreJob>();
        services.AddTransient<RetrainJob>();
        services.AddTransient<WorklistJob>();
        services.AddTransient<TargetsReportJob>();
        services.AddTransient<PurgePersonalDataJob>();
        // The national schedule's fan-out and its district jobs (JobsOptions.Districts).
        services.AddTransient<DistrictFanOutJob>();
        services.AddTransient<DistrictIngestJob>();
        services.AddTransient<DistrictRunJob>();
        services.AddTransient<DistrictRetrainJob>();
        services.AddTransient<DistrictPurgeJob>();

        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(HangfireStorageFactory.Create(sp.GetRequiredService<IOptions<JobsOptions>>().Value,
                sp.GetRequiredService<IOptions<BlindSpotOptions>>().Value.Db)));

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
}
