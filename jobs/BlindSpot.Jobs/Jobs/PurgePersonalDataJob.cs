using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Running;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// Blanks personal data older than the retention (<see cref="RetentionOptions.Years"/>, default 3 years): tip
/// notes, names, phones and addresses, superseded registry versions' names and addresses, quarantined raw rows.
/// The use case is the store's <see cref="IJobRunStore.PurgePersonalDataAsync"/>.
/// </summary>
public sealed class PurgePersonalDataJob(JobRunner runner, IBlindSpotStore store, IOptions<RetentionOptions> options, TimeProvider clock)
{
    public const string Id = "purge-personal-data";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock), ct);

    /// <summary>Purges what is older than <paramref name="today"/> minus the retention; once per day.</summary>
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public Task RunAsync(DateOnly today, CancellationToken ct) =>
        runner.RunOnceAsync(Id, JobKeys.Date(today), async ct =>
        {
            var cutoff = today.AddYears(-options.Value.Years);
            var rows = await store.PurgePersonalDataAsync(cutoff, ct);
            return JobWork.Done($"olderThan={cutoff:yyyy-MM-dd} rows={rows}");
        }, ct);
}
