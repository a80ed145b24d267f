using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Registry;

/// <summary>
/// The registry's households indexed for tip resolution: by road, building number and unit; by the building names
/// the registry writes in brackets ("(신길동, 행복빌라)"); by phone; by surname frequency. Build it once per run and share
/// it: it is read-only after construction and safe across threads.
/// </summary>
/// <remarks>
/// Held as arrays of structs and ints, not an object per household, building or list: the households by their place in
/// the list given (<see cref="HouseholdEntry.Ordinal"/>), the buildings by their number in the order first met, a
/// building's households and a name's buildings as ranges of one int array each, a phone as its digits in a number.
/// Every entry of an index survives until the run ends, so objects would all be promoted by the collector while it is
/// built (a third of the build's time at 190,000 households with an object per entry: docs/benchmarks.md). Every
/// household, building and name is met, and every list enumerated, in the same order as with objects and lists, so
/// the resolver adds its sums up in the same order.
/// </remarks>
public sealed partial class RegistryIndex
{
    /// <summary>One household as the index keeps it.</summary>
    internal struct Household
    {
        public HouseholdRef Ref;
        public string Name;
        public UInt128 Phone;
        public UnitSpec Unit;
        // The building's number, -1 for a household without a road.
        public int Building;
        public bool Current;
    }

    /// <summary>One building (road + number + sub-number) as the index keeps it.</summary>
    internal struct Building
    {
        public RoadEntry Road;
        public int Number, Sub;
        public TwoDongs Dongs;
    }

    // Households by ordinal; buildings by number (the order first met).
    readonly Household[] households;
    readonly Building[] buildings;
    readonly int buildingCount;
    // The households of building b: members[memberStart[b] .. memberStart[b + 1]], ordinals ascending (the order given).
    readonly int[] memberStart, members;
    // For a building of many households, the places among its households of those with each unit number (built on use).
    readonly Dictionary<int, int[]>?[] unitNumbers;
    readonly Dictionary<string, RoadEntry> roads = new(StringComparer.Ordinal);
    // Building names (and stems) by their number in the order first added; the buildings of name k are
    // named[namedStart[k] .. namedStart[k + 1]] (each once, in the order first added).
    readonly Dictionary<string, int> nameKeys = new(StringComparer.Ordinal);
    readonly int[] namedStart, named;
    // A phone's households: the first, the last and how many; the next of each household with the same phone.
    readonly Dictionary<UInt128, (int First, int Last, int Count)> byPhone = [];
    readonly int[] samePhoneNext;
    readonly Dictionary<string, int> surnames = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (RoadEntry Road, int Distance)[]> roadLookups = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> nameLookups = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> partLookups = new(StringComparer.Ordinal);
    // The names' jamo, decomposed on first use (only misspelt and partial building names ask).
    readonly Lazy<(string Key, string Jamo)[]> nameJamo;
    readonly Lazy<(Dictionary<UnitSpec, int> Units, int Households, int Buildings)> units;
    readonly ConcurrentDictionary<UnitSpec, double> unitShares = new();

    public RegistryIndex(IEnumerable<HouseholdRef> households) : this(households, null) { }

    /// <summary>
    /// The index of <paramref name="households"/>, taking their addresses apart with the parts kept in
    /// <paramref name="addresses"/> (from an earlier index of the same registry) and keeping the new ones there
    /// (<see cref="Addresses"/>): the same index as without them, built without parsing again.
    /// </summary>
    public RegistryIndex(IEnumerable<HouseholdRef> households, RegistryAddresses? addresses) : this(households, addresses, idsUnique: false) { }

