using System.Data.Common;
using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Storage.Schema;

namespace BlindSpot.Storage.Sql;

/// <summary>
/// The storage contract over ADO.NET, shared by both engines: the SQL is written once in the dialect both
/// SQLite and PostgreSQL accept (named parameters, ON CONFLICT), and only types, connections and bulk loads differ.
/// </summary>
/// <param name="historyCache">Where the district's history is kept between runs (null: read from the tables every time).</param>
internal sealed partial class SqlStore(SqlDialect dialect, TimeProvider? clock = null, DistrictHistoryCache? historyCache = null) : IBlindSpotStore
{
    /// <summary>The clock of the timestamps the store writes itself (job runs), in KST like every time in BlindSpot.</summary>
    readonly TimeProvider clock = clock ?? TimeProvider.System;

    DateTime NowKst => Db.Kst(Core.Time.Kst.Now(clock));

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Engine => dialect.Engine;

    internal SqlDialect Dialect => dialect;

    public Task<IAsyncDisposable?> TryLockInboxAsync(CancellationToken ct) => dialect.TryLockInboxAsync(ct);

    public Task MigrateAsync(CancellationToken ct) => MigrateAsync(Migrations.Latest, ct);

    /// <summary>Applies the migrations up to <paramref name="upTo"/> (tests build an old schema with it).</summary>
    internal async Task MigrateAsync(int upTo, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await Db.ExecAsync(c, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL)", ct);
        foreach (var m in Migrations.All.Where(m => m.Version <= upTo))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            // Two servers may start at once: the primary key makes the second one's claim fail, and it rolls back.
            var applied = await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM schema_version WHERE version = @p0", ct, m.Version);
            if (Convert.ToInt64(applied) > 0) { await tx.RollbackAsync(ct); continue; }
            try
            {
                await Db.ExecAsync(c, tx, "INSERT INTO schema_version (version, description) VALUES (@p0, @p1)", ct, m.Version, m.Description);
                foreach (var sql in m.Statements(dialect)) await Db.ExecAsync(c, tx, sql, ct);
                await tx.CommitAsync(ct);
            }
            catch (DbException)
            {
                await tx.RollbackAsync(CancellationToken.None);
                if (!await IsAppliedByAnotherAsync(m.Version, ct)) throw;
            }
        }
    }

    async Task<bool> IsAppliedByAnotherAsync(int version, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return Convert.ToInt64(await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM schema_version WHERE version = @p0", ct, version)) > 0;
    }

    /// <summary>True when this database holds a BlindSpot store (its schema_version table), at any version.</summary>
    public async Task<bool> IsStoreAsync(CancellationToken ct) => (await InspectAsync(ct)).IsStore;

    /// <summary>What the database holds before anything is created in it (<see cref="StoreState"/>).</summary>
    public async Task<StoreState> InspectAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await StoreState.ReadAsync(c, dialect.TableCountSql,
            dialect.TableExistsSql.Replace("@p0", "'schema_version'", StringComparison.Ordinal), ct);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return Convert.ToInt32(await Db.ScalarAsync(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct));
    }

    // ---------------------------------------------------------------- ingest

    public async Task<FileLedgerEntry?> FindFileAsync(string sha256, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = await Db.QueryAsync(c, $"SELECT {Tables.Files.ColumnList} FROM ingested_files WHERE sha256 = @p0", ReadFile, ct, sha256);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<FileLedgerEntry>> ListFilesAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c, $"SELECT {Tables.Files.ColumnList} FROM ingested_files ORDER BY ingested_at, file_name, sha256", ReadFile, ct);
    }

    public async Task<IReadOnlyList<InboxStamp>> ListInboxStampsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c, $"SELECT {Tables.InboxStamps.ColumnList} FROM inbox_stamps",
            r => new InboxStamp(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)), ct);
    }

    public async Task SaveInboxStampsAsync(IReadOnlyList<InboxStamp> stamps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stamps);
        if (stamps.Count == 0) return;
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await dialect.BulkInsertAsync(c, tx, Tables.InboxStamps, stamps.Select(s => new object?[] { s.FileName, s.Size, s.ModifiedTicks, s.Sha256 }), upsert: true, ct);
        await tx.CommitAsync(ct);
    }

    static FileLedgerEntry ReadFile(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Enum.Parse<Feed>(r.GetString(2)), r.GetString(3),
        r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.NullableString(8),
        JsonSerializer.Deserialize<string[]>(r.GetString(9), Json) ?? [], r.Timestamp(10));

    public async Task<IReadOnlyList<QuarantinedRow>> ListQuarantineAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c,
            "SELECT file_sha256, file_name, line, column_name, reason, raw FROM quarantine ORDER BY file_name, file_sha256, line",
            r => new QuarantinedRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.NullableString(3), r.GetString(4), r.GetString(5)), ct);
    }

    public async Task<IngestContext> LoadIngestContextAsync(CancellationToken ct)
    {
        var ctx = new IngestContext();
        await LoadIngestContextPartsAsync(ctx, IngestContextParts.All, ct);
        return ctx;
    }

    public async Task LoadIngestContextPartsAsync(IngestContext ctx, IngestContextParts parts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        await using var c = await dialect.OpenConnectionAsync(ct);
        if (parts.HasFlag(IngestContextParts.CrisisKeys))
            await ReadAllAsync(c, "SELECT household_id, month, indicator FROM crisis", r =>
                ctx.CrisisKeys.Add(IngestKeys.Crisis(r.GetString(0), r.Date(1), r.GetString(2))), ct);
        if (parts.HasFlag(IngestContextParts.TipIds))
            await ReadAllAsync(c, "SELECT source, tip_id FROM tips", r =>
                (r.GetString(0) == nameof(TipSource.Officer) ? ctx.OfficerTipIds : ctx.HotlineCallIds).Add(r.GetString(1)), ct);
        if (parts.HasFlag(IngestContextParts.OutcomeKeys))
            await ReadAllAsync(c, "SELECT household_id, visited_on, result FROM outcomes", r =>
            {
                var key = IngestKeys.Outcome(r.GetString(0), r.Date(1));
                ctx.OutcomeKeys.Add(key);
                ctx.OutcomeResults[key] = Enum.Parse<VisitResult>(r.GetString(2));
            }, ct);
        if (parts.HasFlag(IngestContextParts.FeedKeys))
            foreach (var table in FeedTables.All.Where(t => !t.NewestWins))
                await table.LoadKeysAsync(c, ctx.KeysOf(table.RowType), ct);
        var keys = parts.HasFlag(IngestContextParts.SnapshotKeys);
        if (parts.HasFlag(IngestContextParts.Registry))
        {
            var housingTypes = new StringPool();
            // One pass over the registry: every (household, snapshot) key when asked for, and the newest version of each
            // household for id checks and address matching (by snapshot date, so the newest is read last; the insertion
            // order of the households is the order of this query).
            await ReadAllAsync(c, "SELECT household_id, snapshot_date, dong, address, head_name, phone, head_sex, head_birth_year, members, children_under_2, " +
                "single_parent, pregnant, housing_type FROM household_versions " +
                "ORDER BY snapshot_date", r =>
            {
                var id = r.GetString(0);
                var snapshot = r.Date(1);
                if (keys) ctx.HouseholdSnapshotKeys.Add(IngestKeys.Household(id, snapshot));
                ctx.Households[id] = new HouseholdRef(id, r.GetString(2), r.GetString(3), r.GetString(4), snapshot,
                    r.NullableString(5), Enum.Parse<Sex>(r.GetString(6)), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9),
                    r.NullableBool(10) == true, r.NullableBool(11) == true, housingTypes.Of(r.GetString(12)));
            }, ct);
        }
        else if (keys)
        {
            await ReadAllAsync(c, "SELECT household_id, snapshot_date FROM household_versions", r =>
                ctx.HouseholdSnapshotKeys.Add(IngestKeys.Household(r.GetString(0), r.Date(1))), ct);
        }
    }

    public async Task<DateOnly?> LoadNewestSnapshotDateAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = await Db.QueryAsync(c, "SELECT MAX(snapshot_date) FROM household_versions", r => r.IsDBNull(0) ? (DateOnly?)null : r.Date(0), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    static async Task ReadAllAsync(DbConnection c, string sql, Action<DbDataReader> each, CancellationToken ct)
    {
        await using var cmd = Db.Command(c, null, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) each(r);
    }

    public Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct) => CommitFilesAsync([batch], ct);

    public async Task<bool> CommitFilesAsync(IReadOnlyList<IngestBatch> batches, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var batch in batches)
            if (!await WriteFileAsync(c, tx, batch, ct)) { await tx.RollbackAsync(ct); return false; }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>One file's ledger line, rows and quarantine in <paramref name="tx"/>; false when its bytes were committed before.</summary>
    async Task<bool> WriteFileAsync(DbConnection c, DbTransaction tx, IngestBatch batch, CancellationToken ct)
    {
        var f = batch.File;
        // A refusal is not remembered as known: the same bytes read again (renamed, or confirmed) replace it.
        await Db.ExecAsync(c, tx, "DELETE FROM ingested_files WHERE sha256 = @p0 AND rejected_reason IS NOT NULL", ct, f.Sha256);
        // The ledger row goes first: if another server committed these bytes meanwhile, nothing else is written.
        var claimed = await dialect.BulkInsertAsync(c, tx, Tables.Files,
        [[
            f.Sha256, f.FileName, f.Feed.ToString(), f.Encoding, f.RowsRead, f.Accepted, f.Duplicate, f.Quarantined,
            f.RejectedReason, JsonSerializer.Serialize(f.Notes, Json), Db.Kst(f.IngestedAt),
        ]], upsert: false, ct);
        if (claimed == 0) return false;

        var sha = f.Sha256;
        // A history row names its file by number (Tables.HistoryFiles): the next one, drawn in this transaction (one
        // ingest writes a district's history at a time: it holds the inbox lock; the key refuses a second drawer).
        object? fileNo = batch.Households.Count > 0 || batch.Crisis.Count > 0
            ? Convert.ToInt64(await Db.ScalarAsync(c, tx, "INSERT INTO history_files (file_no, sha256) " +
                "SELECT COALESCE(MAX(file_no), 0) + 1, @p0 FROM history_files RETURNING file_no", ct, sha))
            : null;
        // Booleans, small integers and repeated dates as shared boxes (Boxes): the same values, a few allocations a file.
        var dates = new Boxes.Dates();
        // One array for every row (Boxes.Reused): the dialect takes each row's values before the next.
        await dialect.BulkInsertAsync(c, tx, Tables.HouseholdVersions, Boxes.Reused(batch.Households, Tables.HouseholdVersions.Columns.Length, (h, row) =>
        {
            row[0] = h.HouseholdId; row[1] = dates.Of(h.SnapshotDate); row[2] = h.Dong; row[3] = h.Address; row[4] = h.HeadName;
            row[5] = h.Phone; row[6] = Boxes.Of(h.HeadBirthYear); row[7] = Boxes.Of(h.HeadSex); row[8] = Boxes.Of(h.Members);
            row[9] = Boxes.Of(h.ChildrenUnder2); row[10] = Boxes.Of(h.SingleParent); row[11] = Boxes.Of(h.Pregnant);
            row[12] = Boxes.Of(h.Disability); row[13] = h.HousingType; row[14] = h.Tenure; row[15] = dates.Of(h.MovedIn);
            row[16] = Boxes.Of(h.BasicLivelihood); row[17] = Boxes.Of(h.CaseManaged); row[18] = fileNo;
        }), upsert: false, ct);
        // In key order: a month's file lists its households in no order, and rows inserted in the order of the table's key
        // index touch each of its pages once instead of a random page per row (~20,000 rows into ~240,000). Every read of
        // the table orders by that key (or collects a set), so the order rows went in is seen nowhere.
        var crisisInKeyOrder = batch.Crisis
            .OrderBy(x => x.HouseholdId, StringComparer.Ordinal).ThenBy(x => x.Month).ThenBy(x => x.Indicator, StringComparer.Ordinal);
        await dialect.BulkInsertAsync(c, tx, Tables.Crisis, Boxes.Reused(crisisInKeyOrder, Tables.Crisis.Columns.Length, (x, row) =>
        {
            row[0] = x.HouseholdId; row[1] = dates.Of(x.Month); row[2] = x.Indicator; row[3] = x.Value; row[4] = Boxes.Of(x.KnownCode);
            row[5] = fileNo;
        }), upsert: false, ct);
        await dialect.BulkInsertAsync(c, tx, Tables.Tips, batch.Tips.Select(t => new object?[]
        {
            t.Source.ToString(), t.TipId, Db.Kst(t.ReceivedAt), t.SourceDetail, t.Dong, t.Address, t.SubjectName, t.Phone,
            t.HouseholdId, t.Match.ToString(), t.Category, t.Urgent, t.Note, sha, t.LinkConfidence, Ids(t.Candidates),
            Ids(t.RejectedCandidates), t.ResolvedAgainst,
        }), upsert: false, ct);
        if (batch.Households.Count + batch.Crisis.Count > 0) await CountHistoryChangeAsync(c, tx, ct);
        await dialect.BulkInsertAsync(c, tx, Tables.Outcomes, batch.Outcomes.Select(o => new object?[]
            { o.HouseholdId, o.VisitedOn, o.Result.ToString(), o.Services, o.WorkerId, sha }), upsert: false, ct);
        // Corrections (정정): the stored result goes to the history, the new one replaces it.
        foreach (var o in batch.OutcomeCorrections)
        {
            await Db.ExecAsync(c, tx,
                "INSERT INTO outcome_history (household_id, visited_on, result, services, worker_id, file_sha256, replaced_by_sha256, replaced_at) " +
                "SELECT household_id, visited_on, result, services, worker_id, file_sha256, @p2, @p3 FROM outcomes WHERE household_id = @p0 AND visited_on = @p1 " +
                "ON CONFLICT (household_id, visited_on, replaced_by_sha256) DO NOTHING",
                ct, o.HouseholdId, o.VisitedOn, sha, Db.Kst(f.IngestedAt));
            await Db.ExecAsync(c, tx,
                "UPDATE outcomes SET result = @p2, services = @p3, worker_id = @p4, file_sha256 = @p5 WHERE household_id = @p0 AND visited_on = @p1",
                ct, o.HouseholdId, o.VisitedOn, o.Result.ToString(), o.Services, o.WorkerId, sha);
        }
        // Notes typed beside a web result: only beside an outcome this file stored or corrected.
        await dialect.BulkInsertAsync(c, tx, Tables.VisitNotes, batch.VisitNotes.Select(n => new object?[]
            { n.HouseholdId, n.VisitedOn, sha, n.Dong, n.Text, n.WrittenBy, Db.Kst(n.WrittenAt), n.Correction }), upsert: false, ct);
        // Every other feed's rows, by its table's registration (configuration: the newest file wins for a key).
        foreach (var table in FeedTables.All)
        {
            var rows = table.Values(batch.Rows, sha);
            if (rows.Count > 0) await dialect.BulkInsertAsync(c, tx, table.Table, rows, upsert: table.NewestWins, ct);
        }
        await dialect.BulkInsertAsync(c, tx, Tables.Quarantine, batch.Quarantine.Select(q => new object?[]
            { sha, q.Line, q.FileName, q.Column, q.Reason, q.Raw }), upsert: false, ct);
        return true;
    }

    public async Task<IReadOnlyList<OutcomeRevision>> ListOutcomeHistoryAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c,
            "SELECT household_id, visited_on, result, services, worker_id, file_sha256, replaced_by_sha256, replaced_at FROM outcome_history " +
            "ORDER BY household_id, visited_on, replaced_at",
            r => new OutcomeRevision(new Outcome(r.GetString(0), r.Date(1), Enum.Parse<VisitResult>(r.GetString(2)), r.NullableString(3), r.GetString(4)),
                r.GetString(5), r.GetString(6), r.Timestamp(7)), ct);
    }

    public async Task<IReadOnlyList<VisitNote>> LoadVisitNotesAsync(string dong, IReadOnlyCollection<string> householdIds, CancellationToken ct)
    {
        if (householdIds.Count == 0) return [];
        var wanted = householdIds.ToHashSet(StringComparer.Ordinal);
        await using var c = await dialect.OpenConnectionAsync(ct);
        // A dong's notes are few (a few per visit); the household filter runs here rather than as a long IN list.
        var notes = await Db.QueryAsync(c,
            "SELECT household_id, visited_on, dong, note, written_by, written_at, correction FROM visit_notes WHERE dong = @p0 AND note <> '' " +
            "ORDER BY household_id, visited_on, written_at, file_sha256",
            r => new VisitNote(r.GetString(0), r.Date(1), r.GetString(2), r.GetString(3), r.GetString(4), r.Timestamp(5), r.GetBoolean(6)), ct, dong);
        return notes.Where(n => wanted.Contains(n.HouseholdId)).ToList();
    }

    // ---------------------------------------------------------------- district read model

    public Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct) => LoadDistrictAsync(asOf, null, ct);

    public async Task<DistrictData> LoadDistrictAsync(DateOnly asOf, DistrictHistoryAhead? ahead, CancellationToken ct)
    {
        // The large reads run side by side, each on its own connection (a district is ~650,000 rows at 190,000
        // households: on 2 cores this about halves the wall time). Like before, each read sees the store as of its own
        // statement; the ingest lock keeps files from being committed by this run meanwhile. The history (registry
        // versions, crisis rows) comes from the kept copy when the store's history has not changed since it was written.
        var tips = OnOwnConnectionAsync(c => Db.QueryAsync(c, $"SELECT {TipColumns} FROM tips WHERE received_at < @p0 ORDER BY received_at, source, tip_id",
            ReadTip, ct, asOf.AddDays(1).ToDateTime(TimeOnly.MinValue)), ct);

        var outcomes = OnOwnConnectionAsync(c => Db.QueryAsync(c,
            "SELECT household_id, visited_on, result, services, worker_id FROM outcomes WHERE visited_on <= @p0 AND visited_on >= @p1 ORDER BY visited_on, household_id",
            r => new Outcome(r.GetString(0), r.Date(1), Enum.Parse<VisitResult>(r.GetString(2)), r.NullableString(3), r.GetString(4)), ct, asOf,
            Core.Contract.DateWindows.Earliest), ct); // a visit stored before the date windows existed cannot break the labels

        // A month's figures are known once the month is over (DistrictData.IsCrisisKnown).
        var lastKnownMonth = asOf.AddDays(1).AddMonths(-1);
        var history = Task.Run(async () => await FromAheadAsync(ahead, lastKnownMonth, ct) ?? (historyCache is null
            ? await ReadHistoryAsync(lastKnownMonth, await ReadHistoryKeyAsync(ct), ct)
            : await KeptHistoryAsync(historyCache, lastKnownMonth, ct)), ct);

        await Task.WhenAll(history, tips, outcomes);
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = FeedRows.Empty;
        foreach (var table in FeedTables.All) rows = rows.With(table.RowType, await table.LoadAsync(c, asOf, ct));

        var (versions, crisis) = await history;
        return new DistrictData(asOf) { HouseholdVersions = versions, Crisis = crisis, Tips = await tips, Outcomes = await outcomes, Rows = rows };
    }

    public async Task<IReadOnlyDictionary<string, HouseholdContact>> LoadContactsAsync(IReadOnlyCollection<Household> versions, CancellationToken ct)
    {
        var wanted = new Dictionary<string, DateOnly>(versions.Count, StringComparer.Ordinal);
        foreach (var v in versions) wanted[v.HouseholdId] = v.SnapshotDate;
        var contacts = new Dictionary<string, HouseholdContact>(wanted.Count, StringComparer.Ordinal);
        if (wanted.Count == 0) return contacts;
        await using var c = await dialect.OpenConnectionAsync(ct);
        // A few hundred households a day: by id, a few hundred at a time (well within both engines' parameter limits);
        // each household's other versions (a handful of snapshots) are read and passed over.
        foreach (var chunk in wanted.Keys.Chunk(500))
        {
            var list = string.Join(", ", chunk.Select((_, i) => $"@p{i}"));
            var rows = await Db.QueryAsync(c, $"SELECT household_id, snapshot_date, head_name, address, phone FROM household_versions WHERE household_id IN ({list})",
                r => new HouseholdContact(r.GetString(0), r.Date(1), r.GetString(2), r.GetString(3), r.NullableString(4)), ct, chunk);
            foreach (var row in rows)
                if (wanted[row.HouseholdId] == row.SnapshotDate) contacts[row.HouseholdId] = row;
        }
        return contacts;
    }

    /// <summary>
    /// The history from the cache when its key is the store's, else from the tables (every month), written to the
    /// cache for the next run. The key is read before the tables: a file committed meanwhile makes the next key differ.
    /// Crisis months not known by the day are cut here exactly as the query cuts them.
    /// </summary>
    async Task<DistrictHistory> KeptHistoryAsync(DistrictHistoryCache cache, DateOnly lastKnownMonth, CancellationToken ct) =>
        Known(await WholeKeptHistoryAsync(cache, await ReadHistoryKeyAsync(ct), ct), lastKnownMonth);

    /// <summary>Every month of the history under <paramref name="key"/> (read before): from the cache, else from the tables
    /// and then kept.</summary>
    async Task<DistrictHistory> WholeKeptHistoryAsync(DistrictHistoryCache cache, DistrictHistoryKey? key, CancellationToken ct)
    {
        if (key is null) return await ReadHistoryAsync(lastKnownMonth: null, key, ct);
        await cache.WaitForKeepingAsync(ct); // a write of this store still under way (e.g. an earlier load's) is the file to read
        var kept = cache.TryRead(key);
        if (kept is null)
        {
            kept = await ReadHistoryAsync(lastKnownMonth: null, key, ct);
            // Written beside what the caller does next (a first run: training); the store's disposal waits for it.
            _ = cache.KeepBeside(key, kept);
        }
        return kept;
    }

    /// <summary>The history as a day knows it: crisis months after <paramref name="lastKnownMonth"/> cut exactly as the query
    /// cuts them (the same rows in the same order).</summary>
    static DistrictHistory Known(DistrictHistory whole, DateOnly lastKnownMonth) =>
        whole with { Crisis = whole.Crisis.Where(x => x.Month <= lastKnownMonth).ToList() };

    /// <summary>
    /// Reads ahead only the kept file of the store's history (a day's run): the tables (a first run, a run after a new
    /// snapshot or crisis month, no cache) are not, because that read holds the history beside an ingest that holds the
    /// registry and the resolver's index, over the peak allowed: ~150 MB in the eleventh pass, and still 616-729 MB against
    /// 556-593 for a first run without contact details, for no wall gain (docs/adr/0006, eleventh and thirteenth passes).
    /// </summary>
    public DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => historyCache is not { } cache ? null : new HistoryAhead(this, Task.Run(async () =>
    {
        // The key first, as for the cache: a file committed during the read makes the key read at the load differ.
        var key = await ReadHistoryKeyAsync(ct);
        if (key is null) return null;
        await cache.WaitForKeepingAsync(ct);
        return cache.TryRead(key) is { } kept ? new KeyedHistory(key, kept) : null;
    }, ct));

    sealed record KeyedHistory(DistrictHistoryKey Key, DistrictHistory Whole);

    /// <summary>A history read ahead by this store: every month, and the key read before it.</summary>
    sealed class HistoryAhead(SqlStore owner, Task<KeyedHistory?> read) : DistrictHistoryAhead
    {
        public SqlStore Owner => owner;
        public Task<KeyedHistory?> Read => read;
        public override Task Completion { get; } = read.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        int taken;

        /// <summary>Marks it given to a load (once): false when a load was given it before.</summary>
        public bool Take(HistoryAheadUse use)
        {
            if (Interlocked.Exchange(ref taken, 1) != 0) return false;
            Use = use;
            return true;
        }
    }

    /// <summary>
    /// The history of <paramref name="ahead"/> as the day knows it, when this store read it and the store's history key
    /// now is the one read before it (nothing changed household_versions or crisis since: the same rows, in the same
    /// order, as reading them now); null otherwise (then the history is read as without it). Used once.
    /// </summary>
    async Task<DistrictHistory?> FromAheadAsync(DistrictHistoryAhead? ahead, DateOnly lastKnownMonth, CancellationToken ct)
    {
        if (ahead is not HistoryAhead mine || !ReferenceEquals(mine.Owner, this)) return null;
        KeyedHistory? read;
        try
        {
            read = await mine.Read;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            mine.Take(HistoryAheadUse.Failed); // the load reads the history itself, and meets the same failure if it lasts
            return null;
        }
        if (read is null) return null;
        var now = await ReadHistoryKeyAsync(ct);
        if (!Equals(now, read.Key))
        {
            mine.Take(HistoryAheadUse.Stale);
            return null;
        }
        return mine.Take(HistoryAheadUse.Used) ? Known(read.Whole, lastKnownMonth) : null;
    }

    /// <summary>The store's id, history change counter and history row counts (the counts also catch rows written by
    /// hands or code that do not raise the counter); null when the store has no id (an old schema).</summary>
    internal async Task<DistrictHistoryKey?> ReadHistoryKeyAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var state = await Db.QueryAsync(c, "SELECT store_id, history_changes FROM store_state", r => (Id: r.GetString(0), Changes: r.GetInt64(1)), ct);
        if (state.Count != 1) return null;
        var versions = Convert.ToInt64(await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM household_versions", ct));
        var crisis = Convert.ToInt64(await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM crisis", ct));
        return new DistrictHistoryKey(state[0].Id, state[0].Changes, versions, crisis);
    }

    /// <summary>Raises the history change counter inside the transaction that changes household_versions or crisis.</summary>
    static Task CountHistoryChangeAsync(DbConnection c, DbTransaction tx, CancellationToken ct) =>
        Db.ExecAsync(c, tx, "UPDATE store_state SET history_changes = history_changes + 1", ct);

    /// <summary>
    /// Registry versions and crisis rows (up to <paramref name="lastKnownMonth"/>, or every month). With the store's
    /// history <paramref name="key"/> read before, each table is read in two halves side by side, each on its own
    /// connection: the rows of the households before the table's middle household id, then those from it on. Both halves
    /// are ordered as the whole query and split by the comparison the database orders by, so one after the other they are
    /// the whole query's rows in its order. The halves are two statements: when the key read after them differs (a file
    /// or a purge changed the history in between), or there is no key (an old schema), each table is read by one
    /// statement as before. (One statement per table kept one core busy ~1.5 s after a first run's ingest, the other
    /// less: the time is the provider's per-value work, not the database's.)
    /// </summary>
    internal async Task<DistrictHistory> ReadHistoryAsync(DateOnly? lastKnownMonth, DistrictHistoryKey? key, CancellationToken ct)
    {
        if (key is not null)
        {
            var halves = await ReadHistoryInHalvesAsync(lastKnownMonth, key, ct);
            if (Equals(await ReadHistoryKeyAsync(ct), key)) return halves;
        }
        var households = OnOwnConnectionAsync(c => dialect.ReadHistoryRowsAsync(c, $"{VersionColumns} ORDER BY {VersionOrder}", [], HistoryRows.Version, ct), ct);
        var crisis = OnOwnConnectionAsync(c => lastKnownMonth is { } month
            ? dialect.ReadHistoryRowsAsync(c, $"{CrisisColumns} WHERE month <= @p0 ORDER BY {CrisisOrder}", [month], HistoryRows.Crisis, ct)
            : dialect.ReadHistoryRowsAsync(c, $"{CrisisColumns} ORDER BY {CrisisOrder}", [], HistoryRows.Crisis, ct), ct);
        return new DistrictHistory(await households, await crisis);
    }

    const string VersionColumns = HistoryRows.VersionColumns;
    const string VersionOrder = "household_id, snapshot_date";
    const string CrisisColumns = HistoryRows.CrisisColumns;
    const string CrisisOrder = "household_id, month, indicator";

    async Task<DistrictHistory> ReadHistoryInHalvesAsync(DateOnly? lastKnownMonth, DistrictHistoryKey key, CancellationToken ct)
    {
        // The middle household id of each table (an index walk over household_id, its primary key's first column).
        var middles = await OnOwnConnectionAsync(async c =>
        {
            async Task<string?> MiddleAsync(string table, long rows) => rows < 2 ? null :
                (await Db.QueryAsync(c, $"SELECT household_id FROM {table} ORDER BY household_id LIMIT 1 OFFSET @p0", r => r.GetString(0), ct, rows / 2))
                .FirstOrDefault();
            return (Versions: await MiddleAsync("household_versions", key.Versions), Crisis: await MiddleAsync("crisis", key.CrisisRows));
        }, ct);
        var households = InHalvesAsync(VersionColumns, null, VersionOrder, middles.Versions, HistoryRows.Version, ct);
        var crisis = InHalvesAsync(CrisisColumns, lastKnownMonth is { } month ? ("month", month) : null, CrisisOrder, middles.Crisis, HistoryRows.Crisis, ct);
        return new DistrictHistory(await households, await crisis);
    }

    /// <summary>
    /// <paramref name="select"/>'s rows (with <paramref name="upTo"/>: those whose column is at most its value) ordered by
    /// <paramref name="orderBy"/> (household_id first): those before <paramref name="middle"/> and those from it on, side
    /// by side, each read on its own (<see cref="SqlDialect.ReadHistoryRowsAsync"/>); without a middle (fewer than two rows) in one statement.
    /// </summary>
    Task<List<T>> InHalvesAsync<T>(string select, (string Column, DateOnly Value)? upTo, string orderBy, string? middle,
        Func<IHistoryRow, T> map, CancellationToken ct)
    {
        Task<List<T>> Part(string? idCondition)
        {
            var conditions = new List<string>(2);
            var args = new List<object?>(2);
            if (idCondition is not null)
            {
                conditions.Add($"household_id {idCondition} @p{args.Count}");
                args.Add(middle);
            }
            if (upTo is { } u)
            {
                conditions.Add($"{u.Column} <= @p{args.Count}");
                args.Add(u.Value);
            }
            var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
            return OnOwnConnectionAsync(c => dialect.ReadHistoryRowsAsync(c, $"{select}{where} ORDER BY {orderBy}", [.. args], map, ct), ct);
        }
        if (middle is null) return Part(null);
        var (first, second) = (Part("<"), Part(">="));
        return JoinAsync(first, second);

        static async Task<List<T>> JoinAsync(Task<List<T>> first, Task<List<T>> second)
        {
            var (before, after) = (await first, await second);
            var all = new List<T>(before.Count + after.Count);
            all.AddRange(before);
            all.AddRange(after);
            return all;
        }
    }

    /// <summary>Runs a read on a connection of its own, on the thread pool (SQLite's ADO.NET calls complete synchronously).</summary>
    Task<T> OnOwnConnectionAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct) => Task.Run(async () =>
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await read(c);
    }, ct);

    // ---------------------------------------------------------------- tip links

    const string TipColumns =
        "source, tip_id, received_at, source_detail, dong, address, subject_name, phone, household_id, match_method, category, urgent, note, " +
        "link_confidence, candidates, rejected_candidates, resolved_against";

    static Tip ReadTip(DbDataReader r) => new(Enum.Parse<TipSource>(r.GetString(0)), r.GetString(1), r.Timestamp(2), r.GetString(3),
        r.GetString(4), r.GetString(5), r.NullableString(6), r.NullableString(7), r.NullableString(8), Enum.Parse<MatchMethod>(r.GetString(9)),
        r.NullableString(10), r.GetBoolean(11), r.GetString(12))
    {
        LinkConfidence = r.GetDouble(13),
        Candidates = SplitIds(r.GetString(14)),
        RejectedCandidates = SplitIds(r.GetString(15)),
        ResolvedAgainst = r.IsDBNull(16) ? null : r.Date(16),
    };

    /// <summary>Household ids are stored space-separated (ids never hold spaces: the contract's id rule).</summary>
    static string Ids(IReadOnlyList<string> ids) => string.Join(' ', ids);

    static string[] SplitIds(string stored) => stored.Length == 0 ? Array.Empty<string>() : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public async Task<IReadOnlyList<Tip>> LoadOpenTipsAsync(string? dong, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return dong is null
            ? await Db.QueryAsync(c, $"SELECT {TipColumns} FROM tips WHERE household_id IS NULL ORDER BY received_at, source, tip_id", ReadTip, ct)
            : await Db.QueryAsync(c, $"SELECT {TipColumns} FROM tips WHERE household_id IS NULL AND dong = @p0 ORDER BY received_at, source, tip_id", ReadTip, ct, dong);
    }

    public async Task<Tip?> FindTipAsync(TipSource source, string tipId, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = await Db.QueryAsync(c, $"SELECT {TipColumns} FROM tips WHERE source = @p0 AND tip_id = @p1", ReadTip, ct, source.ToString(), tipId);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<int> UpdateTipLinksAsync(IReadOnlyList<Tip> tips, CancellationToken ct)
    {
        if (tips.Count == 0) return 0;
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var updated = 0;
        foreach (var t in tips)
            updated += await Db.ExecAsync(c, tx,
                "UPDATE tips SET household_id = @p0, match_method = @p1, link_confidence = @p2, candidates = @p3, rejected_candidates = @p4, " +
                "resolved_against = @p5 WHERE source = @p6 AND tip_id = @p7", ct,
                t.HouseholdId, t.Match.ToString(), t.LinkConfidence, Ids(t.Candidates), Ids(t.RejectedCandidates), t.ResolvedAgainst,
                t.Source.ToString(), t.TipId);
        await tx.CommitAsync(ct);
        return updated;
    }

    public void CheckpointSoon() => dialect.CheckpointSoon();

    public async ValueTask DisposeAsync()
    {
        // The kept history is written beside the run (KeptHistoryAsync): the process must not end before the file is whole.
        try
        {
            if (historyCache is not null) await historyCache.Kept;
        }
        finally
        {
            if (dialect is IAsyncDisposable d) await d.DisposeAsync();
        }
    }
}
