using BlindSpot.Core.Storage;
using BlindSpot.Pipeline.Ingest;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Retention;

/// <summary>What a purge did.</summary>
/// <param name="OlderThan">Personal data of records dated before this day was blanked.</param>
/// <param name="StoreRows">Rows of the store whose names, phones, addresses, notes or raw text were blanked now.</param>
/// <param name="QuarantineFiles">Quarantine copies (raw rows as sent) of files ingested before the cut-off, deleted now.</param>
public sealed record RetentionReport(DateOnly OlderThan, int StoreRows, int QuarantineFiles);

/// <summary>
/// The retention use case (PIPA): personal data older than <see cref="RetentionOptions.Years"/> is blanked in the
/// store (the facts stay: dates, codes, outcomes, so targets and training keep working) and the quarantine folder's
/// copies of files ingested before the cut-off are deleted. Safe to run twice: a second run finds nothing to do.
/// </summary>
public sealed class RetentionService(IBlindSpotStore store, ILogger<RetentionService> logger, RetentionOptions options)
{
    /// <summary>Purges what is older than <paramref name="today"/> minus the retention, in the store and in <paramref name="quarantineDir"/>.</summary>
    public async Task<RetentionReport> PurgeAsync(DateOnly today, string quarantineDir, CancellationToken ct)
    {
        if (options.Validate() is { } invalid) throw new InvalidOperationException(invalid);
        var cutoff = today.AddYears(-options.Years);
        var rows = await store.PurgePersonalDataAsync(cutoff, ct);

        var files = 0;
        if (Directory.Exists(quarantineDir))
            foreach (var file in await store.ListFilesAsync(ct))
            {
                if (DateOnly.FromDateTime(file.IngestedAt) >= cutoff) continue;
                var path = Path.Combine(quarantineDir, QuarantineFolder.FileNameFor(file));
                if (!File.Exists(path)) continue;
                File.Delete(path);
                files++;
            }
        logger.LogInformation("Retention: personal data older than {OlderThan} blanked in {StoreRows} stored rows; {QuarantineFiles} quarantine files deleted",
            cutoff, rows, files);
        return new RetentionReport(cutoff, rows, files);
    }
}
