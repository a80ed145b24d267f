using BlindSpot.Core.Contract;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Csv.Ingest;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// The ingest use case: every file of the inbox not ingested yet is read under the data contract and committed in one
/// store transaction with its ledger line, so a run killed at any point and run again ends like one clean run.
/// Configuration and household files go first (tips match the households of the same inbox), then the rest by name.
/// </summary>
public sealed class IngestService(IBlindSpotStore store, ILogger<IngestService> logger, TimeProvider clock)
{
    public async Task<IngestReport> IngestInboxAsync(string inboxDir, string quarantineDir, CancellationToken ct)
    {
        if (!Directory.Exists(inboxDir)) throw new DirectoryNotFoundException($"The inbox folder does not exist: {inboxDir}");
        // One ingest at a time per store, whichever process runs it (IIngestStore.TryLockInboxAsync says why).
        await using var inboxLock = await store.TryLockInboxAsync(ct);
        if (inboxLock is null)
        {
            logger.LogWarning("Not ingested: another run is ingesting into this store right now; new files wait for the next run");
            return new IngestReport(inboxDir, quarantineDir, []) { InboxBusy = true };
        }
        var results = new List<IngestFileResult>();
        // The files known when the context was loaded: a file another server commits later makes the context stale
        // (its households would be missing for tip matching), so it is reloaded then.
        var known = (await store.ListFilesAsync(ct)).Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);
        var context = await store.LoadIngestContextAsync(ct);

        foreach (var path in InProcessingOrder(Directory.EnumerateFiles(inboxDir)))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new IngestFileResult(name, IngestFileStatus.Ignored, null, null, "not a .csv file"));
                continue;
            }
            if (Feeds.FromFileName(name) is null)
            {
                logger.LogWarning("Not ingested: {FileName} matches no feed of the data contract", name);
                results.Add(new IngestFileResult(name, IngestFileStatus.Unrecognised, null, null,
                    "파일 이름이 어느 피드에도 맞지 않습니다 (households, crisis, tips_officer, tips_hotline, outcomes, targets_baseline, capacity 로 시작해야 함)."));
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path, ct);
            var sha = IngestFileReader.Sha256Hex(bytes);
            if (await store.FindFileAsync(sha, ct) is { } earlier)
            {
                logger.LogInformation("Skipped {FileName}: the same bytes were ingested before as {EarlierFileName} ({Sha256})", name, earlier.FileName, sha);
                results.Add(new IngestFileResult(name, IngestFileStatus.Skipped, earlier, null, null));
                if (!known.Contains(sha)) (known, context) = await ReloadAsync(ct);
                continue;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var batch = IngestFileReader.Read(name, bytes, sha, context, Kst.Now(clock));
            var readSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            var file = batch.File;
            string? quarantineFile = null;
            if (batch.Quarantine.Count > 0) quarantineFile = await QuarantineFolder.WriteAsync(quarantineDir, batch, ct);

            if (!await store.CommitFileAsync(batch, ct))
            {
                // Another run committed the same bytes meanwhile: theirs stands.
                var winner = await store.FindFileAsync(sha, ct);
                logger.LogInformation("Skipped {FileName}: committed meanwhile by another run ({Sha256})", name, sha);
                results.Add(new IngestFileResult(name, IngestFileStatus.Skipped, winner, null, null));
                (known, context) = await ReloadAsync(ct);
                continue;
            }
            context.Include(batch);
            known.Add(sha);

            if (file.Rejected)
            {
                logger.LogWarning("Rejected {FileName} ({Feed}, {Encoding}, {RowsRead} rows): {Reason}",
                    name, file.Feed, file.Encoding, file.RowsRead, file.RejectedReason);
                results.Add(new IngestFileResult(name, IngestFileStatus.Rejected, file, null, file.RejectedReason));
            }
            else
            {
                logger.LogInformation(
                    "Ingested {FileName} ({Feed}, {Encoding}): {RowsRead} read, {Accepted} accepted, {Duplicate} duplicate, {Quarantined} quarantined; read {ReadSeconds:F2} s, total {Seconds:F2} s",
                    name, file.Feed, file.Encoding, file.RowsRead, file.Accepted, file.Duplicate, file.Quarantined, readSeconds,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                results.Add(new IngestFileResult(name, IngestFileStatus.Ingested, file, quarantineFile, null));
            }
        }
        return new IngestReport(inboxDir, quarantineDir, results);
    }

    async Task<(HashSet<string> Known, Core.Ingest.IngestContext Context)> ReloadAsync(CancellationToken ct)
    {
        logger.LogInformation("Another run committed inbox files meanwhile: reloading the stored keys and households");
        var known = (await store.ListFilesAsync(ct)).Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);
        return (known, await store.LoadIngestContextAsync(ct));
    }

    /// <summary>Configuration first, then household snapshots, then every other file; by ordinal name within each.</summary>
    internal static IEnumerable<string> InProcessingOrder(IEnumerable<string> paths) =>
        paths.OrderBy(p => Feeds.FromFileName(p) switch
            {
                Feed.TargetsBaseline or Feed.Capacity => 0,
                Feed.Households => 1,
                null => 3,
                _ => 2,
            })
            .ThenBy(p => Path.GetFileName(p), StringComparer.Ordinal);
}
