using System.Data.Common;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// The ingest use case: every file of the inbox not ingested yet is read under the data contract and committed in one
/// store transaction with its ledger line, so a run killed at any point and run again ends like one clean run.
/// Configuration and household files go first (tips match the households of the same inbox), then the rest by name.
/// One bad file never stops the others: a file that cannot be read or stored is reported <see cref="IngestFileStatus.Failed"/>
/// with its reason, is not recorded, and is tried again by the next run.
/// </summary>
/// <param name="feeds">The inbox's file format (BlindSpot.Csv's, through Core's port).</param>
/// <param name="output">Writes the quarantined rows' files.</param>
/// <param name="resolution">Links tips to households under the configured thresholds (BlindSpot.Resolution's, through Core's port).</param>
public sealed class IngestService(IBlindSpotStore store, ILogger<IngestService> logger, TimeProvider clock, IFeedFiles feeds, IOutputFiles output,
    ITipResolution resolution, IngestOptions? options = null)
{
    readonly IngestOptions options = options ?? IngestOptions.Default;

    public Task<IngestReport> IngestInboxAsync(string inboxDir, string quarantineDir, CancellationToken ct) =>
        IngestInboxAsync(inboxDir, quarantineDir, null, ct);

    /// <param name="files">Told (files done, files in the inbox) before each file and at the end: a progress display.</param>
    public Task<IngestReport> IngestInboxAsync(string inboxDir, string quarantineDir, IProgress<FileProgress>? files, CancellationToken ct) =>
        IngestInboxAsync(inboxDir, quarantineDir, files, null, ct);

    /// <param name="files">Told (files done, files in the inbox) before each file and at the end: a progress display.</param>
    /// <param name="historySettled">
    /// Called at most once (not when the inbox is busy or the ingest fails first), as soon as no households or crisis file is left for this run to store (none ahead that the ledger does
    /// not know by name, and the last one's commit ended): the main job starts reading the district's history then, beside
    /// the rest of the ingest. Only a hint: what is read then is used only if the store's history has not changed since.
    /// </param>
    public async Task<IngestReport> IngestInboxAsync(string inboxDir, string quarantineDir, IProgress<FileProgress>? files, Action? historySettled,
        CancellationToken ct)
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
        // The ledger is read once: the hashes of the files stored (what the run skips) and, for the index started
        // ahead, the names of those not refused.
        var ledger = await store.ListFilesAsync(ct);
        var run = new RunState(LoadAsync, Known(ledger), NewContext());
        var startContext = run.Context;

        var entries = InboxScanner.Scan(inboxDir);
        var today = DateOnly.FromDateTime(Kst.Now(clock));
        var ordered = InProcessingOrder(entries, today).ToList();
        // The files unchanged since their bytes were stored are skipped without being read (InboxStamps says when).
        var stamps = await InboxStamps.LoadAsync(store, ct);
        stamps.SkipUnchanged(ordered, ledger, e => SnapshotDate(e, today), logger);
        var indexAhead = new IndexAhead(resolution, ordered, ledger.Where(f => !f.Rejected).Select(f => f.FileName));
        // The last file that may bring registry versions or crisis rows (one the ledger knows by name is most likely skipped).
        var lastHistoryFile = ordered.FindLastIndex(e => e.Result is null && e.Feed is Feed.Households or Feed.Crisis && !indexAhead.Knows(e.Name));
        var position = 0;
        void MaybeHistorySettled()
        {
            if (historySettled is not { } settled || position <= lastHistoryFile || run.Pending?.Read.Entry.Feed is Feed.Households or Feed.Crisis) return;
            historySettled = null;
            // Only a crisis file checks the crisis keys (~30 MB at 190,000 households), and none is left to read: dropped
            // before the history is read beside the rest of the ingest, which then holds both.
            if (!ordered.Skip(position).Any(e => e.Result is null && e.Feed == Feed.Crisis))
            {
                run.Context.Drop(IngestContextParts.CrisisKeys);
            }
            settled();
        }
        // Set when a household file of this run failed (not refused): the files read against the registry then wait.
        var registryFailed = false;
        // The next snapshot date's parts, read on the thread pool while this one's are committed.
        SnapshotAhead? ahead = null;
        bool KeepsCopy() => run.Context == startContext && run.Context.RegistryChanges > 0 && !run.RegistryOutOfOrder && run.Context.Holds(IngestContextParts.Registry);
        // A file's commit runs on the thread pool while the next file is read (PendingCommit); its result keeps its place.
        async Task<bool> SettleAsync()
        {
            if (run.Pending is not { } pending) return true;
            run.Pending = null;
            var (result, contextKept) = await FinishCommitAsync(run, pending, ct);
            results[pending.Slot] = result;
            MaybeHistorySettled();
            return contextKept;
        }
        try
        {
        for (var i = 0; i < ordered.Count; i++)
        {
            position = i;
            MaybeHistorySettled();
            ct.ThrowIfCancellationRequested();
            files?.Report(new FileProgress(i, ordered.Count));
            var entry = ordered[i];
            if (entry.Result is { } immediate)
            {
                LogImmediate(immediate);
                results.Add(immediate);
                continue;
            }
            if (entry.Feed == Feed.Households)
            {
                // (Configuration files only come before: nothing was read since their commit started.)
                await SettleAsync();
                // Every part of one snapshot date is read before any is committed: the moved-out check sees them together.
                var date = SnapshotDate(entry, today);
                var group = new List<InboxEntry> { entry };
                while (i + 1 < ordered.Count && ordered[i + 1].Feed == Feed.Households && ordered[i + 1].Result is null && SnapshotDate(ordered[i + 1], today) == date)
                    group.Add(ordered[++i]);
                var mine = ahead is { } a && a.Date == date ? a : null;
                if (ahead is not null && mine is null) await ahead.DropAsync();
                ahead = null;
                var next = options.ReadSnapshotsAhead ? NextSnapshot(ordered, i, today, indexAhead) : null;
                // The registry's copy kept after the run's last snapshot (below) is made from the context on the second core
                // while the snapshot's parts are committed (they are in the context already, as read); used only if the
                // commit leaves the context as it was.
                var last = indexAhead.LastSnapshot(i);
                Task<byte[]>? copy = null;
                var snapshot = await IngestSnapshotAsync(run, group, date, quarantineDir, ct, !last ? null : () =>
                {
                    if (!KeepsCopy()) return;
                    var context = run.Context;
                    copy = Task.Run(() => resolution.RegistryCopy(context), ct);
                }, mine, next is null ? null : () => ahead ??= StartAhead(run.Context, next.Value.Date, next.Value.Parts, ct));
                if (mine is not null) await mine.DropAsync();
                // (The loop's locals live as long as the ingest: its parts' batches, ~190,000 households, are let go now.)
                mine = null;
                registryFailed |= snapshot.Any(r => r.Status == IngestFileStatus.Failed);
                results.AddRange(snapshot);
                var keep = !registryFailed && last && KeepsCopy();
                if (copy is not null && !keep) await DropCopyAsync(copy);
                if (!registryFailed && last)
                {
                    // The run's last snapshot is stored: the registry's copy is kept for the next run (which would
                    // otherwise read every version to write it) when the context is the one the run started with (never
                    // reloaded) and no snapshot stored was older than one it held: its households are then in the order a
                    // read of the versions gives (by snapshot date, then as stored), so the copy is the one the next run
                    // would have kept. Kept now rather than at the end, while the run holds the least (no crisis keys).
                    if (keep) await new RegistryCache(store, logger, resolution).KeepAfterSnapshotAsync(run.Context, copy, ct);
                    indexAhead.Start(run.Context, i);
                    // Only a households file checks the snapshot keys (one per stored version: ~30 MB at 190,000
                    // households), and none is left: dropped before the crisis keys are read, so the end of the ingest
                    // (a first run's peak) holds less.
                    run.Context.HouseholdSnapshotKeys.Clear();
                    run.Context.HouseholdSnapshotKeys.TrimExcess();
                }
                // The snapshot's parts, as read and as committed, and the registry's copy (~38 MB), are let go.
                copy = null;
                await PhaseEnd.LetGoAsync();
                continue;
            }
            if (registryFailed && IngestContext.PartsFor(entry.Feed!.Value).HasFlag(IngestContextParts.Registry))
            {
                // Read now, its rows of households only the failed snapshot brings would be quarantined or its tips
                // resolved against half a registry, for good (the ledger then knows the file): it waits for the run that
                // stores the snapshot, as one clean run would have read it.
                logger.LogWarning("Deferred {FileName}: a household snapshot of this run could not be stored; read with it by the next run", entry.Name);
                results.Add(new IngestFileResult(entry.Name, IngestFileStatus.Deferred, null, null,
                    "이번 실행에서 세대 명부 파일을 저장하지 못해, 명부와 함께 다음 실행에서 읽습니다."));
                continue;
            }
            var at = i;
            var read = await ReadAsync(run, entry, ct, () => indexAhead.Start(run.Context, at), SettleAsync);
            // The previous file's commit ends here. Its batch was in the context this file was read against; when it was
            // not stored (or the context was loaded again), this file is read again, as it would have been after it.
            if (!await SettleAsync()) read = await ReadAsync(run, entry, ct, () => indexAhead.Start(run.Context, at));
            if (read.Batch is null)
            {
                results.Add(read.Result!);
                continue;
            }
            var started = await StartCommitAsync(run, read, quarantineDir, ct);
            if (started.Result is { } done) results.Add(done);
            else
            {
                run.Pending = started.Pending! with { Slot = results.Count };
                results.Add(null!); // filled by SettleAsync
            }
        }
        position = ordered.Count;
        await SettleAsync();
        MaybeHistorySettled();
        }
        finally
        {
            // A read ahead that was not used (a failed snapshot defers the next one) ends before the inbox lock is let go.
            if (ahead is not null) await ahead.DropAsync();
            // Leaving on an error that stops the run: the commit under way ends before the inbox lock is let go.
            if (run.Pending is { } left)
                try { await left.Stored; }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning("The commit of {FileName} under way when the run stopped ended with {ErrorType}", left.Read.Entry.Name, e.GetType().Name);
                }
        }
        // Open tips are tried again when this run brought a newer registry snapshot (cheap when none did).
        await new Resolution.TipResolutionService(store, logger, resolution).RetryAsync(run.Context, ct);
        await SaveStampsAsync(stamps.ToSave(ordered, results), ct);
        files?.Report(new FileProgress(ordered.Count, ordered.Count));
        return new IngestReport(inboxDir, quarantineDir, results);
    }

    /// <summary>The stamps of the files this run identified: a stamp not stored only costs the next run a read of the file.</summary>
    async Task SaveStampsAsync(List<InboxStamp> stamps, CancellationToken ct)
    {
        try { await store.SaveInboxStampsAsync(stamps, ct); }
        catch (Exception e) when (e is DbException or IOException or TimeoutException)
        {
            logger.LogWarning("The inbox files' stamps were not stored ({ErrorType}): the next run reads those files again", e.GetType().Name);
        }
    }

    /// <summary>A registry copy made beside a snapshot's commit that is not kept (the commit did not leave the context as it was).</summary>
    async Task DropCopyAsync(Task<byte[]> copy)
    {
        try { await copy; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning("The registry copy made beside the snapshot's commit, not kept, ended with {ErrorType}", e.GetType().Name);
        }
    }

    /// <summary>
    /// A file's commit under way on the thread pool while the next file is read. Its batch is in the context already
    /// (<see cref="Read.IncludedIn"/>, unless the file is refused whole), as it would be once committed; the next file is
    /// read against it, and read again if the commit does not store it.
    /// </summary>
    sealed record PendingCommit(Read Read, Task<bool> Stored, string? QuarantineFile, long Started, int Slot);

    /// <summary>
    /// Writes the file's quarantine, puts its batch in the context and starts its store transaction on the thread pool
    /// (SQLite's ADO.NET calls complete synchronously: awaited here, the commit would hold this thread). Result is set
    /// instead when nothing is committed (refused before for the same reason) or the file failed.
    /// </summary>
    async Task<(IngestFileResult? Result, PendingCommit? Pending)> StartCommitAsync(RunState run, Read read, string quarantineDir, CancellationToken ct)
    {
        var name = read.Entry.Name;
        var batch = read.Batch!;
        var file = batch.File;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (RefusedAgain(read) is { } again) return (again, null);
            var quarantineFile = await WriteQuarantineAsync(batch, quarantineDir, ct);
            if (!file.Rejected && read.IncludedIn != run.Context)
            {
                run.Context.Include(batch);
                read = read with { IncludedIn = run.Context };
            }
            return (null, new PendingCommit(read, Task.Run(() => store.CommitFileAsync(batch, ct), ct), quarantineFile, started, -1));
        }
        catch (Exception e) when (IsFileFailure(e, ct))
        {
            return (Failed(name, e), null);
        }
    }

    /// <summary>
    /// Ends a commit started by <see cref="StartCommitAsync"/>, as <see cref="CommitAsync"/> ends one. ContextKept is false
    /// when the context was loaded again (the batch was in it and not stored, or another run committed the file): the
    /// file read meanwhile is read again.
    /// </summary>
    async Task<(IngestFileResult Result, bool ContextKept)> FinishCommitAsync(RunState run, PendingCommit pending, CancellationToken ct)
    {
        var read = pending.Read;
        var name = read.Entry.Name;
        var file = read.Batch!.File;
        IngestFileResult result;
        try
        {
            if (await pending.Stored)
            {
                Remember(run, read);
                return (Committed(read, pending.QuarantineFile, pending.Started), true);
            }
            return (await CommittedMeanwhileAsync(run, read, ct), false);
        }
        catch (Exception e) when (IsFileFailure(e, ct))
        {
            result = Failed(name, e);
        }
        // Not stored: the context is read again without its batch, as if it had never been included.
        if (read.IncludedIn != run.Context) return (result, true);
        await run.ReloadAsync(ct);
        return (result, false);
    }

    /// <summary>A file refused before under this name for the same reason: reported then, not again (still not remembered as known).</summary>
    IngestFileResult? RefusedAgain(Read read)
    {
        var file = read.Batch!.File;
        if (!file.Rejected || read.Earlier is not { Rejected: true } earlier || earlier.FileName != file.FileName || earlier.RejectedReason != file.RejectedReason)
            return null;
        logger.LogInformation("Skipped {FileName}: refused before for the same reason ({Sha256})", read.Entry.Name, file.Sha256);
        return new IngestFileResult(read.Entry.Name, IngestFileStatus.Skipped, earlier, null, null);
    }

    /// <summary>Another run committed the same bytes meanwhile: theirs stands, and the context is read again.</summary>
    async Task<IngestFileResult> CommittedMeanwhileAsync(RunState run, Read read, CancellationToken ct)
    {
        var sha256 = read.Batch!.File.Sha256;
        var winner = await store.FindFileAsync(sha256, ct);
        logger.LogInformation("Skipped {FileName}: committed meanwhile by another run ({Sha256})", read.Entry.Name, sha256);
        await run.ReloadAsync(ct);
        return new IngestFileResult(read.Entry.Name, IngestFileStatus.Skipped, winner, null, null);
    }

    /// <summary>A stored file's rows in the context (unless it was included as it was read) and its bytes known.</summary>
    static void Remember(RunState run, Read read)
    {
        var batch = read.Batch!;
        if (batch.File.Rejected) return;
        if (read.IncludedIn != run.Context) run.Context.Include(batch);
        run.Known.Add(batch.File.Sha256);
    }

    async Task<string?> WriteQuarantineAsync(IngestBatch batch, string quarantineDir, CancellationToken ct)
    {
        if (batch.Quarantine.Count == 0) return null;
        try { return await QuarantineFolder.WriteAsync(output, quarantineDir, batch, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QuarantineFolderException(quarantineDir, e);
        }
    }

    /// <summary>The result of a committed file, logged.</summary>
    IngestFileResult Committed(Read read, string? quarantineFile, long started)
    {
        var name = read.Entry.Name;
        var file = read.Batch!.File;
        if (file.Rejected)
        {
            logger.LogWarning("Rejected {FileName} ({Feed}, {Encoding}, {RowsRead} rows): {Reason}",
                name, file.Feed, file.Encoding, file.RowsRead, file.RejectedReason);
            return new IngestFileResult(name, IngestFileStatus.Rejected, file, null, file.RejectedReason);
        }
        logger.LogInformation(
            "Ingested {FileName} ({Feed}, {Encoding}): {RowsRead} read, {Accepted} accepted, {Duplicate} duplicate, {Quarantined} quarantined; read {ReadSeconds:F2} s, total {Seconds:F2} s",
            name, file.Feed, file.Encoding, file.RowsRead, file.Accepted, file.Duplicate, file.Quarantined, read.Seconds,
            read.Seconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new IngestFileResult(name, IngestFileStatus.Ingested, file, quarantineFile, null);
    }

    DateOnly SnapshotDate(InboxEntry e, DateOnly today) => feeds.SnapshotDate(e.Name, today).Date;

    void LogImmediate(IngestFileResult r)
    {
        if (r.Status == IngestFileStatus.Unrecognised) logger.LogWarning("Not ingested: {FileName} matches no feed of the data contract", r.FileName);
        else if (r.Status == IngestFileStatus.Failed) logger.LogWarning("Not read: {FileName}: {Reason}", r.FileName, r.Message);
    }

    /// <summary>What this run knows: the identities in the ledger (accepted ones) and the context for reading.</summary>
    sealed class RunState(Func<CancellationToken, Task<(HashSet<string>, IngestContext)>> load, HashSet<string> known, IngestContext context)
    {
        public HashSet<string> Known { get; set; } = known;
        public IngestContext Context { get; set; } = context;
        /// <summary>A snapshot older than the newest the context held was included (its households are then not in store order).</summary>
        public bool RegistryOutOfOrder { get; set; }
        /// <summary>The commit under way while the next file is read (at most one).</summary>
        public PendingCommit? Pending { get; set; }

        public async Task ReloadAsync(CancellationToken ct) => (Known, Context) = await load(ct);
    }

    async Task<(HashSet<string>, IngestContext)> LoadAsync(CancellationToken ct)
    {
        logger.LogInformation("Loading the stored keys and households");
        return (await LoadKnownAsync(ct), NewContext());
    }

    /// <summary>
    /// A context that reads each part from the store when a file first needs it (<see cref="IngestContext.PartsFor"/>):
    /// a day's tips and visit results do not read the crisis or snapshot keys, and a run that only skips files reads none.
    /// </summary>
    IngestContext NewContext()
    {
        var registry = new RegistryCache(store, logger, resolution);
        return new IngestContext((context, parts, ct) =>
        {
            logger.LogInformation("Loading the stored {Parts}", parts);
            return registry.LoadAsync(context, parts, ct);
        });
    }

    async Task<HashSet<string>> LoadKnownAsync(CancellationToken ct) => Known(await store.ListFilesAsync(ct));

    static HashSet<string> Known(IEnumerable<FileLedgerEntry> ledger) => ledger.Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);

    /// <summary>A file read (Batch set), or what it came to without a batch (Result set).</summary>
    sealed record Read(InboxEntry Entry, IngestBatch? Batch, FileLedgerEntry? Earlier, IngestFileResult? Result, double Seconds)
    {
        /// <summary>
        /// The context the batch was included in as it was read, before its commit: once committed, it is not included in
        /// that context again (the same keys, and an equal household in the same place); a context loaded since gets it.
        /// </summary>
        public IngestContext? IncludedIn { get; init; }
    }

    /// <summary>
    /// Starts the tip resolver's registry index on the second core (<see cref="ITipResolution.BuildIndexAhead"/>) once the
    /// registry the run's tips will be read against is held (no households file left to read) and a tips file the ledger
    /// does not know by name lies ahead: the index (about a CPU-second at 190,000 households) is built while the files
    /// before it (a first run's crisis months and visit results, a day's visit results) are read, instead of when the
    /// first tips file asks. The index is the same either way; the name check only avoids building one that no tips file
    /// of the run needs (a file the ledger knows by name is most likely skipped).
    /// </summary>
    sealed class IndexAhead(ITipResolution resolution, List<InboxEntry> ordered, IEnumerable<string> ledgerNames)
    {
        readonly HashSet<string> known = ledgerNames.ToHashSet(StringComparer.Ordinal);

        /// <summary>True when the ledger holds a file of this name that was not refused.</summary>
        public bool Knows(string name) => known.Contains(name);

        /// <summary>True when no households file is left to read after <paramref name="at"/>.</summary>
        public bool LastSnapshot(int at)
        {
            for (var k = at + 1; k < ordered.Count; k++)
                if (ordered[k].Result is null && ordered[k].Feed == Feed.Households) return false;
            return true;
        }

        public void Start(IngestContext context, int at)
        {
            if (!context.Holds(IngestContextParts.Registry) || context.Households.Count == 0 || IsTips(ordered[at])) return;
            var tipsAhead = false;
            for (var k = at + 1; k < ordered.Count; k++)
            {
                var e = ordered[k];
                if (e.Result is not null) continue;
                if (e.Feed == Feed.Households) return;
                tipsAhead |= IsTips(e) && !known.Contains(e.Name);
            }
            if (tipsAhead) resolution.BuildIndexAhead(context);
        }

        static bool IsTips(InboxEntry e) => e.Feed is Feed.TipsHotline or Feed.TipsOfficer;
    }

    /// <summary>
    /// The parts of the next snapshot date after <paramref name="at"/> (the households files that follow this date's, all of
    /// one later date), or null when there is none or the ledger knows each of them by name (most likely skipped).
    /// </summary>
    (DateOnly Date, List<InboxEntry> Parts)? NextSnapshot(List<InboxEntry> ordered, int at, DateOnly today, IndexAhead known)
    {
        if (at + 1 >= ordered.Count || ordered[at + 1] is not { Feed: Feed.Households, Result: null } first) return null;
        var date = SnapshotDate(first, today);
        var parts = new List<InboxEntry>();
        for (var k = at + 1; k < ordered.Count && ordered[k] is { Feed: Feed.Households, Result: null } e && SnapshotDate(e, today) == date; k++) parts.Add(e);
        return parts.All(e => known.Knows(e.Name)) ? null : (date, parts);
    }

    /// <summary>
    /// Starts reading the next snapshot date's parts on the thread pool, against a context of its own that holds the
    /// keys of that date in <paramref name="context"/> (on the thread that owns it, before it changes again).
    /// </summary>
    SnapshotAhead StartAhead(IngestContext context, DateOnly date, List<InboxEntry> parts, CancellationToken ct)
    {
        var own = new IngestContext();
        own.HouseholdSnapshotKeys.UnionWith(SnapshotAhead.KeysOf(context, date));
        return new SnapshotAhead(date, Task.Run(() => ReadAheadAsync(context, date, own, parts, ct), ct));
    }

    /// <summary>
    /// Each part as <see cref="ReadAsync"/> reads it, one after the other, each included in <paramref name="own"/> as
    /// read; stops at the first part that cannot be read so (not settled, failed): that one and those after it are
    /// read by the ingest itself.
    /// </summary>
    async Task<List<AheadPart>> ReadAheadAsync(IngestContext from, DateOnly date, IngestContext own, List<InboxEntry> parts, CancellationToken ct)
    {
        var read = new List<AheadPart>();
        foreach (var entry in parts)
        {
            try
            {
                var (bytes, _, justWritten) = await ReadSettledAsync(entry.ReadPath!, ct);
                if (bytes is null) break;
                var identity = feeds.Identity(entry.Name, bytes);
                var keysBefore = own.HouseholdSnapshotKeys.Count;
                var now = Kst.Now(clock);
                var (batch, seconds) = ReadBatch(entry.Name, bytes, identity, own, now, justWritten);
                read.Add(new AheadPart(entry, identity, batch, from, date, keysBefore, now, seconds));
                if (!batch.File.Rejected) own.Include(batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                break;
            }
        }
        return read;
    }

    /// <summary>
    /// The next snapshot date's parts, read on the thread pool while the ingest reads and commits the snapshot before
    /// them (a first run's two registry snapshots: the second's ~190,000 rows are read on the other core). A household
    /// row is checked against the stored keys of its own snapshot date only (<see cref="IngestContext.HouseholdSnapshotKeys"/>),
    /// so reading a later date's parts does not depend on the earlier date's rows: a part read ahead against that date's
    /// keys is the part the ingest would read at its turn, and is taken only when the ingest's context, at that turn,
    /// is the one it was started from and holds the same keys of that date (the same count: keys are only added), on the
    /// same day. Otherwise the ingest reads the part again from its file, as if it had not been read ahead.
    /// </summary>
    internal sealed class SnapshotAhead(DateOnly date, Task<List<AheadPart>> parts)
    {
        public DateOnly Date => date;

        /// <summary>The keys of <paramref name="date"/>'s snapshot in <paramref name="context"/> (each key ends with its date).</summary>
        public static IEnumerable<string> KeysOf(IngestContext context, DateOnly date)
        {
            var suffix = IngestKeys.Household("", date);
            return context.HouseholdSnapshotKeys.Where(key => key.EndsWith(suffix, StringComparison.Ordinal));
        }

        public Task<List<AheadPart>> PartsAsync() => parts;

        /// <summary>Waits for the read to end (its tasks are never left running), whatever it gave.</summary>
        public async Task DropAsync()
        {
            try { await parts; }
            catch (Exception e) when (e is not OutOfMemoryException) { }
        }
    }

    /// <summary>
    /// One part read ahead: its identity and batch, and what it was read against: the ingest's context it was
    /// started from, the count of its snapshot date's keys it held then (with the parts before it), the time.
    /// </summary>
    internal sealed record AheadPart(InboxEntry Entry, string Identity, IngestBatch Batch, IngestContext From,
        DateOnly Date, int KeysBefore, DateTime ReadAt, double Seconds)
    {
        /// <summary>True when reading the part now, against <paramref name="context"/>, would give <see cref="Batch"/>.</summary>
        public bool ReadAsThisWouldBe(IngestContext context, DateTime now)
        {
            return ReferenceEquals(context, From) && DateOnly.FromDateTime(now) == DateOnly.FromDateTime(ReadAt)
                && SnapshotAhead.KeysOf(context, Date).Count() == KeysBefore;
        }
    }

    /// <param name="settle">
    /// Ends the commit under way first when this file has its bytes (then the ledger knows them, as it would) or needs a
    /// part of the context not read yet (read from the store as it would be after that commit).
    /// </param>
    /// <param name="ahead">
    /// The file read ahead (<see cref="SnapshotAhead"/>): its identity is checked against the ledger as the file's, and its
    /// batch taken when it was read against what this read would be; otherwise the file is read again.
    /// </param>
    async Task<Read> ReadAsync(RunState run, InboxEntry entry, CancellationToken ct, Action? contextReady = null, Func<Task<bool>>? settle = null,
        AheadPart? ahead = null)
    {
        var name = entry.Name;
        try
        {
            var (bytes, unsettled, justWritten) = ahead is not null ? ([], null, false) : await ReadSettledAsync(entry.ReadPath!, ct);
            if (bytes is null)
            {
                logger.LogInformation("Deferred {FileName}: {Reason}", name, unsettled);
                return new Read(entry, null, null, new IngestFileResult(name, IngestFileStatus.Deferred, null, null, unsettled), 0);
            }
            var identity = ahead?.Identity ?? feeds.Identity(name, bytes);
            if (settle is not null && run.Pending?.Read.Batch!.File.Sha256 == identity) await settle();
            var earlier = await store.FindFileAsync(identity, ct);
            if (earlier is { Rejected: false })
            {
                logger.LogInformation("Skipped {FileName}: the same bytes were ingested before as {EarlierFileName} ({Sha256})", name, earlier.FileName, identity);
                if (!run.Known.Contains(identity)) await run.ReloadAsync(ct);
                return new Read(entry, null, earlier, new IngestFileResult(name, IngestFileStatus.Skipped, earlier, null, null), 0);
            }
            // A file refused before is read again (it may have been renamed, or the refusal confirmed).
            var parts = IngestContext.PartsFor(entry.Feed!.Value);
            if (settle is not null && !run.Context.Holds(parts)) await settle();
            await run.Context.EnsureAsync(parts, ct);
            contextReady?.Invoke();
            var now = Kst.Now(clock);
            if (ahead is not null)
            {
                if (ahead.ReadAsThisWouldBe(run.Context, now))
                {
                    logger.LogDebug("Took {FileName} as read ahead, beside the snapshot before it", name);
                    return new Read(entry, ahead.Batch, earlier, null, ahead.Seconds);
                }
                // Not read against what this read would be: the file is read again, as if it had not been read ahead.
                logger.LogDebug("Reading {FileName} again: it was read ahead against what the ingest no longer holds", name);
                return await ReadAsync(run, entry, ct, null, settle);
            }
            var (batch, seconds) = ReadBatch(name, bytes, identity, run.Context, now, justWritten);
            return new Read(entry, batch, earlier, null, seconds);
        }
        catch (Exception e) when (IsFileFailure(e, ct))
        {
            return new Read(entry, null, null, Failed(name, e), 0);
        }
    }

    /// <summary>The file's batch read against <paramref name="context"/>, and the seconds the read took.</summary>
    (IngestBatch Batch, double Seconds) ReadBatch(string name, byte[] bytes, string identity, IngestContext context, DateTime now, bool justWritten)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Resolution is this use case's: the reader links tips through the resolver it is given (BlindSpot.Resolution).
        var batch = feeds.Read(name, bytes, identity, context, now, justWritten, resolution.Linker(context));
        return (batch, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// The file's bytes, or null and why when it may still be being written: changed within the quiet period, or
    /// changed while it was read. Never reads more than <see cref="IngestOptions.MaxFileBytes"/>. JustWritten: bytes were
    /// read and the file changed within <see cref="IngestOptions.UnterminatedQuietPeriod"/> (its unterminated last row is
    /// not trusted); false when nothing was read.
    /// </summary>
    async Task<(byte[]? Bytes, string? Unsettled, bool JustWritten)> ReadSettledAsync(string path, CancellationToken ct)
    {
        var before = new FileInfo(path);
        if (before.Length > options.MaxFileBytes)
            throw new FileTooLargeException(options.MaxFileBytes);
        // The real clock, not the injected TimeProvider: the file system stamped LastWriteTimeUtc with the machine's
        // clock, and only that clock says how long ago it was. The injected clock dates the ingest (the ledger, "today");
        // a stopped or replayed one (tests, a re-run for a past day) would make every file look just written or ancient.
        var age = DateTime.UtcNow - before.LastWriteTimeUtc;
        if (options.QuietPeriod > TimeSpan.Zero && age < options.QuietPeriod)
            return (null, $"최근 {options.QuietPeriod.TotalSeconds:0}초 안에 바뀐 파일이라 아직 쓰는 중일 수 있습니다. 다음 실행에서 읽습니다.", false);
        byte[] bytes;
        await using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite, Options = FileOptions.SequentialScan }))
        {
            bytes = new byte[before.Length];
            await stream.ReadExactlyAsync(bytes, ct);
            if (stream.ReadByte() >= 0) return (null, "읽는 동안 파일이 커졌습니다 (아직 쓰는 중). 다음 실행에서 읽습니다.", false);
        }
        var after = new FileInfo(path);
        if (after.Length != before.Length || after.LastWriteTimeUtc != before.LastWriteTimeUtc)
            return (null, "읽는 동안 파일이 바뀌었습니다 (아직 쓰는 중). 다음 실행에서 읽습니다.", false);
        return (bytes, null, age < options.UnterminatedQuietPeriod);
    }

    /// <summary>
    /// The files of one snapshot date: read all, refuse them all when together they would move more than the allowed
    /// share of the district out (unless confirmed), else commit each.
    /// </summary>
    /// <param name="besideCommit">Called when the accepted parts are about to be committed (what may run meanwhile).</param>
    /// <param name="ahead">This date's parts read ahead, beside the snapshot before (null: none).</param>
    /// <param name="nextAhead">Called when the accepted parts are about to be committed, after <paramref name="besideCommit"/>: the next snapshot's read ahead starts.</param>
    async Task<List<IngestFileResult>> IngestSnapshotAsync(RunState run, List<InboxEntry> group, DateOnly date, string quarantineDir, CancellationToken ct,
        Action? besideCommit = null, SnapshotAhead? ahead = null, Action? nextAhead = null)
    {
        var aheadParts = ahead is null ? [] : await ahead.PartsAsync();
        var results = new List<IngestFileResult>();
        // The newest stored snapshot and its households, before this group's parts are included (taken when the first part
        // is, so that a group skipped whole reads nothing of the registry).
        DateOnly? previous = null;
        List<string> present = [];
        var reads = new List<Read>();
        // Parts are included in the context as read (duplicates across parts); the context is reloaded if any is not committed.
        var tentative = false;
        foreach (var entry in group)
        {
            var read = await ReadAsync(run, entry, ct, ahead: aheadParts.FirstOrDefault(p => p.Entry == entry));
            if (read.Batch is { File.Rejected: false } b)
            {
                if (!tentative)
                {
                    (previous, present) = NewestSnapshot(run.Context, date);
                    if (previous > date) run.RegistryOutOfOrder = true;
                }
                run.Context.Include(b);
                tentative = true;
                read = read with { IncludedIn = run.Context };
            }
            reads.Add(read);
        }

        var ids = reads.Where(r => r.Batch is { File.Rejected: false }).SelectMany(r => r.Batch!.Households).Select(h => h.HouseholdId)
            .ToHashSet(StringComparer.Ordinal);
        if (ids.Count > 0 && previous is { } before && MovedOutRefusal(date, before, present, ids, reads.Count(r => r.Batch is not null)) is { } refusal)
        {
            logger.LogWarning("Refused the household snapshot of {SnapshotDate}: {Reason}", date, refusal);
            for (var k = 0; k < reads.Count; k++)
                if (reads[k].Batch is { File.Rejected: false } b)
                    reads[k] = reads[k] with { Batch = IngestBatch.Empty(b.File with { Accepted = 0, Duplicate = 0, Quarantined = 0, Notes = [], RejectedReason = refusal }) };
        }

        // The accepted parts go into the store together, in one transaction: a run that dies or fails between two parts
        // leaves none of them, never half a registry that tips would be resolved against (docs/bad-input-replay.md).
        // (A part with the same bytes as another, e.g. a link to it, is committed after them and skipped as before.)
        var accepted = reads.Where(r => r.Batch is { File.Rejected: false }).DistinctBy(r => r.Batch!.File.Sha256, StringComparer.Ordinal).ToList();
        if (accepted.Count > 0)
        {
            besideCommit?.Invoke();
            nextAhead?.Invoke();
        }
        var together = accepted.Count > 1 ? await CommitPartsAsync(run, accepted, quarantineDir, ct) : null;
        var failed = false;
        foreach (var read in reads)
        {
            var result = read.Batch is null ? read.Result!
                : together is not null && together.TryGetValue(read, out var part) ? part
                : await CommitAsync(run, read, quarantineDir, ct);
            failed |= result.Status is IngestFileStatus.Failed or IngestFileStatus.Rejected;
            results.Add(result);
        }
        if (tentative && failed)
        {
            try { await run.ReloadAsync(ct); }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                logger.LogWarning("Could not reload the stored keys after a refused snapshot: {ErrorType}", e.GetType().Name);
            }
        }
        return results;
    }

    /// <summary>The newest snapshot in <paramref name="context"/> and, when <paramref name="date"/> is newer, its households.</summary>
    static (DateOnly? Newest, List<string> Present) NewestSnapshot(IngestContext context, DateOnly date)
    {
        DateOnly? newest = null;
        foreach (var h in context.Households.Values) if (newest is null || h.SnapshotDate > newest) newest = h.SnapshotDate;
        var present = newest is { } p && date > p
            ? context.Households.Values.Where(h => h.SnapshotDate == p).Select(h => h.HouseholdId).ToList()
            : [];
        return (newest, present);
    }

    /// <summary>
    /// Why a newer snapshot (<paramref name="present"/>: the households of the newest stored one, empty when the
    /// snapshot is not newer) with these households is refused, or null.
    /// </summary>
    string? MovedOutRefusal(DateOnly date, DateOnly previous, List<string> present, HashSet<string> ids, int files)
    {
        var movedOut = present.Count(id => !ids.Contains(id));
        var allowed = AllowedMovedOutShare(previous, date);
        if (present.Count == 0 || movedOut <= allowed * present.Count || options.ConfirmMovedOut) return null;
        return $"이 세대 명부(기준일 {date:yyyy-MM-dd}, 파일 {files}개)를 받으면 지금 명부의 {present.Count:N0}세대 중 {movedOut:N0}세대" +
               $"({(double)movedOut / present.Count:P1})가 전출로 처리됩니다. 한도({allowed:P0}, 이전 명부 {previous:yyyy-MM-dd} 이후)를 넘어 받지 않았습니다: " +
               "명부의 일부만 담긴 파일이면 같은 날짜의 나머지 파일과 함께 보내 주세요. 정말 이만큼 전출되었다면 --confirm-moved-out 으로 다시 실행해 주세요.";
    }

    /// <summary>
    /// <see cref="IngestOptions.MaxMovedOutShare"/> for each month since the previous snapshot (at least one), at most five
    /// times it: households really move (about 1% a month), so a six-monthly extract may move more out than a monthly one,
    /// while a part or a correction file (half the registry or more) is refused whatever the gap.
    /// </summary>
    double AllowedMovedOutShare(DateOnly previous, DateOnly date)
    {
        var months = Math.Max(1, Math.Round((date.DayNumber - previous.DayNumber) / 30.44));
        return Math.Min(options.MaxMovedOutShare * months, options.MaxMovedOutShare * 5);
    }

    /// <summary>
    /// Several accepted parts of one snapshot date committed in one store transaction: every part is ingested, or every
    /// part failed (or was committed meanwhile by another run) and nothing of them is stored.
    /// </summary>
    async Task<Dictionary<Read, IngestFileResult>> CommitPartsAsync(RunState run, List<Read> parts, string quarantineDir, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = new Dictionary<Read, IngestFileResult>(ReferenceEqualityComparer.Instance);
        try
        {
            var quarantineFiles = new string?[parts.Count];
            for (var k = 0; k < parts.Count; k++) quarantineFiles[k] = await WriteQuarantineAsync(parts[k].Batch!, quarantineDir, ct);
            if (!await store.CommitFilesAsync(parts.Select(p => p.Batch!).ToList(), ct))
            {
                // Another run committed one of these files meanwhile (theirs stands); the others are read again next run.
                foreach (var read in parts)
                {
                    var winner = await store.FindFileAsync(read.Batch!.File.Sha256, ct);
                    logger.LogInformation("Not committed {FileName}: a part of the same snapshot was committed meanwhile by another run ({Sha256})",
                        read.Entry.Name, read.Batch.File.Sha256);
                    results[read] = winner is { Rejected: false }
                        ? new IngestFileResult(read.Entry.Name, IngestFileStatus.Skipped, winner, null, null)
                        : new IngestFileResult(read.Entry.Name, IngestFileStatus.Deferred, null, null,
                            "같은 기준일의 다른 명부 파일을 다른 실행이 먼저 저장했습니다. 다음 실행에서 다시 읽습니다.");
                }
                await run.ReloadAsync(ct);
                return results;
            }
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            for (var k = 0; k < parts.Count; k++)
            {
                var (read, file) = (parts[k], parts[k].Batch!.File);
                if (read.IncludedIn != run.Context) run.Context.Include(read.Batch!);
                run.Known.Add(file.Sha256);
                logger.LogInformation(
                    "Ingested {FileName} ({Feed}, {Encoding}): {RowsRead} read, {Accepted} accepted, {Duplicate} duplicate, {Quarantined} quarantined; read {ReadSeconds:F2} s, committed with the other parts of its snapshot in {Seconds:F2} s",
                    read.Entry.Name, file.Feed, file.Encoding, file.RowsRead, file.Accepted, file.Duplicate, file.Quarantined, read.Seconds, seconds);
                results[read] = new IngestFileResult(read.Entry.Name, IngestFileStatus.Ingested, file, quarantineFiles[k], null);
            }
            return results;
        }
        catch (Exception e) when (IsFileFailure(e, ct))
        {
            foreach (var read in parts) results[read] = Failed(read.Entry.Name, e);
            return results;
        }
    }

    /// <summary>Commits a file and waits for it (a snapshot's part: the next file is read against what it stored).</summary>
    async Task<IngestFileResult> CommitAsync(RunState run, Read read, string quarantineDir, CancellationToken ct)
    {
        var name = read.Entry.Name;
        var batch = read.Batch!;
        var file = batch.File;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (RefusedAgain(read) is { } again) return again;
            var quarantineFile = await WriteQuarantineAsync(batch, quarantineDir, ct);
            if (!await store.CommitFileAsync(batch, ct)) return await CommittedMeanwhileAsync(run, read, ct);
            Remember(run, read);
            return Committed(read, quarantineFile, started);
        }
        catch (Exception e) when (IsFileFailure(e, ct))
        {
            return Failed(name, e);
        }
    }

    /// <summary>
    /// A failure caused by this file (its bytes, its data, an error reading it) rather than by the environment: the
    /// store being unreachable or failing as a whole, or the quarantine folder not writable, stops the run instead
    /// (every other file would fail the same way).
    /// </summary>
    static bool IsFileFailure(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is not OperationCanceledException and not QuarantineFolderException
        && (e is not DbException db || db.SqlState is { } state && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal)));

    /// <summary>A file that failed unexpectedly: reported with a reason that names no value, logged, not recorded.</summary>
    IngestFileResult Failed(string name, Exception e)
    {
        var sqlState = (e as DbException)?.SqlState;
        logger.LogError("Failed {FileName}: {ErrorType} {SqlState}; not recorded, the next run tries it again", name, e.GetType().Name, sqlState);
        var reason = e switch
        {
            FileTooLargeException big => $"파일이 너무 큽니다 (최대 {big.MaxBytes / (1 << 20):N0} MiB). 나누어 보내 주세요.",
            UnauthorizedAccessException => "파일을 읽을 권한이 없습니다. 파일 권한을 확인해 주세요. 다음 실행에서 다시 시도합니다.",
            FileNotFoundException or DirectoryNotFoundException => "읽는 사이에 파일이 없어졌습니다. 다음 실행에서 다시 시도합니다.",
            IOException => "파일을 읽지 못했습니다 (입출력 오류). 다음 실행에서 다시 시도합니다.",
            DbException => $"저장소에 저장하지 못했습니다 ({e.GetType().Name}{(sqlState is null ? "" : " " + sqlState)}). 다음 실행에서 다시 시도합니다.",
            _ => $"처리하지 못했습니다 ({e.GetType().Name}). 다음 실행에서 다시 시도합니다.",
        };
        return new IngestFileResult(name, IngestFileStatus.Failed, null, null, reason);
    }

    /// <summary>The quarantine folder cannot be written: an environment error that stops the run.</summary>
    public sealed class QuarantineFolderException(string directory, Exception inner)
        : IOException($"The quarantine folder cannot be written: {directory}", inner)
    {
        public string Directory { get; } = directory;
    }

    sealed class FileTooLargeException(long maxBytes) : IOException("The file is larger than the configured maximum.")
    {
        public long MaxBytes { get; } = maxBytes;
    }

    /// <summary>
    /// Configuration first, then household snapshots by snapshot date (a name without a date counts as today), then
    /// every other file, by ordinal name within each; entries that are only reported (ignored, failed) come last.
    /// </summary>
    internal IEnumerable<InboxEntry> InProcessingOrder(IEnumerable<InboxEntry> entries, DateOnly today) =>
        entries.OrderBy(e => e.Result is not null ? 3 : e.Feed switch
            {
                Feed.TargetsBaseline or Feed.Capacity => 0,
                Feed.Households => 1,
                _ => 2,
            })
            .ThenBy(e => e.Feed == Feed.Households && e.Result is null ? SnapshotDate(e, today) : DateOnly.MinValue)
            .ThenBy(e => e.Name, StringComparer.Ordinal);
}

/// <summary>How far an inbox's ingest is: <paramref name="Done"/> of <paramref name="Total"/> files.</summary>
public readonly record struct FileProgress(int Done, int Total);
