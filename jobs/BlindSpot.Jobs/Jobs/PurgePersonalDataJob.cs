using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Running;
using BlindSpot.Pipeline.Retention;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// Blanks personal data older than the retention (<see cref="RetentionOptions.Years"/>, default 3 years) in the store
/// and deletes the quarantine copies of files ingested before then. The use case: <see cref="RetentionService"/>.
/// </summary>
public sealed class PurgePersonalDataJob(JobRunner runner, RetentionService retention, IOptions<BlindSpotOptions> options, TimeProvider clock)
{
    public const string Id = "purge-personal-data";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock), ct);

    /// <summary>Purges what is older than <paramref name="today"/> minus the retention; once per day.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public Task RunAsync(DateOnly today, CancellationToken ct) =>
        runner.RunOnceAsync(Id, JobKeys.Date(today), async ct =>
        {
            var r = await retention.PurgeAsync(today, options.Value.QuarantineDir, ct);
            return JobWork.Done($"olderThan={r.OlderThan:yyyy-MM-dd} rows={r.StoreRows} quarantineFiles={r.QuarantineFiles}");
        }, ct);
}
