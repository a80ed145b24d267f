using System.Globalization;
using BlindSpot.Jobs.Running;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// The unit of the national fan-out (docs/adr/0007-national-fan-out-database-per-district.md): one district's whole
/// daily run (<see cref="Pipeline.Run.RunService"/>: new files -> a first model if none -> score -> worklists -> targets)
/// against the district's own database on the shared PostgreSQL server, with its own inbox, output and quarantine
/// folders (&lt;inbox&gt;/&lt;district&gt;, &lt;out&gt;/&lt;district&gt;). Any server of the pool takes it from the queue; the
/// district's job-run ledger completes it once per (district, day), and a run a killed server left unfinished is
/// taken over by the next server (every step is idempotent by its data). A server holds one district at a time per worker.
/// </summary>
public sealed class DistrictRunJob(DistrictJob districts)
{
    public const string Id = "district-run";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    public Task RunAsync(string district, DateOnly asOf, CancellationToken ct) =>
        districts.RunOnceAsync(Id, district, asOf, async (scope, ct) =>
        {
            var r = await scope.Run().RunAsync(scope.Folders.Inbox, scope.Folders.Out, scope.Folders.Quarantine, asOf, ct);
            var phases = string.Join(' ', r.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Seconds:F2}")));
            return r.Succeeded
                ? JobWork.Done($"district={district} asOf={asOf:yyyy-MM-dd} scored={r.Scores?.Scored ?? 0} listed={r.Worklists.Listed} {phases}")
                : JobWork.Failed($"district={district} asOf={asOf:yyyy-MM-dd}: {r.FilesFailed} files failed, worklists {(r.Worklists.Succeeded ? "built" : "failed")}, targets {(r.Targets.Succeeded ? "written" : "failed")}");
        }, ct);
}