    /// <param name="idsUnique">
    /// The caller knows no two of <paramref name="households"/> share an id (the values of a dictionary by id); otherwise
    /// the index finds out when first asked (<see cref="IdsUnique"/>).
    /// </param>
    // Optimized at once: it runs once per process, early, when the runtime would otherwise run its loop unoptimized for
    // most of the 190,000 households.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RegistryIndex(IEnumerable<HouseholdRef> households, RegistryAddresses? addresses, bool idsUnique)
    {
        ArgumentNullException.ThrowIfNull(households);
        var parts = addresses ?? new RegistryAddresses();
        this.addresses = new Lazy<RegistryAddresses>(parts);
        var list = households as IReadOnlyCollection<HouseholdRef> ?? households.ToList();
        idsUnique |= households is Dictionary<string, HouseholdRef>.ValueCollection;
        this.idsUnique = idsUnique ? KnownUnique : new Lazy<bool>(AllIdsDiffer);
        foreach (var h in list) if (h.SnapshotDate > NewestSnapshot) NewestSnapshot = h.SnapshotDate;
        var n = list.Count;
        this.households = new Household[n];
        samePhoneNext = new int[n];
        names.EnsureCapacity(n);
        byPhone.EnsureCapacity(n);
        var build = new Builder(Math.Max(16, parts.BuildingCount));
        // Many households share a building: the part before the registry's comma ("서울특별시 영등포구 도림로 123") and the
        // bracket are parsed once per building, the unit once per spelling; an address without that shape is parsed whole
        // (once per address).
        // The building of each building part (1 + its number; 0: not met yet), by the part's number in the kept parts
        // (the same part, the same building: no road or number lookup again).
        var buildingOf = new int[Math.Max(16, parts.BuildingCount)];
        foreach (var h in list)
        {
            var o = Count;
            var (a, unit, part) = ParseRegistryAddress(h.Address, parts);
            var name = SubjectName.Squeeze(h.HeadName);
            var phone = Phones.Key(h.Phone);
            this.households[o] = new Household
            {
                Ref = h, Name = name, Phone = phone, Unit = unit, Building = -1, Current = h.SnapshotDate == NewestSnapshot,
            };
            Count++;
            CollectionsMarshal.GetValueRefOrAddDefault(names, name, out _)++;
            if (phone != 0) AddPhone(phone, o);
            if (a.Road is null) continue;
            int b;
            if (part < 0) b = BuildingAt(a, ref build);
            else
            {
                if (part >= buildingOf.Length) Array.Resize(ref buildingOf, Math.Max(part + 1, buildingOf.Length * 2));
                b = buildingOf[part] - 1;
                if (b < 0) buildingOf[part] = 1 + (b = BuildingAt(a, ref build));
            }
            this.households[o].Building = b;
            build.Sizes[b]++;
            // Most households of a building share its dong and (one parsed part) its words: added once.
            if (!string.Equals(build.LastDong[b], h.Dong, StringComparison.Ordinal))
            {
                build.Buildings[b].Dongs.Add(h.Dong);
                build.Buildings[b].Road.Dongs.Add(h.Dong);
                build.LastDong[b] = h.Dong;
            }
            if (ReferenceEquals(build.LastWords[b], a.Words)) continue;
            build.LastWords[b] = a.Words;
            foreach (var w in a.Words)
            {
                // A name met again at the building is added again and dropped below (each building once per name, where first added).
                build.Name(NameKeyNumber(NameKey(w)), b);
                if (NameStem(w) is { } stem) build.Name(NameKeyNumber(stem), b);
            }
        }
        // Surnames counted by name (one lookup per name, not per household), one string per surname.
        var surnameLookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (name, count) in names) CollectionsMarshal.GetValueRefOrAddDefault(surnameLookup, SubjectName.SurnameOfSqueezed(name), out _) += count;
        buildings = build.Buildings;
        buildingCount = build.Count;
        unitNumbers = new Dictionary<int, int[]>?[buildingCount];
        // A building's households: counted above, placed in the order given.
        memberStart = new int[buildingCount + 1];
        for (var b = 0; b < buildingCount; b++) memberStart[b + 1] = memberStart[b] + build.Sizes[b];
        members = new int[memberStart[buildingCount]];
        var next = memberStart[..^1];
        for (var o = 0; o < Count; o++)
            if (this.households[o].Building is var b and >= 0) members[next[b]++] = o;
        foreach (var r in roads.Values) r.Freeze(buildings);
        (namedStart, named) = build.Names(nameKeys.Count, buildingCount);
        nameJamo = new Lazy<(string, string)[]>(NameJamo);
        units = new Lazy<(Dictionary<UnitSpec, int>, int, int)>(CountUnits);
    }

    (string Key, string Jamo)[] NameJamo()
    {
        var keys = new string[nameKeys.Count];
        foreach (var (key, k) in nameKeys) keys[k] = key;
        return keys.Select(k => (k, Jamo.Decompose(k))).ToArray();
    }

    int NameKeyNumber(string key)
    {
        ref var k = ref CollectionsMarshal.GetValueRefOrAddDefault(nameKeys, key, out var exists);
        if (!exists) k = nameKeys.Count - 1;
        return k;
    }

    int BuildingAt(WrittenAddress a, ref Builder build)
    {
        if (!roads.TryGetValue(a.Road!, out var road)) roads[a.Road!] = road = new RoadEntry(this, a.Road!);
        return road.Get(a.Number, a.Sub, ref build);
    }

    /// <summary>What the constructor gathers besides the households: the buildings and the names' buildings.</summary>
    internal struct Builder(int capacity)
    {
        public Building[] Buildings = new Building[capacity];
        public int[] Sizes = new int[capacity];
        // The dong and the words (one parsed part's list) last added to each building, not added again.
        public string?[] LastDong = new string?[capacity];
        public IReadOnlyList<string>?[] LastWords = new IReadOnlyList<string>?[capacity];
        public int Count;
        // (name number, building) in the order added.
        int[] pairs = new int[2 * capacity];
        int pairCount;

        public int Add(RoadEntry road, int number, int sub)
        {
            if (Count == Buildings.Length)
            {
                var size = Count * 2;
                Array.Resize(ref Buildings, size);
                Array.Resize(ref Sizes, size);
                Array.Resize(ref LastDong, size);
                Array.Resize(ref LastWords, size);
            }
            Buildings[Count] = new Building { Road = road, Number = number, Sub = sub };
            return Count++;
        }

        public void Name(int key, int building)
        {
            // The same name of the same building just added (the words of one building part): nothing to add.
            if (pairCount > 0 && pairs[pairCount - 2] == key && pairs[pairCount - 1] == building) return;
            if (pairCount + 2 > pairs.Length) Array.Resize(ref pairs, pairs.Length * 2);
            pairs[pairCount++] = key;
            pairs[pairCount++] = building;
        }

        /// <summary>Each name's buildings, each once, in the order first added.</summary>
        public readonly (int[] Start, int[] Buildings) Names(int keys, int buildings)
        {
            var start = new int[keys + 1];
            for (var i = 0; i < pairCount; i += 2) start[pairs[i] + 1]++;
            for (var k = 0; k < keys; k++) start[k + 1] += start[k];
            var all = new int[start[keys]];
            var next = start[..^1];
            for (var i = 0; i < pairCount; i += 2) all[next[pairs[i]]++] = pairs[i + 1];
            // Duplicates dropped in place, keeping the first: seen[b] = 1 + the name it was last seen with.
            var seen = new int[buildings];
            var result = new int[all.Length];
            var kept = 0;
            var keptStart = new int[keys + 1];
            for (var k = 0; k < keys; k++)
            {
                keptStart[k] = kept;
                for (var i = start[k]; i < start[k + 1]; i++)
                {
                    var b = all[i];
                    if (seen[b] == k + 1) continue;
                    seen[b] = k + 1;
                    result[kept++] = b;
                }
            }
            keptStart[keys] = kept;
            return (keptStart, result.AsSpan(0, kept).ToArray());
        }
    }

    static readonly Lazy<bool> KnownUnique = new(() => true);
    readonly Lazy<bool> idsUnique;

    /// <summary>
    /// No two households of the index share an id (so no two of them compare equal in the resolver's ranking); always
    /// so for a context's registry (a dictionary by id).
    /// </summary>
    internal bool IdsUnique => idsUnique.Value;

    bool AllIdsDiffer()
    {
        var seen = new HashSet<string>(Count, StringComparer.Ordinal);
        for (var o = 0; o < Count; o++)
            if (!seen.Add(households[o].Ref.HouseholdId)) return false;
        return true;
    }

    static long built;

    /// <summary>A number of this index, unique in the process (what a resolver's pool kept between tips is for).</summary>
    internal long Id { get; } = Interlocked.Increment(ref built);

    /// <summary>Households numbered by <see cref="HouseholdEntry.Ordinal"/> (0 .. this - 1).</summary>
    internal int Ordinals => Count;

    internal ref readonly Household At(int ordinal) => ref households[ordinal];

    internal ref readonly Building BuildingAt(int number) => ref buildings[number];

    /// <summary>Buildings numbered by <see cref="BuildingEntry.Id"/> (0 .. this - 1).</summary>
    internal int BuildingCount => buildingCount;

    /// <summary>The ordinals of a building's households, in the order given.</summary>
    internal ReadOnlySpan<int> Members(int building) => members.AsSpan(memberStart[building], memberStart[building + 1] - memberStart[building]);

    /// <summary>
    /// The places among a building's households (ascending) of those whose unit has this number, for a building of many
    /// households; null for a small one (try them all). Built on first use; safe across threads (built twice at worst,
    /// the same both times).
    /// </summary>
    internal int[]? WithUnitNumber(int building, int number)
    {
        var of = Members(building);
        if (of.Length < NumberedFrom) return null;
        var byNumber = Volatile.Read(ref unitNumbers[building]);
        if (byNumber is null)
        {
            var lists = new Dictionary<int, List<int>>();
            for (var i = 0; i < of.Length; i++)
            {
                var n = households[of[i]].Unit.Number;
                if (!lists.TryGetValue(n, out var l)) lists[n] = l = [];
                l.Add(i);
            }
            byNumber = lists.ToDictionary(p => p.Key, p => p.Value.ToArray());
            Volatile.Write(ref unitNumbers[building], byNumber);
        }
        return byNumber.GetValueOrDefault(number, NoHouseholds);
    }

    // Below this many households a building's households are simply tried one by one.
    const int NumberedFrom = 24;
    static readonly int[] NoHouseholds = [];

    (Dictionary<UnitSpec, int> Units, int Households, int Buildings) CountUnits()
    {
        // Roads, their buildings and their households in the order first met (the order of the unit counts' sums).
        var counts = new Dictionary<UnitSpec, int>();
        int placed = 0, buildingsCounted = 0;
        foreach (var road in roads.Values)
            foreach (var b in road.BuildingNumbers)
            {
                buildingsCounted++;
                foreach (var o in Members(b))
                {
                    placed++;
                    var unit = households[o].Unit;
                    counts[unit] = counts.GetValueOrDefault(unit) + 1;
                }
            }
        return (counts, placed, buildingsCounted);
    }

    /// <summary>
    /// How likely a household taken at random would have its unit written as <paramref name="written"/>: the share of
    /// the registry's placed households whose unit fits it, weighted by the fit (203호 fits a few percent, 105동 2402호
    /// a few households in the district, nothing written fits every house and, at 0.15, every unit).
    /// </summary>
    internal double UnitShare(UnitSpec written) => unitShares.GetOrAdd(written, w =>
    {
        var (counts, placed, _) = units.Value;
        if (placed == 0) return 1;
        var fitting = 0.0;
        foreach (var (unit, n) in counts) fitting += n * w.Fit(unit);
        return fitting / placed;
    });

    /// <summary>Counts the units now (as the first <see cref="UnitShare"/> would), on the caller's thread.</summary>
    internal void CountUnitsNow() => _ = units.Value;

    /// <summary>Placed households per building (road + number + sub-number) in the registry.</summary>
    internal double HouseholdsPerBuilding => units.Value is var (_, placed, counted) && counted > 0 ? placed / (double)counted : 1;

    /// <summary>
    /// A registry address taken apart: its building part (shared by the households of the building when the address has
    /// the registry's shape, its unit then left as the part's) and the household's unit.
    /// </summary>
    /// <returns>Also the building part's number among the kept parts; -1 for an address parsed whole.</returns>
    static (WrittenAddress Part, UnitSpec Unit, int PartNumber) ParseRegistryAddress(string address, RegistryAddresses parts)
    {
        var comma = address.IndexOf(',');
        var bracket = address.IndexOf('(');
        if (comma < 0 || bracket >= 0 && bracket < comma) return Whole(parts.Whole(address));
        var unitEnd = bracket > comma ? bracket : address.Length;
        var building = parts.Building(address.AsSpan(0, comma), bracket > comma ? address.AsSpan(bracket) : [], out var number);
        if (building.Road is null || building.Unit.Kind != UnitKind.None) return Whole(parts.Whole(address));
        return (building, parts.Unit(address.AsSpan(comma + 1, unitEnd - comma - 1).Trim()), number);
    }

    static (WrittenAddress, UnitSpec, int) Whole(WrittenAddress a) => (a, a.Unit, -1);

    /// <summary>The registry's addresses taken apart (kept for the index of the next run, see <see cref="RegistryAddresses"/>).</summary>
    /// <remarks>An index restored from a kept copy decodes them on first use (nothing needs them unless the index is built again).</remarks>
    public RegistryAddresses Addresses => addresses.Value;

    readonly Lazy<RegistryAddresses> addresses;

    /// <summary>Households in the index (the newest known version of each).</summary>
    public int Count { get; }

    /// <summary>Date of the newest registry snapshot in the index; households missing from it have moved out.</summary>
    public DateOnly NewestSnapshot { get; }

    /// <summary>Share of heads with this surname (for how much "김씨" says).</summary>
    internal double SurnameShare(string surname) => Count == 0 ? 1 : Math.Max(1, surnames.GetValueOrDefault(surname)) / (double)Count;

    /// <summary>Share of heads with exactly this full name (for how much a matching name says).</summary>
    internal double NameShare(string name) => Count == 0 ? 1 : Math.Max(1, names.GetValueOrDefault(name)) / (double)Count;

    /// <summary>Share of households with this phone (<see cref="Phones.Key"/>; for how much a matching phone says).</summary>
    internal double PhoneShare(UInt128 phone) => Count == 0 ? 1 : Math.Max(1, byPhone.TryGetValue(phone, out var p) ? p.Count : 0) / (double)Count;

    /// <summary>The households with this phone (<see cref="Phones.Key"/>), in the order given.</summary>
    internal HouseholdEntry[] WithPhone(UInt128 phone)
    {
        if (!byPhone.TryGetValue(phone, out var p)) return [];
        var result = new HouseholdEntry[p.Count];
        for (int i = 0, o = p.First; i < result.Length; i++, o = samePhoneNext[o] - 1) result[i] = new HouseholdEntry(this, o);
        return result;
    }

    void AddPhone(UInt128 phone, int ordinal)
    {
        ref var p = ref CollectionsMarshal.GetValueRefOrAddDefault(byPhone, phone, out var exists);
        if (!exists) p = (ordinal, ordinal, 1);
        else
        {
            // Nearly every phone is one household's: a chain through the households only for a phone shared.
            samePhoneNext[p.Last] = ordinal + 1;
            p = (p.First, ordinal, p.Count + 1);
        }
    }

    /// <summary>
    /// Registry roads for a road as written: the road itself when the registry has it; otherwise the roads within a
    /// small jamo edit distance (1 for short names, 2 for longer), nearest first.
    /// </summary>
    internal (RoadEntry Road, int Distance)[] Roads(string written) => roadLookups.GetOrAdd(written, w =>
    {
        if (roads.TryGetValue(w, out var exact)) return [(exact, 0)];
        var jw = Jamo.Decompose(w);
        var limit = jw.Length <= 7 ? 1 : 2;
        var found = new List<(RoadEntry, int)>();
        foreach (var r in roads.Values)
        {
            if (Math.Abs(r.Jamo.Length - jw.Length) > limit) continue;
            var d = Jamo.OptimalStringAlignment(jw, r.Jamo);
            if (d <= limit) found.Add((r, d));
        }
        if (found.Count == 0)
        {
            // A syllable doubled, dropped or wrong in a longer name (도림림로, 여의방로): one syllable off, counted as
            // one more than the jamo limit.
            foreach (var r in roads.Values)
                if (Math.Max(r.Name.Length, w.Length) >= 4 && Math.Min(r.Name.Length, w.Length) >= 3 && Math.Abs(r.Name.Length - w.Length) <= 1
                    && r.Name[^1] == w[^1] && Jamo.OptimalStringAlignment(w, r.Name) == 1)
                    found.Add((r, limit + 1));
        }
        if (found.Count == 0) return [];
        var best = found.Min(f => f.Item2);
        return found.Where(f => f.Item2 == best).ToArray();
    });

    /// <summary>
    /// An address as written, read against the registry: as road + number when the registry has that road, or the
    /// written road ends in 로/길 and is a typo away from one; else, when the registry has a building of the name it
    /// starts with, as a building name and unit ("장미맨션 202" is the 202호 of 장미맨션, not number 202 of a road).
    /// </summary>
    internal WrittenAddress Read(string address)
    {
        var a = WrittenAddress.Parse(address);
        if (a.Road is null) return a;
        // "여의 대방로 88": a road the registry does not have may be the end of one written apart.
        if (!roads.ContainsKey(a.Road))
            foreach (var w in a.Words)
                if (roads.ContainsKey(w + a.Road)) return a with { Road = w + a.Road, Words = a.Words.Where(x => x != w).ToList() };
        var roadsFound = Roads(a.Road);
        if (roadsFound.Length > 0 && (roadsFound[0].Distance == 0 || a.Road.EndsWith('로') || a.Road.EndsWith('길'))) return a;
        var named = WrittenAddress.ParseWithoutRoad(address);
        return named.Words.Count > 0 && BuildingsNamed(named.Words).Count > 0 ? named : a;
    }

    /// <summary>Buildings whose registry name (or its stem without 아파트/빌라/…) is one of <paramref name="words"/>.</summary>
    internal List<BuildingEntry> BuildingsNamed(IEnumerable<string> words)
    {
        var result = new List<BuildingEntry>();
        foreach (var w in words)
        {
            if (nameKeys.TryGetValue(NameKey(w), out var k)) AddNamed(result, k);
            else if (NameStem(w) is { } stem && nameKeys.TryGetValue(stem, out var k2)) AddNamed(result, k2);
            else if (MisspeltNames(w) is { Count: > 0 } near) foreach (var n in near) AddNamed(result, nameKeys[n]);
            else foreach (var part in PartNames(w)) AddNamed(result, nameKeys[part]);
        }
        Dedupe(result);
        return result;
    }

    void AddNamed(List<BuildingEntry> result, int key)
    {
        for (var i = namedStart[key]; i < namedStart[key + 1]; i++) result.Add(new BuildingEntry(this, named[i]));
    }

    /// <summary>
    /// The registry names a word of three syllables or more is one jamo away from (레미안 for 래미안, 행복빌리 for
    /// 행복빌라: ㅐ/ㅔ and the like are the commonest misspellings), when exactly one name is that near; else none.
    /// </summary>
    IReadOnlyList<string> MisspeltNames(string word) => nameLookups.GetOrAdd(NameKey(word), w =>
    {
        if (w.Count(c => c is >= '가' and <= '힣') < 3) return [];
        var jw = Jamo.Decompose(w);
        string? found = null;
        foreach (var (key, jamo) in nameJamo.Value)
        {
            if (Math.Abs(jamo.Length - jw.Length) > 1 || Jamo.OptimalStringAlignment(jw, jamo) > 1) continue;
            if (found is not null) return [];
            found = key;
        }
        return found is null ? [] : [found];
    });

    /// <summary>
    /// The registry names a word is part of, or that are part of it, at three letters or more: "래미안" for 도림래미안아파트
    /// (the brand without the area), "신길래미안" for 래미안아파트 (the area added). Never a bare kind (아파트, 하이츠).
    /// </summary>
    IReadOnlyList<string> PartNames(string word) => partLookups.GetOrAdd(NameKey(word), w =>
    {
        if (w.Length < 3 || NameSuffixes.Contains(w) || w.All(char.IsAsciiDigit)) return [];
        var found = new List<string>();
        foreach (var (key, _) in nameJamo.Value)
            if (key.Length > w.Length ? key.EndsWith(w, StringComparison.Ordinal) : key.Length >= 3 && w.EndsWith(key, StringComparison.Ordinal) && !NameSuffixes.Contains(key))
                found.Add(key);
        return found;
    });

    /// <summary>
    /// The dong of an address written without one: an administrative dong named in it (신길5동, 신길제5동); else the single
    /// dong of the registry's households at that unit, that building, that building name or that road. Null otherwise.
    /// </summary>
    public string? InferDong(string address)
    {
        var namedDongs = Dongs.Mentions(address).Select(m => m.Dong).Distinct().Take(2).ToList();
        if (namedDongs.Count == 1) return namedDongs[0];
        var a = Read(address);
        var found = new List<BuildingEntry>();
        var roadsFound = a.Road is null ? [] : Roads(a.Road);
        foreach (var (road, _) in roadsFound) if (road.Find(a.Number, a.Sub) is { } b) found.Add(b);
        if (found.Count == 0) found = BuildingsNamed(a.Words);
        var atUnit = new OneDong();
        foreach (var b in found)
        {
            // A building of one dong adds that dong for any household at the unit (adding it again changes nothing): the
            // first one found is enough, and no household's dong is read.
            if (buildings[b.Id].Dongs.IsOne(out var only))
            {
                foreach (var h in b.Households)
                    if (a.Unit.Fit(h.Unit) > 0)
                    {
                        atUnit.Add(only);
                        break;
                    }
                continue;
            }
            foreach (var h in b.Households)
                if (a.Unit.Fit(h.Unit) > 0) atUnit.Add(h.Ref.Dong);
        }
        if (atUnit.Single(out var unitDong)) return unitDong;
        var atBuilding = new OneDong();
        foreach (var b in found) buildings[b.Id].Dongs.AddTo(ref atBuilding);
        if (atBuilding.Single(out var buildingDong)) return buildingDong;
        var onRoad = new OneDong();
        foreach (var (road, _) in roadsFound) road.Dongs.AddTo(ref onRoad);
        return onRoad.Single(out var roadDong) ? roadDong : null;
    }

    /// <summary>Whether the dongs added are one (as <c>Distinct().Take(2)</c> of them counting one), and which.</summary>
    internal struct OneDong
    {
        string? first;
        int count;

        public void Add(string? dong)
        {
            if (count == 0) (first, count) = (dong, 1);
            else if (count == 1 && !string.Equals(first, dong, StringComparison.Ordinal)) count = 2;
        }

        public readonly bool Single(out string? dong)
        {
            dong = first;
            return count == 1;
        }
    }

    static string NameKey(string w)
    {
        // Hangul has no case, and ASCII lowers by itself: only another letter needs the culture tables (ICU), which are
        // slow for the ~100,000 building words of a district. The same text as ToLowerInvariant either way.
        var upper = false;
        foreach (var c in w)
        {
            if (c is >= 'A' and <= 'Z') upper = true;
            else if (c >= 0x80 && c is not (>= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F'))
                return w.ToLowerInvariant();
        }
        return upper ? string.Create(w.Length, w, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++) span[i] = t[i] is >= 'A' and <= 'Z' ? (char)(t[i] + 32) : t[i];
        }) : w;
    }

    static readonly string[] NameSuffixes =
        ["아파트", "오피스텔", "고시원", "고시텔", "하우스", "하이츠", "빌리지", "빌라", "맨션", "타워", "빌딩", "주택", "연립", "캐슬", "빌", "원룸"];

    /// <summary>A building name without its kind (래미안아파트 -> 래미안), null when nothing is left or nothing was cut.</summary>
    internal static string? NameStem(string w)
    {
        foreach (var s in NameSuffixes)
            if (w.Length > s.Length + 1 && w.EndsWith(s, StringComparison.Ordinal)) return NameKey(w[..^s.Length]);
        return null;
    }

    static void Dedupe(List<BuildingEntry> list)
    {
        if (list.Count < 2) return;
        var seen = new HashSet<int>();
        list.RemoveAll(b => !seen.Add(b.Id));
    }
}

