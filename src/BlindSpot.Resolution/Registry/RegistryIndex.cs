using System.Collections.Concurrent;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Registry;

/// <summary>
/// The registry's households indexed for tip resolution: by road, building number and unit; by the building names
/// the registry writes in brackets ("(신길동, 행복빌라)"); by phone; by surname frequency. Build it once per run (about
/// half a CPU-second at 190,000 households from the kept addresses) and share it: it is read-only after construction and safe across threads.
/// </summary>
public sealed class RegistryIndex
{
    readonly Dictionary<string, RoadEntry> roads = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<BuildingEntry>> byName = new(StringComparer.Ordinal);
    // Nearly every phone is one household's: the entry itself, a list only for a phone shared (no list per household).
    readonly Dictionary<string, object> byPhone = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> surnames = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (RoadEntry Road, int Distance)[]> roadLookups = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> nameLookups = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> partLookups = new(StringComparer.Ordinal);
    readonly (string Key, string Jamo)[] nameJamo;
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
    internal RegistryIndex(IEnumerable<HouseholdRef> households, RegistryAddresses? addresses, bool idsUnique)
    {
        ArgumentNullException.ThrowIfNull(households);
        Addresses = addresses ?? new RegistryAddresses();
        var list = households as IReadOnlyCollection<HouseholdRef> ?? households.ToList();
        idsUnique |= households is Dictionary<string, HouseholdRef>.ValueCollection;
        this.idsUnique = idsUnique ? KnownUnique : new Lazy<bool>(AllIdsDiffer);
        foreach (var h in list) if (h.SnapshotDate > NewestSnapshot) NewestSnapshot = h.SnapshotDate;
        names.EnsureCapacity(list.Count);
        byPhone.EnsureCapacity(list.Count);
        var surnameLookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        // Many households share a building: the part before the registry's comma ("서울특별시 영등포구 도림로 123") and the
        // bracket are parsed once per building, the unit once per spelling; an address without that shape is parsed whole
        // (once per address).
        // The building of each building part, by the part's number in the kept parts (the same part, the same building:
        // no road or number lookup again).
        var buildingOf = new BuildingEntry?[Math.Max(16, Addresses.BuildingCount)];
        foreach (var h in list)
        {
            var (a, unit, part) = ParseRegistryAddress(h.Address, Addresses);
            var name = SubjectName.Squeeze(h.HeadName);
            // One string per surname (the counts' key), not one per household.
            var surnameSpan = SubjectName.SurnameOfSqueezed(name);
            if (!surnameLookup.TryGetValue(surnameSpan, out var surname, out _)) surname = surnameSpan.ToString();
            var entry = new HouseholdEntry(h, unit, h.SnapshotDate == NewestSnapshot, name, surname, Phones.Digits(h.Phone)) { Ordinal = Count };
            Count++;
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(surnames, surname, out _)++;
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(names, entry.Name, out _)++;
            if (entry.PhoneDigits is { } p) AddPhone(p, entry);
            if (a.Road is null) { Unplaced.Add(entry); continue; }
            BuildingEntry building;
            if (part < 0) building = BuildingAt(a);
            else
            {
                if (part >= buildingOf.Length) Array.Resize(ref buildingOf, Math.Max(part + 1, buildingOf.Length * 2));
                building = buildingOf[part] ??= BuildingAt(a);
            }
            building.Households.Add(entry);
            entry.Building = building;
            // Most households of a building share its dong and (one parsed part) its words: added once.
            if (!string.Equals(building.LastDong, h.Dong, StringComparison.Ordinal))
            {
                building.Dongs.Add(h.Dong);
                building.Road.Dongs.Add(h.Dong);
                building.LastDong = h.Dong;
            }
            if (ReferenceEquals(building.LastWords, a.Words)) continue;
            building.LastWords = a.Words;
            foreach (var w in a.Words)
            {
                if (building.Names.Add(w))
                {
                    Add(byName, NameKey(w), building);
                    if (NameStem(w) is { } stem) Add(byName, stem, building);
                }
            }
        }
        foreach (var r in roads.Values) r.Freeze();
        foreach (var l in byName.Values) Dedupe(l);
        nameJamo = byName.Keys.Select(k => (k, Jamo.Decompose(k))).ToArray();
        units = new Lazy<(Dictionary<UnitSpec, int>, int, int)>(CountUnits);
    }

    BuildingEntry BuildingAt(WrittenAddress a)
    {
        if (!roads.TryGetValue(a.Road!, out var road)) roads[a.Road!] = road = new RoadEntry(a.Road!);
        return road.Get(a.Number, a.Sub);
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
        foreach (var road in roads.Values)
            foreach (var b in road.Buildings)
                foreach (var h in b.Households)
                    if (!seen.Add(h.Ref.HouseholdId)) return false;
        foreach (var h in Unplaced)
            if (!seen.Add(h.Ref.HouseholdId)) return false;
        return true;
    }

    static long built;

