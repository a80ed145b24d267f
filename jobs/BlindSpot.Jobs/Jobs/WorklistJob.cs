using BlindSpot.Core.Time;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Running;
using BlindSpot.Pipeline.Worklists;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>Builds the day's worklists every business morning (the use case: <see cref="WorklistService"/>).</summary>
public sealed class WorklistJob(JobRunner runner, WorklistService worklists, BusinessCalendar calendar, IOptions<BlindSpotOptions> options,
    TimeProvider clock, ILogger<WorklistJob> logger)
{
    public const string Id = "worklists";

    /// <summary>The recurring entry: today's lists (KST), or nothing on a weekend or public holiday.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 600])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock), ct);

    /// <summary>The lists of <paramref name="date"/> from what was known by the end of the day before; once per date.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 600])]
    public async Task RunAsync(DateOnly date, CancellationToken ct)
    {
        if (!calendar.IsBusinessDay(date))
        {
            logger.LogInformation("Job {Job}: {Date} is not a business day, no worklists", Id, date);
            return;
        }
        await runner.RunOnceAsync(Id, JobKeys.Date(date), async ct => Summarise(await worklists.BuildAsync(date, options.Value.Out, ct)), ct);
    }

    JobWork Summarise(WorklistResult r)
    {
        if (!r.Succeeded) return JobWork.Failed(r.Error!);
        foreach (var d in r.Dongs)
        {
            using var _ = logger.BeginDongScope(d.Dong);
            logger.LogInformation("Worklist {Date} for {Dong}: {Listed} listed of capacity {Capacity}, {Urgent} urgent, {Exploration} exploration, {OverCapacity} over capacity",
                r.Date, d.Dong, d.Listed, d.Capacity, d.Urgent, d.Exploration, d.OverCapacity);
        }
        return JobWork.Done($"date={r.Date:yyyy-MM-dd} asOf={r.AsOf:yyyy-MM-dd} listed={r.Listed} dongs={r.Dongs.Count} mode={r.Mode} model={r.ModelVersion} " +
            $"excluded={string.Join(",", r.Excluded.Select(e => $"{e.Key}:{e.Value}"))}");
    }
}