/// <summary>The dongs of a building or a road, as far as they are ever asked: the first two different ones, and whether there are more.</summary>
internal struct TwoDongs
{
    string? first, second;
    int count;

    /// <summary>The dongs as added: the first two different ones and how many (3: more than two).</summary>
    public TwoDongs(string? first, string? second, int count) => (this.first, this.second, this.count) = (first, second, count);

    public readonly string? First => first;
    public readonly string? Second => second;
    public readonly int Count => count;

    /// <summary>Adds a dong unless it is one of the first two (as a set would; a third is only counted).</summary>
    public void Add(string? dong)
    {
        if (count == 0) (first, count) = (dong, 1);
        else if (string.Equals(first, dong, StringComparison.Ordinal)) return;
        else if (count == 1) (second, count) = (dong, 2);
        else if (count == 2 && !string.Equals(second, dong, StringComparison.Ordinal)) count = 3;
    }

    /// <summary>Whether every dong added was one (as strings: equal), and which.</summary>
    public readonly bool IsOne(out string? dong)
    {
        dong = first;
        return count == 1;
    }

    /// <summary>
    /// Adds the dongs to <paramref name="one"/>: all of them when one or two, the first two otherwise (enough to tell
    /// that they are not one).
    /// </summary>
    public readonly void AddTo(ref RegistryIndex.OneDong one)
    {
        if (count > 0) one.Add(first);
        if (count > 1) one.Add(second);
    }
}

