using System.Text;
using BlindSpot.Core.Time;
using BlindSpot.Jobs.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace BlindSpot.Jobs.Scheduling;

/// <summary>
/// The whole recurring schedule, in one place, in Korea Standard Time (Asia/Seoul). The jobs compute their own
/// as-of date from the KST clock and are idempotent by it, so a late, repeated or doubled trigger does no harm.
/// Frozen by an approval test (tests/BlindSpot.Jobs.Tests/Scheduling/Schedule.approved.txt): change both together.
/// </summary>
public static class Schedule
{
    public static TimeZoneInfo TimeZone => Kst.Zone;

    public static IReadOnlyList<ScheduledJob> Jobs { get; } =
    [
        // Files land at any hour; every 10 minutes keeps a tip's delay under the 05:30 cut-off small.
        new(IngestInboxJob.Id, "*/10 * * * *", Job.FromExpression<IngestInboxJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Every 10 minutes: ingest new files of the inbox"),
        // After midnight, so yesterday is complete; well before the worklists.
        new(ScoreJob.Id, "30 2 * * *", Job.FromExpression<ScoreJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Nightly 02:30: score every household as of yesterday with the champion"),
        // Worklists must be waiting when dong staff arrive; the job skips weekends (cron) and public holidays (itself).
        new(WorklistJob.Id, "30 5 * * 1-5", Job.FromExpression<WorklistJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Business mornings 05:30: today's worklists as of yesterday (holidays skipped by the job)"),
        new(TargetsReportJob.Id, "0 7 * * 1", Job.FromExpression<TargetsReportJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Mondays 07:00: targets of the year as of yesterday"),
        // Weekly, so that the model learns from the lists' own newest visits (docs/adr/0002-model-choice.md, third amendment).
        new(RetrainJob.Id, "0 3 * * 0", Job.FromExpression<RetrainJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Sundays 03:00: train a challenger as of Saturday (promoted only under the model's rules, a refresh of the champion's recipe included)"),
        new(PurgePersonalDataJob.Id, "0 4 * * *", Job.FromExpression<PurgePersonalDataJob>(j => j.RunScheduledAsync(CancellationToken.None)),
            "Nightly 04:00: blank personal data older than the retention"),
    ];

    /// <summary>
    /// The national schedule (<see cref="Configuration.JobsOptions.Districts"/> set; docs/adr/0007): the store is one
    /// database per district, and each entry enqueues one job per district on the shared queue. A district's run does its
    /// whole day (new files, a first model if none, scores, the next business day's lists, targets) at 02:30; the weekly
    /// retrain and the nightly purge as above. Every district's new files are also read hourly through the day, as the
    /// one-district schedule reads its inbox every 10 minutes; not at 02:10, where the runs read them.
    /// </summary>
    public static IReadOnlyList<ScheduledJob> National { get; } =
    [
        // Hourly, not every 10 minutes as one district's inbox: a slot without new files still reads and hashes every file
        // of the district's inbox (~0.3 CPU-s at 300,000 households), which 229 districts pay 229 times.
        new(DistrictFanOutJob.IngestsId, "10 0-1,3-23 * * *", Job.FromExpression<DistrictFanOutJob>(j => j.EnqueueIngests()),
            "Hourly at :10 but 02:10 (the runs read the files then): every district's new files, one job per district"),
        new(DistrictFanOutJob.RunsId, "30 2 * * *", Job.FromExpression<DistrictFanOutJob>(j => j.EnqueueRuns()),
            "Nightly 02:30: every district's run as of yesterday (new files, scores, the next business day's worklists, targets), one job per district"),
        new(DistrictFanOutJob.RetrainsId, "0 3 * * 0", Job.FromExpression<DistrictFanOutJob>(j => j.EnqueueRetrains()),
            "Sundays 03:00: every district's challenger as of Saturday, one job per district (promoted only under the model's rules)"),
        new(DistrictFanOutJob.PurgesId, "0 4 * * *", Job.FromExpression<DistrictFanOutJob>(j => j.EnqueuePurges()),
            "Nightly 04:00: every district's personal data older than the retention blanked, one job per district"),
    ];

    /// <summary>The schedule a server registers: <see cref="National"/> when it serves districts, else <see cref="Jobs"/>.</summary>
    public static IReadOnlyList<ScheduledJob> For(bool national) => national ? National : Jobs;

    /// <summary>
    /// <see cref="For"/>'s schedule added or updated, and every recurring job it does not list removed (a store that
    /// turns national loses the single-district entries, and the other way round); returns both counts.
    /// </summary>
    public static (int Registered, int Removed) Apply(JobStorage storage, IRecurringJobManager manager, bool national = false)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(manager);
        var jobs = For(national);
        foreach (var s in jobs)
            manager.AddOrUpdate(s.Id, s.Job, s.Cron, new RecurringJobOptions { TimeZone = TimeZone });

        var listed = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        var stale = connection.GetRecurringJobs().Select(r => r.Id).Where(id => !listed.Contains(id)).ToList();
        foreach (var id in stale) manager.RemoveIfExists(id);
        return (jobs.Count, stale.Count);
    }

    /// <summary>The schedule as a text table (id | cron | time zone | job method | description).</summary>
    public static string Describe(bool national = false)
    {
        var sb = new StringBuilder();
        sb.Append("time zone: ").Append(TimeZone.Id).Append('\n');
        foreach (var s in For(national))
            sb.Append(s.Id).Append(" | ").Append(s.Cron).Append(" | ").Append(s.Target).Append(" | ").Append(s.Description).Append('\n');
        return sb.ToString();
    }
}
