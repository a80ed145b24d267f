using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;

namespace BlindSpot.Jobs.Running;

/// <summary>
/// The frame of every national job (docs/adr/0007): the district's own store opened (its database created when the
/// district is new), and the work run once per (district, day) in that store's job-run ledger.
/// </summary>
public sealed class DistrictJob(DistrictStores districts, Func<IBlindSpotStore, JobRunner> runners)
{
    public async Task RunOnceAsync(string job, string district, DateOnly day, Func<DistrictScope, CancellationToken, Task<JobWork>> work, CancellationToken ct)
    {
        await using var scope = await districts.OpenAsync(district, ct);
        await runners(scope.Store).RunOnceAsync(job, JobKeys.District(district, day), ct => work(scope, ct), ct);
    }
}
