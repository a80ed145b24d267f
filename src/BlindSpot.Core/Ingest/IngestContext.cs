using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// What ingest needs to know of the store before reading files: the keys already stored (for duplicates)
/// and the registry's households (to check ids and to match tips by address). Ingest adds the keys of each
/// file it commits, so duplicates across files of one run are found too.
/// </summary>
/// <remarks>
/// A context made with <c>new IngestContext()</c> holds everything there is (a test fills it, or the store loaded it
/// whole). A context made with a loader (<see cref="IngestContext(Func{IngestContext, IngestContextParts, CancellationToken, Task})"/>)
/// starts empty and reads each part from the store when first asked for it (<see cref="EnsureAsync"/>): a day's tips and
/// visit results need their own feed's keys and the registry, not the crisis or snapshot keys, and a run whose files were
/// all ingested before needs nothing. A part read later sees the files committed before it was read, so it holds the
/// same keys as a part read at the start plus those files' keys; the registry is read before any households file is
/// included (its insertion order decides resolution ties, see <see cref="Households"/>).
/// </remarks>
public sealed class IngestContext
{
    // Reads the missing parts into this context; null when the context holds everything there is.
    readonly Func<IngestContext, IngestContextParts, CancellationToken, Task>? load;

    /// <summary>A context that holds everything there is (filled by its maker).</summary>
    public IngestContext() { }

    /// <summary>A context that reads each part through <paramref name="load"/> when first asked for it.</summary>
    public IngestContext(Func<IngestContext, IngestContextParts, CancellationToken, Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        this.load = load;
    }