/// <summary>One household of an index as the resolver sees it (a place in the index's arrays).</summary>
internal readonly struct HouseholdEntry(RegistryIndex index, int ordinal)
{
    public HouseholdRef Ref => index.At(ordinal).Ref;
    public UnitSpec Unit => index.At(ordinal).Unit;
    /// <summary>Still in the newest snapshot.</summary>
    public bool Current => index.At(ordinal).Current;
    /// <summary>The head's name without spaces.</summary>
    public string Name => index.At(ordinal).Name;
    /// <summary>The head's surname (<see cref="SubjectName.SurnameOfSqueezed"/>), as its characters.</summary>
    public ReadOnlySpan<char> Surname => SubjectName.SurnameOfSqueezed(index.At(ordinal).Name);
    /// <summary>The phone's digits (<see cref="Phones.Key"/>; 0: none).</summary>
    public UInt128 Phone => index.At(ordinal).Phone;

    /// <summary>The household's place in the index (0 .. <see cref="RegistryIndex.Ordinals"/> - 1): how the resolver's pool finds it.</summary>
    public int Ordinal => ordinal;
}

/// <summary>One building (road + number + sub-number) with its households, as the resolver sees it (a number of the index's).</summary>
internal readonly struct BuildingEntry(RegistryIndex index, int id)
{
    /// <summary>The building's number in the index (the order first met).</summary>
    public int Id => id;
    public RoadEntry Road => index.BuildingAt(id).Road;
    public int Number => index.BuildingAt(id).Number;
    public int Sub => index.BuildingAt(id).Sub;
    public HouseholdList Households => new(index, index.Members(id));

    /// <summary>
    /// The places in <see cref="Households"/> (ascending) of the households whose unit has this number (203호, 101동
    /// 203호; any kind of unit), for a building of many households; null for a small one (try them all).
    /// </summary>
    public int[]? WithUnitNumber(int number) => index.WithUnitNumber(id, number);
}

