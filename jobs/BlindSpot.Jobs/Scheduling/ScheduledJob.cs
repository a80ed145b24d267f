using Hangfire.Common;

namespace BlindSpot.Jobs.Scheduling;

/// <summary>One line of the recurring schedule: Hangfire id, cron (in <see cref="Schedule.TimeZone"/>), the job method, and why.</summary>
public sealed record ScheduledJob(string Id, string Cron, Job Job, string Description)
{
    /// <summary>"Type.Method" of the job, for the approval snapshot and the docs.</summary>
    public string Target => $"{Job.Type.Name}.{Job.Method.Name}";
}
