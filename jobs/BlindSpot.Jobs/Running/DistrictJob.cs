using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Jobs.Running;

/// <summary>
/// The frame of every national job (docs/adr/0007): the district's own store opened (its database created when the
/// district is new), the work run once per (district, day) or (district, slot) in that store's job-run ledger, and the
/// district's memory let go before the server takes its next job.
/// </summary>
public sealed class DistrictJob(DistrictStores districts, Func<IBlindSpotStore, JobRunner> runners, ILogger<DistrictJob> logger)
{
    public Task RunOnceAsync(string job, string district, DateOnly day, Func<DistrictScope, CancellationToken, Task<JobWork>> work, CancellationToken ct) =>
        RunOnceAsync(job, district, JobKeys.Date(day), work, ct);

    /// <param name="period">What the job is once-only for: a day (<see cref="JobKeys.Date"/>) or a 10-minute slot (<see cref="JobKeys.Slot"/>).</param>
    public async Task RunOnceAsync(string job, string district, string period, Func<DistrictScope, CancellationToken, Task<JobWork>> work, CancellationToken ct)
    {
        try
        {
            await using var scope = await districts.OpenAsync(district, ct);
            await runners(scope.Store).RunOnceAsync(job, JobKeys.District(district, period), ct => work(scope, ct), ct);
        }
        finally
        {
            await LetGoAsync(job, district);
        }
    }

    /// <summary>
    /// A national server runs district after district in one process. A district's run ends with its history, model
    /// and lists unreachable but still in the heap: the collector had last sized its budgets while the run held them, so
    /// it does not collect the whole heap again soon, and its background collections do not compact. The next district
    /// grew beside the last one's garbage, and the server's peak became that of more than one district. One blocking,
    /// compacting collection of the whole heap when the district's scope is closed (7-29 MB live then, 50-100 ms) leaves
    /// the next district the memory the last one used (1 server, 3 districts of 190,000 households one after the other,
    /// with the PostgreSQL blob fix: peaks 669 -> 613 MB on first runs and 479 -> 331 MB on daily runs, where one district
    /// alone peaks at 493 and 350 MB; the same CPU; docs/benchmarks.md, "Twenty-first pass"). Forced, not aggressive: the
    /// freed memory stays committed for the next district instead of being given back and faulted in again.
    /// </summary>
    async Task LetGoAsync(string job, string district)
    {
        var paused = await PhaseEnd.LetGoOfDistrictAsync();
        logger.LogDebug("{Job} of district {District}: memory let go in {Milliseconds:F0} ms, {HeapMb:F0} MB live after it", job, district,
            paused.TotalMilliseconds, GC.GetTotalMemory(false) / 1e6);
    }
}