/// <summary>Households of an index by their ordinals.</summary>
internal readonly ref struct HouseholdList(RegistryIndex index, ReadOnlySpan<int> ordinals)
{
    readonly ReadOnlySpan<int> ordinals = ordinals;

    public int Count => ordinals.Length;
    public HouseholdEntry this[int i] => new(index, ordinals[i]);
    public Enumerator GetEnumerator() => new(index, ordinals);

    public ref struct Enumerator(RegistryIndex index, ReadOnlySpan<int> ordinals)
    {
        readonly ReadOnlySpan<int> ordinals = ordinals;
        int i = -1;
        public bool MoveNext() => ++i < ordinals.Length;
        public readonly HouseholdEntry Current => new(index, ordinals[i]);
    }
}

/// <summary>Buildings of an index by their numbers.</summary>
internal readonly ref struct BuildingList(RegistryIndex index, ReadOnlySpan<int> ids)
{
    readonly ReadOnlySpan<int> ids = ids;

    public int Count => ids.Length;
    public BuildingEntry this[int i] => new(index, ids[i]);
    public Enumerator GetEnumerator() => new(index, ids);

    public ref struct Enumerator(RegistryIndex index, ReadOnlySpan<int> ids)
    {
        readonly ReadOnlySpan<int> ids = ids;
        int i = -1;
        public bool MoveNext() => ++i < ids.Length;
        public readonly BuildingEntry Current => new(index, ids[i]);
    }
}

