using BlindSpot.Jobs.Running;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// <see cref="IngestInboxJob"/> for one district of the national fan-out: the new files of &lt;inbox&gt;/&lt;district&gt;
/// read into the district's own database during the day (hourly, <see cref="Scheduling.Schedule.National"/>), so a clerk's
/// bad row is in the district's quarantine within the hour, not after the night's run, and the night's run finds the
/// day's files already stored. Once per (district, slot) in the district's job-run ledger; the files themselves are once-only by their SHA-256, and the
/// district's inbox lock keeps it from reading beside the district's run (the one that finds the other at work reads
/// nothing now, as <see cref="IngestInboxJob"/>).
/// </summary>
public sealed class DistrictIngestJob(DistrictJob districts)
{
    public const string Id = "district-ingest";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 300])]
    public Task RunAsync(string district, string slot, CancellationToken ct) =>
        districts.RunOnceAsync(Id, district, slot, async (scope, ct) =>
            IngestInboxJob.Outcome(await scope.Ingest().IngestInboxAsync(scope.Folders.Inbox, scope.Folders.Quarantine, ct)), ct);
}
