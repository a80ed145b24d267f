using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Jobs.Running;
using BlindSpot.Pipeline.Ingest;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// Ingests every new file of the inbox (the use case: <see cref="IngestService"/>). Keyed by the 10-minute KST slot
/// it was triggered for; the files themselves are once-only by their SHA-256 in the store's file ledger, so two
/// servers ingesting the same inbox at once, or a run killed half-way and retried, store every file exactly once.
/// One run at a time reads into the store, this server's, another's or the CLI's (the store's inbox lock, taken by
/// the use case): a run that finds another one at work does nothing and the next slot picks the new files up.
/// </summary>
public sealed class IngestInboxJob(JobRunner runner, IngestService ingest, IOptions<BlindSpotOptions> options, TimeProvider clock)
{
    public const string Id = "ingest-inbox";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 300])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(JobKeys.Slot(Kst.Now(clock)), ct);

    /// <summary>Ingests the inbox for <paramref name="slot"/> (e.g. "2026-10-30T09:40"); once per slot.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 300])]
    public Task RunAsync(string slot, CancellationToken ct) =>
        runner.RunOnceAsync(Id, slot, async ct =>
        {
            var o = options.Value;
            return Outcome(await ingest.IngestInboxAsync(o.Inbox, o.QuarantineDir, ct));
        }, ct);

    /// <summary>The ledger's entry for one ingest of an inbox (this job's and a district's, <see cref="DistrictIngestJob"/>).</summary>
    internal static JobWork Outcome(IngestReport r)
    {
        if (r.InboxBusy) return JobWork.NotNow("another run is ingesting into the store right now; new files wait for the next slot");
        var ingested = r.Files.Where(f => f.Status == IngestFileStatus.Ingested).Select(f => f.Ledger!).ToList();
        // A file that could not be read or stored: the others are in, and the job is retried for it.
        var failed = r.Files.Where(f => f.Status == IngestFileStatus.Failed).Select(f => f.FileName).ToList();
        if (failed.Count > 0) return JobWork.Failed($"{failed.Count} file(s) not read or not stored, retried: {string.Join(", ", failed)}");
        return JobWork.Done(
            $"files={r.Files.Count} ingested={ingested.Count} skipped={r.Files.Count(f => f.Status == IngestFileStatus.Skipped)} " +
            $"rejected={r.Files.Count(f => f.Status == IngestFileStatus.Rejected)} unrecognised={r.Files.Count(f => f.Status == IngestFileStatus.Unrecognised)} " +
            $"failed={r.Files.Count(f => f.Status == IngestFileStatus.Failed)} deferred={r.Files.Count(f => f.Status == IngestFileStatus.Deferred)} " +
            $"rows={ingested.Sum(f => f.RowsRead)} accepted={ingested.Sum(f => f.Accepted)} duplicate={ingested.Sum(f => f.Duplicate)} quarantined={ingested.Sum(f => f.Quarantined)}");
    }
}