    /// <summary>household_id + "|" + snapshot date (yyyyMMdd).</summary>
    public HashSet<string> HouseholdSnapshotKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>household_id + "|" + yyyy-MM + "|" + indicator.</summary>
    public HashSet<string> CrisisKeys { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OfficerTipIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HotlineCallIds { get; } = new(StringComparer.Ordinal);
    /// <summary>household_id + "|" + visited_on (yyyy-MM-dd).</summary>
    public HashSet<string> OutcomeKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>The stored result of each outcome key (corrections and conflicts are told apart by it).</summary>
    public Dictionary<string, Domain.VisitResult> OutcomeResults { get; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Newest known version of every household: id -> (dong, address, head name). Insertion order is the order the
    /// store reads the registry in (by snapshot date): the tip resolver's index is built in it.
    /// </summary>
    public Dictionary<string, HouseholdRef> Households { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The stored keys (<see cref="IFeedRow.Key"/>) of the feeds kept in <see cref="FeedRows"/>, by row type: a row of a
    /// later file with one of these keys is a duplicate. Empty for the configuration feeds (the newest file wins there).
    /// </summary>
    public HashSet<string> KeysOf(Type rowType)
    {
        if (!feedKeys.TryGetValue(rowType, out var keys)) feedKeys[rowType] = keys = new HashSet<string>(StringComparer.Ordinal);
        return keys;
    }

    readonly Dictionary<Type, HashSet<string>> feedKeys = [];

    /// <summary>
    /// How many committed batches brought registry households (<see cref="Include"/>): whatever is built over
    /// <see cref="Households"/> (the tip resolver's index) is built again when it has moved.
    /// </summary>
    public int RegistryChanges { get; private set; }

    /// <summary>
    /// Adds the keys and households of a committed batch, so later files of the same run see them (duplicates
    /// across files; crisis rows and tips of households registered by an earlier file of the run).
    /// </summary>
    public void Include(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // The reader's keys are taken when they are one per row of the batch's one feed (the same strings Add would make).
        var read = batch.AcceptedKeys;
        // Room made for the batch before it is added: a set grown one key at a time rehashes every key it holds at each of
        // its doublings (~20 for a first snapshot of 300,000 households).
        Grow(HouseholdSnapshotKeys.EnsureCapacity, HouseholdSnapshotKeys.Count, batch.Households.Count);
        Grow(Households.EnsureCapacity, Households.Count, batch.Households.Count);
        Grow(CrisisKeys.EnsureCapacity, CrisisKeys.Count, batch.Crisis.Count);
        if (read is not null && batch.Crisis.Count == 0 && read.Count == batch.Households.Count) HouseholdSnapshotKeys.UnionWith(read);
        else foreach (var h in batch.Households) HouseholdSnapshotKeys.Add(IngestKeys.Household(h.HouseholdId, h.SnapshotDate));
        if (read is not null && batch.Households.Count == 0 && read.Count == batch.Crisis.Count) CrisisKeys.UnionWith(read);
        else foreach (var c in batch.Crisis) CrisisKeys.Add(IngestKeys.Crisis(c.HouseholdId, c.Month, c.Indicator));
        foreach (var h in batch.Households)
        {
            if (!Households.TryGetValue(h.HouseholdId, out var known) || known.SnapshotDate <= h.SnapshotDate)
                Households[h.HouseholdId] = new HouseholdRef(h.HouseholdId, h.Dong, h.Address, h.HeadName, h.SnapshotDate, h.Phone, h.HeadSex,
                    h.HeadBirthYear, h.Members, h.ChildrenUnder2, h.SingleParent == true, h.Pregnant == true, h.HousingType);
        }
        if (batch.Households.Count > 0) RegistryChanges++;
        foreach (var t in batch.Tips)
            (t.Source == TipSource.Officer ? OfficerTipIds : HotlineCallIds).Add(t.TipId);
        foreach (var (type, rows) in batch.Rows.All)
        {
            var keys = KeysOf(type);
            foreach (var row in rows) keys.Add(((IFeedRow)row).Key);
        }
        foreach (var o in batch.Outcomes.Concat(batch.OutcomeCorrections))
        {
            var key = IngestKeys.Outcome(o.HouseholdId, o.VisitedOn);
            OutcomeKeys.Add(key);
            OutcomeResults[key] = o.Result;
        }
    }

    /// <summary>
    /// Makes room for <paramref name="adding"/> more entries, at least doubling the room when it grows, so a run of batches
    /// (twelve crisis months) still grows the set a few times, not once a batch. <paramref name="ensure"/> is the set's
    /// EnsureCapacity, which returns the room it has.
    /// </summary>
    static void Grow(Func<int, int> ensure, int count, int adding)
    {
        if (adding == 0) return;
        var room = ensure(0);
        if (count + adding > room) ensure(Math.Max(count + adding, 2 * room));
    }

    /// <summary>The parts read so far (of a context with a loader).</summary>
    public IngestContextParts Loaded { get; private set; }

    /// <summary>True when the context holds <paramref name="parts"/> (always, for a context without a loader).</summary>
    public bool Holds(IngestContextParts parts) => load is null || (Loaded & parts) == parts;

    /// <summary>
    /// Lets go of the crisis keys (~30 MB at 190,000 households) once no file left needs them: the part counts as not
    /// loaded, so a later <see cref="EnsureAsync"/> reads it from the store again. A context that holds everything (no
    /// loader) cannot read it again and keeps it. Only the crisis keys can be dropped.
    /// </summary>
    public void Drop(IngestContextParts parts)
    {
        if (parts != IngestContextParts.CrisisKeys) throw new ArgumentException("Only the crisis keys can be dropped.", nameof(parts));
        if (load is null) return;
        CrisisKeys.Clear();
        CrisisKeys.TrimExcess();
        Loaded &= ~parts;
    }

    /// <summary>Reads the parts of <paramref name="parts"/> not read yet (nothing, for a context without a loader).</summary>
    public async Task EnsureAsync(IngestContextParts parts, CancellationToken ct)
    {
        if (load is null) return;
        var missing = parts & ~Loaded;
        if (missing == IngestContextParts.None) return;
        await load(this, missing, ct);
        Loaded |= missing;
    }

    /// <summary>What reading a file of <paramref name="feed"/> needs of the context.</summary>
    public static IngestContextParts PartsFor(Contract.Feed feed) => feed switch
    {
        Contract.Feed.Households => IngestContextParts.SnapshotKeys | IngestContextParts.Registry,
        Contract.Feed.Crisis => IngestContextParts.CrisisKeys | IngestContextParts.Registry,
        Contract.Feed.TipsOfficer or Contract.Feed.TipsHotline => IngestContextParts.TipIds | IngestContextParts.Registry,
        Contract.Feed.Outcomes => IngestContextParts.OutcomeKeys | IngestContextParts.Registry,
        Contract.Feed.TargetsBaseline or Contract.Feed.Capacity => IngestContextParts.None,
        // A feed added to the contract: its stored keys, and the registry (its rows are most likely about households).
        _ => IngestContextParts.FeedKeys | IngestContextParts.Registry,
    };
}

/// <summary>The parts of an <see cref="IngestContext"/>, each read from the store on its own.</summary>
[Flags]
public enum IngestContextParts
{
    None = 0,
    /// <summary><see cref="IngestContext.HouseholdSnapshotKeys"/>.</summary>
    SnapshotKeys = 1,
    /// <summary><see cref="IngestContext.Households"/> (the registry's newest version of each household).</summary>
    Registry = 2,
    /// <summary><see cref="IngestContext.CrisisKeys"/>.</summary>
    CrisisKeys = 4,
    /// <summary><see cref="IngestContext.OfficerTipIds"/> and <see cref="IngestContext.HotlineCallIds"/>.</summary>
    TipIds = 8,
    /// <summary><see cref="IngestContext.OutcomeKeys"/> and <see cref="IngestContext.OutcomeResults"/>.</summary>
    OutcomeKeys = 16,
    /// <summary><see cref="IngestContext.KeysOf"/> of every feed kept in <see cref="FeedRows"/>.</summary>
    FeedKeys = 32,
    All = SnapshotKeys | Registry | CrisisKeys | TipIds | OutcomeKeys | FeedKeys,
}

/// <summary>
/// The part of a household that tip resolution needs: phone, the head's sex and birth year, the members, infants, a
/// single parent, a pregnancy and the housing type are evidence when a tip says who the person is ("혼자 사는 할머니",
/// "아기 엄마") or who reported it (a management office reports within its own complex). 0, false and null: not known.
/// </summary>
public sealed record HouseholdRef(string HouseholdId, string Dong, string Address, string HeadName, DateOnly SnapshotDate,
    string? Phone = null, Sex? HeadSex = null, int HeadBirthYear = 0, int Members = 0, int ChildrenUnder2 = 0,
    bool SingleParent = false, bool Pregnant = false, string? HousingType = null);
