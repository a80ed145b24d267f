using BlindSpot.Core.Time;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Running;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// The national schedule's entries (docs/adr/0007-national-fan-out-database-per-district.md): each enqueues one job per
/// district named in <see cref="JobsOptions.Districts"/> on the shared queue, which any server of the pool takes. Each
/// district job is idempotent by its own ledger (district, day), so a trigger that fires twice, or late, does no harm.
/// </summary>
public sealed class DistrictFanOutJob(IOptions<JobsOptions> options, IBackgroundJobClient client, TimeProvider clock, ILogger<DistrictFanOutJob> logger)
{
    public const string IngestsId = "district-ingests", RunsId = "district-runs", RetrainsId = "district-retrains", PurgesId = "district-purges";

    /// <summary>Every district's new files, keyed by the current 10-minute slot (KST; the entry runs hourly).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 300])]
    public int EnqueueIngests()
    {
        var slot = JobKeys.Slot(Kst.Now(clock));
        return Enqueue(IngestsId, d => client.Enqueue<DistrictIngestJob>(j => j.RunAsync(d, slot, CancellationToken.None)));
    }

    /// <summary>Every district's run as of yesterday (KST): new files, a first model if none, scores, the next business day's lists, targets.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public int EnqueueRuns()
    {
        var asOf = Kst.Today(clock).AddDays(-1);
        return Enqueue(RunsId, d => client.Enqueue<DistrictRunJob>(j => j.RunAsync(d, asOf, CancellationToken.None)));
    }

    /// <summary>Every district's weekly challenger as of yesterday (the Saturday of the week just ended).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public int EnqueueRetrains()
    {
        var asOf = Kst.Today(clock).AddDays(-1);
        return Enqueue(RetrainsId, d => client.Enqueue<DistrictRetrainJob>(j => j.RunAsync(d, asOf, CancellationToken.None)));
    }

    /// <summary>Every district's purge of personal data older than the retention, counted back from today (KST).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public int EnqueuePurges()
    {
        var today = Kst.Today(clock);
        return Enqueue(PurgesId, d => client.Enqueue<DistrictPurgeJob>(j => j.RunAsync(d, today, CancellationToken.None)));
    }

    int Enqueue(string entry, Action<string> enqueue)
    {
        var districts = options.Value.DistrictCodes;
        foreach (var d in districts) enqueue(d);
        logger.LogInformation("{Entry}: {Districts} district jobs enqueued", entry, districts.Count);
        return districts.Count;
    }
}
