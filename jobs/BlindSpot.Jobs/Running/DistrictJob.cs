using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;

namespace BlindSpot.Jobs.Running;

/// <summary>
/// The frame of every national job (docs/adr/0007): the district's own store opened (its database created when the
/// district is new), and the work run once per (district, day) or (district, slot) in that store's job-run ledger.
/// </summary>
public sealed class DistrictJob(DistrictStores districts, Func<IBlindSpotStore, JobRunner> runners)
{
    public Task RunOnceAsync(string job, string district, DateOnly day, Func<DistrictScope, CancellationToken, Task<JobWork>> work, CancellationToken ct) =>
        RunOnceAsync(job, district, JobKeys.Date(day), work, ct);

    /// <param name="period">What the job is once-only for: a day (<see cref="JobKeys.Date"/>) or a 10-minute slot (<see cref="JobKeys.Slot"/>).</param>
    public async Task RunOnceAsync(string job, string district, string period, Func<DistrictScope, CancellationToken, Task<JobWork>> work, CancellationToken ct)
    {
        await using var scope = await districts.OpenAsync(district, ct);
        await runners(scope.Store).RunOnceAsync(job, JobKeys.District(district, period), ct => work(scope, ct), ct);
    }
}