    /// <summary>A number of this index, unique in the process (what a resolver's pool kept between tips is for).</summary>
    internal long Id { get; } = Interlocked.Increment(ref built);

    /// <summary>Households numbered by <see cref="HouseholdEntry.Ordinal"/> (0 .. this - 1).</summary>
    internal int Ordinals => Count;

    (Dictionary<UnitSpec, int> Units, int Households, int Buildings) CountUnits()
    {
        var counts = new Dictionary<UnitSpec, int>();
        int households = 0, buildings = 0;
        foreach (var road in roads.Values)
            foreach (var b in road.Buildings)
            {
                buildings++;
                foreach (var h in b.Households)
                {
                    households++;
                    counts[h.Unit] = counts.GetValueOrDefault(h.Unit) + 1;
                }
            }
        return (counts, households, buildings);
    }

    /// <summary>
    /// How likely a household taken at random would have its unit written as <paramref name="written"/>: the share of
    /// the registry's placed households whose unit fits it, weighted by the fit (203호 fits a few percent, 105동 2402호
    /// a few households in the district, nothing written fits every house and, at 0.15, every unit).
    /// </summary>
    internal double UnitShare(UnitSpec written) => unitShares.GetOrAdd(written, w =>
    {
        var (counts, households, _) = units.Value;
        if (households == 0) return 1;
        var fitting = 0.0;
        foreach (var (unit, n) in counts) fitting += n * w.Fit(unit);
        return fitting / households;
    });

    /// <summary>Placed households per building (road + number + sub-number) in the registry.</summary>
    internal double HouseholdsPerBuilding => units.Value is var (_, households, buildings) && buildings > 0 ? households / (double)buildings : 1;

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
    public RegistryAddresses Addresses { get; }

    /// <summary>Households in the index (the newest known version of each).</summary>
    public int Count { get; }

    /// <summary>Date of the newest registry snapshot in the index; households missing from it have moved out.</summary>
    public DateOnly NewestSnapshot { get; }

    internal List<HouseholdEntry> Unplaced { get; } = [];

    /// <summary>Share of heads with this surname (for how much "김씨" says).</summary>
    internal double SurnameShare(string surname) => Count == 0 ? 1 : Math.Max(1, surnames.GetValueOrDefault(surname)) / (double)Count;

    /// <summary>Share of heads with exactly this full name (for how much a matching name says).</summary>
    internal double NameShare(string name) => Count == 0 ? 1 : Math.Max(1, names.GetValueOrDefault(name)) / (double)Count;

    /// <summary>Share of households with this phone (for how much a matching phone says).</summary>
    internal double PhoneShare(string digits) => Count == 0 ? 1 : Math.Max(1, WithPhone(digits).Count) / (double)Count;

    internal IReadOnlyList<HouseholdEntry> WithPhone(string digits) => byPhone.GetValueOrDefault(digits) switch
    {
        HouseholdEntry one => [one],
        List<HouseholdEntry> several => several,
        _ => [],
    };

    void AddPhone(string digits, HouseholdEntry entry)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byPhone, digits, out _);
        slot = slot switch
        {
            null => entry,
            HouseholdEntry first => new List<HouseholdEntry>(2) { first, entry },
            List<HouseholdEntry> several => Add(several, entry),
            _ => throw new InvalidOperationException(),
        };

        static List<HouseholdEntry> Add(List<HouseholdEntry> list, HouseholdEntry e)
        {
            list.Add(e);
            return list;
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
            if (byName.TryGetValue(NameKey(w), out var l)) result.AddRange(l);
            else if (NameStem(w) is { } stem && byName.TryGetValue(stem, out var l2)) result.AddRange(l2);
            else if (MisspeltNames(w) is { Count: > 0 } near) foreach (var n in near) result.AddRange(byName[n]);
            else foreach (var part in PartNames(w)) result.AddRange(byName[part]);
        }
        Dedupe(result);
        return result;
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
        foreach (var (key, jamo) in nameJamo)
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
        foreach (var (key, _) in nameJamo)
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
        var named = Dongs.Mentions(address).Select(m => m.Dong).Distinct().Take(2).ToList();
        if (named.Count == 1) return named[0];
        var a = Read(address);
        var buildings = new List<BuildingEntry>();
        var roadsFound = a.Road is null ? [] : Roads(a.Road);
        foreach (var (road, _) in roadsFound) if (road.Find(a.Number, a.Sub) is { } b) buildings.Add(b);
        if (buildings.Count == 0) buildings = BuildingsNamed(a.Words);
        var atUnit = buildings.SelectMany(b => b.Households).Where(h => a.Unit.Fit(h.Unit) > 0).Select(h => h.Ref.Dong).Distinct().Take(2).ToList();
        if (atUnit.Count == 1) return atUnit[0];
        var atBuilding = buildings.SelectMany(b => b.Dongs).Distinct().Take(2).ToList();
        if (atBuilding.Count == 1) return atBuilding[0];
        var onRoad = roadsFound.SelectMany(r => r.Road.Dongs).Distinct().Take(2).ToList();
        return onRoad.Count == 1 ? onRoad[0] : null;
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

    static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<T>(1);
        list.Add(value);
    }

    static void Dedupe(List<BuildingEntry> list)
    {
        if (list.Count < 2) return;
        var seen = new HashSet<BuildingEntry>(ReferenceEqualityComparer.Instance);
        list.RemoveAll(b => !seen.Add(b));
    }
}