/// <summary>A road with its buildings by number.</summary>
internal sealed class RoadEntry(RegistryIndex index, string name)
{
    // The buildings by (number, sub-number) while the index is built.
    Dictionary<(int, int), int>? building = [];
    // The road's buildings in the order first met; set by Freeze, with the main numbers in ascending order and the
    // buildings of numbers[i] at byNumber[numberStart[i] .. numberStart[i + 1]] (in the order first met).
    List<int>? met = [];
    int[] ids = [], numbers = [], numberStart = [0], byNumber = [];
    Dictionary<(int, int), int> find = [];

    public string Name => name;
    public string Jamo { get; } = Text.Jamo.Decompose(name);

    /// <summary>The dongs of the road's households (the first two different ones).</summary>
    public TwoDongs Dongs;

    public int Get(int number, int sub, ref RegistryIndex.Builder build)
    {
        ref var b = ref CollectionsMarshal.GetValueRefOrAddDefault(building!, (number, sub), out var exists);
        if (exists) return b;
        b = build.Add(this, number, sub);
        met!.Add(b);
        return b;
    }

    /// <summary>A building of the road as <see cref="Get"/> numbered it (a kept index: buildings given in their numbers' order).</summary>
    public void Keep(int number, int sub, int b)
    {
        building![(number, sub)] = b;
        met!.Add(b);
    }

