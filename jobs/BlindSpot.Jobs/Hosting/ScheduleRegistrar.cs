using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Scheduling;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Hosting;

/// <summary>Writes <see cref="Schedule"/> into Hangfire's storage at start (every server does it; AddOrUpdate is idempotent).</summary>
internal sealed class ScheduleRegistrar(JobStorage storage, IRecurringJobManager manager, IOptions<JobsOptions> options, ILogger<ScheduleRegistrar> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterSchedule)
        {
            logger.LogInformation("Schedule registration is off on this server: it only works off the queue");
            return Task.CompletedTask;
        }
        var (added, removed) = Schedule.Apply(storage, manager);
        logger.LogInformation("Recurring schedule registered: {Registered} jobs in {TimeZone}, {Removed} stale removed", added, Schedule.TimeZone.Id, removed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
