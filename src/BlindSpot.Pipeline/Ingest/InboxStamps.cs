using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// Files stay in the inbox after they are ingested, so every ingest finds its old files again. Without stamps it reads and
/// hashes each of them to learn that the ledger holds its bytes (~0.3 CPU-s for a 300,000-household inbox of 119 MB, in
/// every daily run and every scheduled slot). With them, a file whose name, size and modification time are those it had
/// when its bytes were last identified (<see cref="InboxStamp"/>), and whose identity the ledger holds as stored (not
/// refused), is skipped without being opened. Anything else is read as before: a new file, one written again (a new
/// modification time), one refused before (it may be accepted now), one whose ledger line is gone.
/// </summary>
/// <remarks>
/// The parts of one snapshot date are skipped together or read together: the moved-out check sees the parts it reads
/// together, and a part skipped between two read ones would split them. A stamp is written only after the file's result
/// (stored, or skipped because the ledger holds its bytes), only when the file looks the same after the run as when the
/// run listed it, and only when it was last written at least <see cref="Settled"/> before that (a file rewritten within
/// the file system's timestamp granularity could otherwise keep its stamp).
/// </remarks>
internal sealed class InboxStamps
{
    /// <summary>How long before the listing a file must have been last written for its stamp to be kept.</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    readonly Dictionary<string, InboxStamp> stored;
    readonly Dictionary<string, (long Size, long Ticks)> listed = new(StringComparer.Ordinal);
    readonly HashSet<string> skipped = new(StringComparer.Ordinal);
    readonly DateTime listedAtUtc;

    InboxStamps(IEnumerable<InboxStamp> stamps, DateTime listedAtUtc)
    {
        stored = stamps.ToDictionary(s => s.FileName, StringComparer.Ordinal);
        this.listedAtUtc = listedAtUtc;
    }

    public static async Task<InboxStamps> LoadAsync(IBlindSpotStore store, CancellationToken ct) =>
        new(await store.ListInboxStampsAsync(ct), DateTime.UtcNow);

    /// <summary>
    /// Replaces, in <paramref name="ordered"/>, every file that is unchanged since its bytes were stored by its skipped
    /// result (the ledger's line of those bytes), logged as a skip by bytes is.
    /// </summary>
    public void SkipUnchanged(List<InboxEntry> ordered, IReadOnlyList<FileLedgerEntry> ledger, Func<InboxEntry, DateOnly> snapshotDate, ILogger logger)
    {
        var storedFiles = ledger.Where(f => !f.Rejected).ToDictionary(f => f.Sha256, StringComparer.Ordinal);
        var unchanged = new Dictionary<int, FileLedgerEntry>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            if (e.Result is not null || e.ReadPath is null) continue;
            var info = new FileInfo(e.ReadPath);
            (long Size, long Ticks) now;
            try
            {
                now = listed[e.Name] = (info.Length, info.LastWriteTimeUtc.Ticks);
            }
            catch (IOException)
            {
                continue; // gone meanwhile: read (and reported) as before
            }
            if (stored.TryGetValue(e.Name, out var s) && (s.Size, s.ModifiedTicks) == now && storedFiles.TryGetValue(s.Sha256, out var earlier))
                unchanged[i] = earlier;
        }
        // A snapshot date's parts: all unchanged, or all read.
        foreach (var date in ordered.Select((e, i) => (e, i)).Where(x => x.e is { Feed: Feed.Households, Result: null })
                     .GroupBy(x => snapshotDate(x.e)))
            if (!date.All(x => unchanged.ContainsKey(x.i)))
                foreach (var x in date) unchanged.Remove(x.i);
        foreach (var (i, earlier) in unchanged)
        {
            var name = ordered[i].Name;
            logger.LogInformation("Skipped {FileName}: unchanged since it was ingested as {EarlierFileName} (name, size and modification time; {Sha256})",
                name, earlier.FileName, earlier.Sha256);
            ordered[i] = ordered[i] with { Result = new IngestFileResult(name, IngestFileStatus.Skipped, earlier, null, null) };
            skipped.Add(name);
        }
    }

    /// <summary>
    /// The stamps to store after the run: every file of <paramref name="ordered"/> whose result holds its bytes as stored
    /// (ingested, or skipped as the same bytes as a stored file) and that looks as it did when listed; not those skipped
    /// by their stamp (unchanged).
    /// </summary>
    public List<InboxStamp> ToSave(IReadOnlyList<InboxEntry> ordered, IReadOnlyList<IngestFileResult> results)
    {
        var paths = ordered.Where(e => e.ReadPath is not null).ToDictionary(e => e.Name, e => e.ReadPath!, StringComparer.Ordinal);
        var save = new List<InboxStamp>();
        foreach (var r in results)
        {
            if (r is not { Status: IngestFileStatus.Ingested or IngestFileStatus.Skipped, Ledger: { Rejected: false } ledger }) continue;
            if (skipped.Contains(r.FileName) || !listed.TryGetValue(r.FileName, out var was) || !paths.TryGetValue(r.FileName, out var path)) continue;
            if (listedAtUtc - new DateTime(was.Ticks, DateTimeKind.Utc) < Settled) continue;
            var now = new FileInfo(path);
            if (!now.Exists || now.Length != was.Size || now.LastWriteTimeUtc.Ticks != was.Ticks) continue;
            save.Add(new InboxStamp(r.FileName, was.Size, was.Ticks, ledger.Sha256));
        }
        return save.DistinctBy(s => s.FileName, StringComparer.Ordinal).ToList();
    }
}