    public void Freeze(RegistryIndex.Building[] buildings)
    {
        ids = [.. met!];
        find = building!;
        (building, met) = (null, null);
        // Stable: the buildings of a number stay in the order first met.
        byNumber = [.. ids.OrderBy(b => buildings[b].Number)];
        var distinct = new List<int>();
        var starts = new List<int>();
        for (var i = 0; i < byNumber.Length; i++)
        {
            var n = buildings[byNumber[i]].Number;
            if (i > 0 && buildings[byNumber[i - 1]].Number == n) continue;
            distinct.Add(n);
            starts.Add(i);
        }
        starts.Add(byNumber.Length);
        numbers = [.. distinct];
        numberStart = [.. starts];
    }

    /// <summary>The road's buildings' numbers in the order first met.</summary>
    public ReadOnlySpan<int> BuildingNumbers => ids;

    public BuildingEntry? Find(int number, int sub) => find.TryGetValue((number, sub), out var b) ? new BuildingEntry(index, b) : null;

    /// <summary>The buildings with main number <paramref name="number"/> (any sub-number).</summary>
    public BuildingList WithNumber(int number)
    {
        var i = Array.BinarySearch(numbers, number);
        return i < 0 ? default : new BuildingList(index, byNumber.AsSpan(numberStart[i], numberStart[i + 1] - numberStart[i]));
    }

    /// <summary>Buildings whose main number is within <paramref name="span"/> of <paramref name="number"/>, by number.</summary>
    public List<BuildingEntry> Near(int number, int span)
    {
        var result = new List<BuildingEntry>();
        var i = Array.BinarySearch(numbers, number - span);
        if (i < 0) i = ~i;
        for (; i < numbers.Length && numbers[i] <= number + span; i++)
            for (var k = numberStart[i]; k < numberStart[i + 1]; k++) result.Add(new BuildingEntry(index, byNumber[k]));
        return result;
    }
}

/// <summary>Phone numbers compared by their digits only.</summary>
internal static class Phones
{
    /// <summary>
    /// The digits of a phone (the first 32), as one number that tells every string of digits apart (their value and how
    /// many: leading zeros count); 0 when it has fewer than 9 digits or none.
    /// </summary>
    public static UInt128 Key(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return 0;
        var limit = Math.Min(phone.Length, 32);
        UInt128 value = 0;
        var n = 0;
        foreach (var c in phone)
            if (char.IsAsciiDigit(c) && n < limit)
            {
                value = value * 10 + (uint)(c - '0');
                n++;
            }
        return n >= 9 ? value << 6 | (uint)n : 0;
    }
}
