using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Text;
using CsvHelper;

namespace BlindSpot.Csv.Ingest;

/// <summary>What one file has produced so far: its rows by outcome, its quarantine and the remarks for its ledger line.</summary>
/// <param name="lineOffset">Lines of the file before the reader's input (a stretch read on its own: IngestFileReader's split read), less its header's.</param>
internal sealed class FileSession(string fileName, string sha256, IngestContext context, DateTime nowKst, DateOnly snapshotDate, CsvReader reader,
    ITipLinker? linker, long lineOffset = 0)
{

    public IngestContext Context => context;
    public DateTime NowKst => nowKst;
    public DateOnly SnapshotDate => snapshotDate;

    public List<Household> Households { get; } = [];
    public List<CrisisRecord> Crisis { get; } = [];
    public List<Tip> Tips { get; } = [];
    public List<Outcome> Outcomes { get; } = [];
    public List<Outcome> OutcomeCorrections { get; } = [];
    public List<QuarantinedRow> Quarantine { get; } = [];
    public int Accepted { get; private set; }
    public int Duplicate { get; private set; }

    /// <summary>Keys of the rows accepted from this file (the context holds those of earlier files).</summary>
    public HashSet<string> FileKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Counted remarks (key = remark, value = rows), turned into ledger notes at the end.</summary>
    public SortedDictionary<string, int> Remarks { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of tips kept without a household (reported in the notes, at most a few listed).</summary>
    public List<string> UnmatchedTipIds { get; } = [];

    /// <summary>True while the current record is the last one and the file ended without a line break.</summary>
    public bool CurrentRowMayBeCut { get; set; }

    /// <summary>What links tips to households (given by the ingest use case; a tips file read without one is a bug).</summary>
    public ITipLinker Linker => linker ?? throw new InvalidOperationException("A tips file is read with an ITipLinker (the ingest use case passes one).");

    // The tips to link (their place in Tips, as read, whether the file gave the dong), in the order read.
    readonly List<int> toLinkAt = [];
    readonly List<Tip> toLink = [];
    readonly List<bool> toLinkDongGiven = [];

    /// <summary>
    /// Adds a tip read from this file to <see cref="Tips"/>, to be linked by <see cref="LinkTips"/> once the file is read:
    /// the linker may then link the file's tips side by side (no tip's link depends on another's, nor on what is read
    /// after it; the file's other rows never depend on a tip's link).
    /// </summary>
    public void AddToLink(Tip tip, bool dongGiven)
    {
        ArgumentNullException.ThrowIfNull(tip);
        _ = Linker; // a tips file read without a linker fails at its first tip, as it always did
        toLinkAt.Add(Tips.Count);
        Tips.Add(tip);
        toLink.Add(tip);
        toLinkDongGiven.Add(dongGiven);
    }

    /// <summary>
    /// Links the tips added by <see cref="AddToLink"/> (<see cref="ITipLinker.LinkAll"/>), puts each in its place in
    /// <see cref="Tips"/> and counts what came of them in the notes, in the order read: the same tips, notes and list of
    /// unmatched tips as linking each while its row was read.
    /// </summary>
    public void LinkTips()
    {
        if (toLink.Count == 0) return;
        var linked = Linker.LinkAll(toLink, toLinkDongGiven);
        if (linked.Count != toLink.Count) throw new InvalidOperationException("The linker gave back another number of tips than it was given.");
        for (var i = 0; i < linked.Count; i++)
        {
            var resolved = linked[i];
            Tips[toLinkAt[i]] = resolved;
            if (resolved.LinkStatus == TipLinkStatus.Candidates) Remark("세대를 하나로 정하지 못해 후보 세대를 동에 보낸 제보");
            if (resolved.HouseholdId is null) UnmatchedTipIds.Add(toLink[i].TipId);
        }
        toLinkAt.Clear();
        toLink.Clear();
        toLinkDongGiven.Clear();
    }

    /// <summary>
    /// Makes room for <paramref name="rows"/> accepted rows of a household or crisis file (its rows' list and
    /// <see cref="FileKeys"/>) before they are read.
    /// </summary>
    public void ExpectRows(Feed feed, int rows)
    {
        if (rows <= 0) return;
        if (feed == Feed.Households) Households.EnsureCapacity(rows);
        else if (feed == Feed.Crisis) Crisis.EnsureCapacity(rows);
        else return;
        FileKeys.EnsureCapacity(rows);
    }

    public void Accept() => Accepted++;

    static readonly HashSet<string> NoKeys = [];

    // The rows of the feeds kept in FeedRows (every feed without a list above), by row type.
    readonly Dictionary<Type, System.Collections.IList> rows = [];

    /// <summary>
    /// Accepts a checked row of a feed kept in <see cref="FeedRows"/>, unless its key repeats a row of this file or, when
    /// <paramref name="acrossFiles"/>, a stored one (<see cref="IngestContext.KeysOf"/>): then it is counted as duplicate.
    /// Configuration, where the newest file wins, passes false.
    /// </summary>
    public void Add<T>(T row, bool acrossFiles = true) where T : class, IFeedRow
    {
        if (IsDuplicate(acrossFiles ? context.KeysOf(typeof(T)) : NoKeys, row.Key)) return;
        if (!rows.TryGetValue(typeof(T), out var list)) rows[typeof(T)] = list = new List<T>();
        list.Add(row);
        Accept();
    }

    /// <summary>The rows accepted through <see cref="Add{T}"/>.</summary>
    public FeedRows Rows()
    {
        var result = FeedRows.Empty;
        foreach (var (type, list) in rows) result = result.With(type, (IReadOnlyList<object>)list);
        return result;
    }

    /// <summary>A key already stored or already accepted from this file: counted as duplicate, not stored twice.</summary>
    public bool IsDuplicate(HashSet<string> stored, string key)
    {
        if (!stored.Contains(key) && FileKeys.Add(key)) return false;
        Duplicate++;
        return true;
    }

    /// <summary>A row that repeats one already stored or accepted (decided by the feed's own rule).</summary>
    public void CountDuplicate() => Duplicate++;

    public void Remark(string remark) => Remarks[remark] = Remarks.GetValueOrDefault(remark) + 1;

    /// <summary>The file's line where the current record starts.</summary>
    public long LineNumber => reader.LineNumber + lineOffset;

    public void QuarantineRow(string? column, string reason)
    {
        if (CurrentRowMayBeCut) reason += " (파일의 마지막 행이 줄바꿈 없이 끝나 잘렸을 수 있습니다.)";
        Quarantine.Add(new QuarantinedRow(sha256, fileName, checked((int)LineNumber), column, reason,
            TextGuard.Storable(Encoding.UTF8.GetString(reader.RawRecord))));
    }

    /// <summary>
    /// Appends what <paramref name="later"/> read from the rest of the same file, as if this session had read on: its rows,
    /// quarantine, counts, keys and remarks after this session's. Only for household and crisis files (no tips, outcomes
    /// or other rows) whose two stretches accepted no key twice (the caller checks <see cref="FileKeys"/> first).
    /// </summary>
    public void Append(FileSession later)
    {
        if (later.Tips.Count + later.Outcomes.Count + later.OutcomeCorrections.Count + later.rows.Count + later.toLink.Count > 0 || later.UnmatchedTipIds.Count > 0)
            throw new InvalidOperationException("Only household and crisis rows are read in stretches.");
        Households.AddRange(later.Households);
        Crisis.AddRange(later.Crisis);
        Quarantine.AddRange(later.Quarantine);
        Accepted += later.Accepted;
        Duplicate += later.Duplicate;
        FileKeys.EnsureCapacity(FileKeys.Count + later.FileKeys.Count);
        FileKeys.UnionWith(later.FileKeys);
        foreach (var (remark, count) in later.Remarks) Remarks[remark] = Remarks.GetValueOrDefault(remark) + count;
    }
}
