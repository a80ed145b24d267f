using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Running;
using BlindSpot.Pipeline.Targets;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>Writes the weekly target report (the use case: <see cref="TargetsService"/>).</summary>
public sealed class TargetsReportJob(JobRunner runner, TargetsService targets, IOptions<BlindSpotOptions> options, TimeProvider clock)
{
    public const string Id = "targets-report";

    /// <summary>The recurring entry: the year of yesterday (KST), as of yesterday, the last complete day.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock).AddDays(-1), ct);

    /// <summary>The report of <paramref name="asOf"/>'s year as of that day; once per as-of date.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunAsync(DateOnly asOf, CancellationToken ct) =>
        runner.RunOnceAsync(Id, JobKeys.Date(asOf), async ct =>
        {
            var r = await targets.ReportAsync(asOf.Year, asOf, options.Value.Out, ct);
            return r.Succeeded
                ? JobWork.Done($"year={asOf.Year} asOf={asOf:yyyy-MM-dd} discoveries={r.Report!.Total.DiscoveriesYtd} target={r.Report.Total.Target}")
                : JobWork.Failed(r.Error!);
        }, ct);
}
