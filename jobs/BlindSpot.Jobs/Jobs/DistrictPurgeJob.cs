using BlindSpot.Jobs.Running;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// <see cref="PurgePersonalDataJob"/> for one district of the national fan-out: personal data older than the retention
/// blanked in the district's own database, and the district's quarantine copies of files ingested before then deleted
/// (&lt;quarantine&gt;/&lt;district&gt;); once per (district, day) in the district's job-run ledger.
/// </summary>
public sealed class DistrictPurgeJob(DistrictJob districts)
{
    public const string Id = "district-purge";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public Task RunAsync(string district, DateOnly today, CancellationToken ct) =>
        districts.RunOnceAsync(Id, district, today, async (scope, ct) =>
        {
            var r = await scope.Retention().PurgeAsync(today, scope.Folders.Quarantine, ct);
            return JobWork.Done($"district={district} olderThan={r.OlderThan:yyyy-MM-dd} rows={r.StoreRows} quarantineFiles={r.QuarantineFiles}");
        }, ct);
}