/// <summary>One household as the resolver sees it.</summary>
internal sealed record HouseholdEntry(HouseholdRef Ref, UnitSpec Unit, bool Current, string Name, string Surname, string? PhoneDigits)
{
    public BuildingEntry? Building { get; set; }

    /// <summary>The household's place in the index (0 .. <see cref="RegistryIndex.Ordinals"/> - 1): how the resolver's pool finds it.</summary>
    public int Ordinal { get; init; }
}

/// <summary>One building (road + number + sub-number) with its households and the names the registry gives it.</summary>
internal sealed class BuildingEntry(RoadEntry road, int number, int sub)
{
    public RoadEntry Road => road;
    public int Number => number;
    public int Sub => sub;
    public List<HouseholdEntry> Households { get; } = [];
    public HashSet<string> Dongs { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    // While the index is built: the dong and the words (one parsed part's list) last added, not added again.
    public string? LastDong { get; set; }
    public IReadOnlyList<string>? LastWords { get; set; }

    // Below this many households a building's households are simply tried one by one.
    const int NumberedFrom = 24;
    static readonly int[] NoHouseholds = [];
    Dictionary<int, int[]>? byUnitNumber;

    /// <summary>
    /// The places in <see cref="Households"/> (ascending) of the households whose unit has this number (203호, 101동
    /// 203호; any kind of unit), for a building of many households; null for a small one (try them all). Built on first
    /// use, after the index is built; safe across threads (built twice at worst, the same both times).
    /// </summary>
    public int[]? WithUnitNumber(int number)
    {
        if (Households.Count < NumberedFrom) return null;
        var byNumber = Volatile.Read(ref byUnitNumber);
        if (byNumber is null)
        {
            var lists = new Dictionary<int, List<int>>();
            for (var i = 0; i < Households.Count; i++)
            {
                var n = Households[i].Unit.Number;
                if (!lists.TryGetValue(n, out var l)) lists[n] = l = [];
                l.Add(i);
            }
            byNumber = lists.ToDictionary(p => p.Key, p => p.Value.ToArray());
            Volatile.Write(ref byUnitNumber, byNumber);
        }
        return byNumber.GetValueOrDefault(number, NoHouseholds);
    }
}

/// <summary>A road with its buildings by number.</summary>
internal sealed class RoadEntry(string name)
{
    readonly Dictionary<(int, int), BuildingEntry> buildings = [];
    readonly Dictionary<int, List<BuildingEntry>> byNumber = [];
    // The main numbers in ascending order (set by Freeze).
    int[] numbers = [];

    public string Name => name;
    public string Jamo { get; } = Text.Jamo.Decompose(name);
    public HashSet<string> Dongs { get; } = new(StringComparer.Ordinal);

    public BuildingEntry Get(int number, int sub)
    {
        if (buildings.TryGetValue((number, sub), out var b)) return b;
        b = buildings[(number, sub)] = new BuildingEntry(this, number, sub);
        if (!byNumber.TryGetValue(number, out var l)) byNumber[number] = l = [];
        l.Add(b);
        return b;
    }

    public void Freeze()
    {
        numbers = [.. byNumber.Keys];
        Array.Sort(numbers);
    }

    public IEnumerable<BuildingEntry> Buildings => buildings.Values;

    public BuildingEntry? Find(int number, int sub) => buildings.GetValueOrDefault((number, sub));

    /// <summary>The buildings with main number <paramref name="number"/> (any sub-number).</summary>
    public IReadOnlyList<BuildingEntry> WithNumber(int number) => byNumber.TryGetValue(number, out var l) ? l : [];

    /// <summary>Buildings whose main number is within <paramref name="span"/> of <paramref name="number"/>.</summary>
    public IEnumerable<BuildingEntry> Near(int number, int span)
    {
        var i = Array.BinarySearch(numbers, number - span);
        if (i < 0) i = ~i;
        for (; i < numbers.Length && numbers[i] <= number + span; i++)
            foreach (var b in byNumber[numbers[i]]) yield return b;
    }
}

/// <summary>Phone numbers compared by their digits only.</summary>
internal static class Phones
{
    public static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        Span<char> digits = stackalloc char[Math.Min(phone.Length, 32)];
        var n = 0;
        foreach (var c in phone)
            if (char.IsAsciiDigit(c) && n < digits.Length) digits[n++] = c;
        return n >= 9 ? new string(digits[..n]) : null;
    }
}
