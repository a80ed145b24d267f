using System.Data.Common;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Storage.Sql;

/// <summary>
/// The registry versions and crisis rows one store commits while it records (<see cref="Core.Storage.IDistrictReader.RecordHistoryWrites"/>),
/// kept as a district load reads them back, when the history tables were empty before the first of them: a district's
/// first run, whose training would otherwise read back the ~620,000 rows it has just written (~1 s on both cores at
/// 190,000 households; docs/adr/0006, twenty-fifth pass).
/// <para>
/// Why what it gives is what the tables hold: every write to household_versions or crisis raises the store's history
/// change counter in its own transaction. Each commit with history rows reads the counter inside its transaction,
/// after the ledger row has taken the write lock: the first finds the tables empty and notes the counter; each later one
/// finds the counter where the journal's last commit left it, or the journal stops (another writer changed the history
/// in between). Its key (store id, counter, both counts) is then the key of exactly the rows it holds, and the load that
/// takes it compares that key with the store's, as for any read ahead: rows written by hand, a purge or a file committed
/// by another store after the journal's last commit make the load read the tables instead.
/// </para>
/// <para>
/// Only where the journal can give the rows exactly as the read does: SQLite (its text order is the byte order of
/// UTF-8, which ordinal order equals but for characters outside the basic plane, which stop the journal), and crisis
/// values that SQLite stores as integers (whole numbers below 2^53: it converts those bound as text to INTEGER, read
/// back with scale 0). Any other value stops the journal; the load then reads the tables as before.
/// </para>
/// <para>
/// Memory: the rows are held as small structs over one table of texts (~35 MB at 190,000 households, ids shared with the
/// ingest's registry) while the rest of the ingest runs, and become the district's objects only in the load that takes
/// them, after the ingest's memory is let go: held as objects through the ingest, they raised a first run's peak from
/// ~560 MB to ~690-800 MB.
/// </para>
/// </summary>
internal sealed class HistoryJournal
{
    /// <summary>Below this magnitude a whole number converts to SQLite's INTEGER and back without loss.</summary>
    const decimal ExactWhole = 9_007_199_254_740_992m;

    readonly Lock gate = new();
    bool stopped;
    string? storeId;
    long changes = -1; // the counter after the journal's last commit; -1 before its first
    Texts texts = new();
    List<VersionRow> versions = [];
    List<CrisisRow> crisis = [];

    /// <summary>A registry version as the district's read maps it (HistoryRows.Version), its texts by number.</summary>
    internal readonly record struct VersionRow(int Id, int Dong, int HousingType, int Tenure, int HeadBirthYear, Sex HeadSex, int Members,
        int ChildrenUnder2, bool? SingleParent, bool? Pregnant, bool? Disability, DateOnly MovedIn, bool BasicLivelihood, bool CaseManaged,
        DateOnly SnapshotDate);

    /// <summary>A crisis row as the read gives it back from SQLite's INTEGER (a whole number, scale 0).</summary>
    internal readonly record struct CrisisRow(int Id, DateOnly Month, int Indicator, long Value, bool KnownCode);

    /// <summary>Each distinct text once, by number (ids, dongs, housing types, tenures, indicators).</summary>
    internal sealed class Texts
    {
        readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
        public readonly List<string> All = [];

        public int Of(string s)
        {
            if (numbers.TryGetValue(s, out var n)) return n;
            numbers[s] = n = All.Count;
            All.Add(s);
            return n;
        }
    }

    /// <summary>The rows of one transaction's batches, taken by <see cref="Commit"/> once the transaction is committed.</summary>
    internal sealed class Pending
    {
        /// <summary>Set by the transaction's first batch with history rows, once it read the store's state.</summary>
        public bool Started;
        /// <summary>The journal cannot take this transaction's rows: it stops when the transaction commits.</summary>
        public bool Broken;
        public string StoreId = "";
        public long ChangesBefore;
        public int HistoryBatches;
        public readonly List<VersionRow> Versions = [];
        public readonly List<CrisisRow> Crisis = [];
    }

