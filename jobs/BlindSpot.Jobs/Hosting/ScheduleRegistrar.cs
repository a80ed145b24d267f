using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Scheduling;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Hosting;

/// <summary>Writes <see cref="Schedule"/> into Hangfire's storage at start (every server does it; AddOrUpdate is idempotent).</summary>
internal sealed class ScheduleRegistrar(JobStorage storage, IRecurringJobManager manager, IBackgroundJobClient client,
    IOptions<JobsOptions> options, ILogger<ScheduleRegistrar> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RegisterSchedule)
        {
            logger.LogInformation("Schedule registration is off on this server: it only works off the queue");
            return Task.CompletedTask;
        }
        var national = options.Value.National;
        var (added, removed) = Schedule.Apply(storage, manager, national);
        logger.LogInformation("Recurring schedule registered: {Registered} jobs in {TimeZone}, {Removed} stale removed{National}", added, Schedule.TimeZone.Id, removed,
            national ? $" (national: {options.Value.DistrictCodes.Count} districts)" : "");
        // Triggered jobs run one after the other, in the order given (ingest before score before worklists).
        string? previous = null;
        foreach (var id in options.Value.TriggerIds)
        {
            var job = Schedule.For(national).Single(j => j.Id == id).Job;
            previous = client.Create(job, previous is null ? new EnqueuedState() : new AwaitingState(previous));
            logger.LogInformation("Triggered {Job} once at start", id);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