    /// <summary>
    /// Called inside <paramref name="tx"/> for a batch with history rows, after its ledger row: the transaction's first such
    /// batch reads the store's state; each adds its rows to <paramref name="pending"/>, as the district's read gives them.
    /// </summary>
    public async Task AddAsync(Pending pending, DbConnection c, DbTransaction tx, IngestBatch batch, CancellationToken ct)
    {
        if (pending.Broken) return;
        if (!pending.Started)
        {
            long expected;
            lock (gate)
            {
                if (stopped) { pending.Broken = true; return; }
                expected = changes;
            }
            if (await StateAsync(c, tx, ct) is not var (id, now)) { Break(pending); return; }
            if (expected < 0)
            {
                // The journal's first commit: only over empty history tables (the journal holds every row there is).
                var any = await Db.ScalarAsync(c, tx,
                    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM household_versions LIMIT 1)) + (SELECT COUNT(*) FROM (SELECT 1 FROM crisis LIMIT 1))", ct);
                if (Convert.ToInt64(any) != 0) { Break(pending); return; }
            }
            else if (now != expected) { Break(pending); return; }
            pending.Started = true;
            pending.StoreId = id;
            pending.ChangesBefore = now;
        }
        pending.HistoryBatches++;
        lock (gate)
        {
            if (stopped) { Break(pending); return; }
            foreach (var h in batch.Households)
            {
                if (!Exact(h.HouseholdId) || !Exact(h.Dong) || !Exact(h.HousingType) || !Exact(h.Tenure)) { Break(pending); return; }
                pending.Versions.Add(new VersionRow(texts.Of(h.HouseholdId), texts.Of(h.Dong), texts.Of(h.HousingType), texts.Of(h.Tenure),
                    h.HeadBirthYear, h.HeadSex, h.Members, h.ChildrenUnder2, h.SingleParent, h.Pregnant, h.Disability, h.MovedIn, h.BasicLivelihood,
                    h.CaseManaged, h.SnapshotDate));
            }
            foreach (var x in batch.Crisis)
            {
                if (!Exact(x.HouseholdId) || !Exact(x.Indicator) || x.Value != decimal.Truncate(x.Value) || Math.Abs(x.Value) >= ExactWhole)
                {
                    Break(pending);
                    return;
                }
                pending.Crisis.Add(new CrisisRow(texts.Of(x.HouseholdId), x.Month, texts.Of(x.Indicator), (long)x.Value, x.KnownCode));
            }
        }
    }

    /// <summary>
    /// The batch's rows were written as counted: when a table took fewer than given (a row whose key was already stored
    /// is skipped by the insert), the journal stops when the transaction commits.
    /// </summary>
    public static void Written(Pending? pending, IngestBatch batch, int versionsWritten, int crisisWritten)
    {
        if (pending is not null && (versionsWritten != batch.Households.Count || crisisWritten != batch.Crisis.Count)) Break(pending);
    }

    /// <summary>The transaction of <paramref name="pending"/> was committed: its rows join the journal.</summary>
    public void Commit(Pending? pending)
    {
        if (pending is null || (!pending.Started && !pending.Broken)) return;
        lock (gate)
        {
            if (stopped) return;
            if (pending.Broken || (changes >= 0 && (pending.ChangesBefore != changes || pending.StoreId != storeId)))
            {
                StopLocked();
                return;
            }
            storeId = pending.StoreId;
            changes = pending.ChangesBefore + pending.HistoryBatches;
            versions.AddRange(pending.Versions);
            crisis.AddRange(pending.Crisis);
        }
    }

    /// <summary>The journal's rows and their key, taken once (the journal stops): null when it stopped or holds nothing.</summary>
    public Rows? Take()
    {
        lock (gate)
        {
            if (stopped || changes < 0 || storeId is null) { StopLocked(); return null; }
            var taken = new Rows(new DistrictHistoryKey(storeId, changes, versions.Count, crisis.Count), texts.All, versions, crisis);
            StopLocked();
            return taken;
        }
    }

    /// <summary>Stops the journal and lets its rows go (the recording's end).</summary>
    public void End()
    {
        lock (gate) StopLocked();
    }

    /// <summary>A journal's rows, taken: put in the read's order (<see cref="Order"/>), then made the district's history.</summary>
    internal sealed class Rows(DistrictHistoryKey key, List<string> texts, List<VersionRow> versions, List<CrisisRow> crisis)
    {
        List<string> texts = texts;
        List<VersionRow> versions = versions;
        List<CrisisRow> crisis = crisis;

        public DistrictHistoryKey Key => key;

        /// <summary>
        /// The rows in the order the history's queries give them (SqlStore's VersionOrder: household id, snapshot date;
        /// CrisisOrder: household id, month, indicator), texts compared ordinally through their ranks.
        /// </summary>
        public Rows Order()
        {
            var rank = new int[texts.Count];
            var byText = new int[texts.Count];
            for (var i = 0; i < byText.Length; i++) byText[i] = i;
            Array.Sort(byText, (a, b) => string.CompareOrdinal(texts[a], texts[b]));
            for (var r = 0; r < byText.Length; r++) rank[byText[r]] = r;
            versions.Sort((a, b) => rank[a.Id] != rank[b.Id] ? rank[a.Id].CompareTo(rank[b.Id]) : a.SnapshotDate.CompareTo(b.SnapshotDate));
            crisis.Sort((a, b) => rank[a.Id] != rank[b.Id] ? rank[a.Id].CompareTo(rank[b.Id])
                : a.Month != b.Month ? a.Month.CompareTo(b.Month) : rank[a.Indicator].CompareTo(rank[b.Indicator]));
            return this;
        }

        /// <summary>The district's history objects, as <see cref="HistoryRows"/> maps the read's rows (each text one instance); once.</summary>
        public DistrictHistory History()
        {
            var v = new List<Household>(versions.Count);
            foreach (var r in versions)
                v.Add(new Household(texts[r.Id], texts[r.Dong], HistoryRows.NoAddress, HistoryRows.NoName, null, r.HeadBirthYear, r.HeadSex,
                    r.Members, r.ChildrenUnder2, r.SingleParent, r.Pregnant, r.Disability, texts[r.HousingType], texts[r.Tenure], r.MovedIn,
                    r.BasicLivelihood, r.CaseManaged, r.SnapshotDate));
            var c = new List<CrisisRecord>(crisis.Count);
            foreach (var r in crisis) c.Add(new CrisisRecord(texts[r.Id], r.Month, texts[r.Indicator], r.Value, r.KnownCode));
            // Made once (the load that takes them): the rows are let go, though whoever started the read holds it to the run's end.
            (texts, versions, crisis) = ([], [], []);
            return new DistrictHistory(v, c);
        }
    }

    /// <summary>The store's id and history change counter, read in <paramref name="tx"/>; null without exactly one state row.</summary>
    static async Task<(string Id, long Changes)?> StateAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = Db.Command(c, tx, "SELECT store_id, history_changes FROM store_state");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var state = (r.GetString(0), r.GetInt64(1));
        return await r.ReadAsync(ct) ? null : state;
    }

    static void Break(Pending pending)
    {
        pending.Broken = true;
        pending.Versions.Clear();
        pending.Crisis.Clear();
    }

    void StopLocked()
    {
        stopped = true;
        texts = new();
        versions = [];
        crisis = [];
    }

    /// <summary>A text ordered the same by ordinal comparison and by SQLite's (UTF-8 bytes): no surrogate halves.</summary>
    static bool Exact(string s)
    {
        foreach (var ch in s) if (char.IsSurrogate(ch)) return false;
        return true;
    }
}
