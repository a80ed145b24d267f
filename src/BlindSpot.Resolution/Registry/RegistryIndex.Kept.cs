using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution.Registry;

/// <summary>
/// An index's own parts as the registry copy keeps them (<see cref="KeptRegistry"/>): per household its building, unit and
/// phone; per building its road, numbers and dongs; per road its dongs; the building names and their buildings. Read as
/// arrays of ints in one go, so that the index of a day's run is built from them without taking an address apart, hashing
/// a building part, a unit or a building name, or creating an object per building part or word. Built by the index of
/// the households it was read with (<see cref="Matches"/>), in their order: it is then the index they would give.
/// </summary>
public sealed class KeptIndex
{
    internal IReadOnlyList<HouseholdRef> Households { get; init; } = null!;
    internal int[] Building { get; init; } = null!;
    internal byte[] UnitKinds { get; init; } = null!;
    internal int[] UnitBlocks { get; init; } = null!;
    internal int[] UnitNumbers { get; init; } = null!;
    internal ulong[] PhoneLow { get; init; } = null!;
    internal ulong[] PhoneHigh { get; init; } = null!;
    internal string?[] Dongs { get; init; } = null!;
    internal int[] BuildingRoad { get; init; } = null!;
    internal int[] BuildingNumber { get; init; } = null!;
    internal int[] BuildingSub { get; init; } = null!;
    // A building's or road's dongs (TwoDongs): the first, the second (numbers in Dongs) and how many.
    internal int[] BuildingDongs { get; init; } = null!;
    internal string[] RoadNames { get; init; } = null!;
    internal int[] RoadDongs { get; init; } = null!;
    internal string[] NameKeys { get; init; } = null!;
    internal int[] NamedStart { get; init; } = null!;
    internal int[] Named { get; init; } = null!;
    internal Lazy<RegistryAddresses> LazyAddresses { get; init; } = null!;

    /// <summary>The registry's addresses taken apart (decoded on first use: only an index built anew needs them).</summary>
    public RegistryAddresses Addresses => LazyAddresses.Value;

    /// <summary>True when <paramref name="households"/> are the very households read with it, in the same order.</summary>
    public bool Matches(IEnumerable<HouseholdRef> households)
    {
        ArgumentNullException.ThrowIfNull(households);
        if (households is IReadOnlyCollection<HouseholdRef> c && c.Count != Households.Count) return false;
        var i = 0;
        foreach (var h in households)
            if (i >= Households.Count || !ReferenceEquals(h, Households[i++])) return false;
        return i == Households.Count;
    }
}

public sealed partial class RegistryIndex
{
    const int KeptFormat = 1;

    /// <summary>
    /// The index of <paramref name="households"/> from its parts kept with them (<see cref="KeptIndex"/>): the index
    /// <see cref="RegistryIndex(IEnumerable{HouseholdRef}, RegistryAddresses?)"/> gives, without taking the addresses apart.
    /// </summary>
    /// <exception cref="ArgumentException">The households are not those the parts were read with.</exception>
    public static RegistryIndex FromKept(IReadOnlyList<HouseholdRef> households, KeptIndex kept) => new(kept, households, idsUnique: false);

    /// <param name="idsUnique">As for <see cref="RegistryIndex(IEnumerable{HouseholdRef}, RegistryAddresses?, bool)"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal RegistryIndex(KeptIndex kept, IReadOnlyList<HouseholdRef> households, bool idsUnique)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(kept);
        if (!kept.Matches(households)) throw new ArgumentException("Not the households the index was kept for.", nameof(households));
        addresses = kept.LazyAddresses;
        this.idsUnique = idsUnique ? KnownUnique : new Lazy<bool>(AllIdsDiffer);
        var n = households.Count;
        for (var o = 0; o < n; o++) if (households[o].SnapshotDate > NewestSnapshot) NewestSnapshot = households[o].SnapshotDate;
        this.households = new Household[n];
        samePhoneNext = new int[n];
        var newest = NewestSnapshot;
        // Each household's entry is its own (a daily run builds this index while its other core is free): made side by
        // side in blocks. The lookups over them are then filled side by side, each in household order, each by one
        // thread, so each holds what one pass in household order gave (the same entries, in the same insertion order).
        Parallel.For(0, (n + EntryBlock - 1) / EntryBlock, block =>
        {
            var end = Math.Min(n, (block + 1) * EntryBlock);
            for (var o = block * EntryBlock; o < end; o++)
            {
                var h = households[o];
                this.households[o] = new Household
                {
                    Ref = h, Name = SubjectName.Squeeze(h.HeadName), Phone = new UInt128(kept.PhoneHigh[o], kept.PhoneLow[o]),
                    Unit = new UnitSpec((UnitKind)kept.UnitKinds[o], kept.UnitBlocks[o], kept.UnitNumbers[o]),
                    Building = kept.Building[o], Current = h.SnapshotDate == newest,
                };
            }
        });
        Count = n;
        (Building[] Buildings, int[] MemberStart, int[] Members)? built = null;
        Parallel.Invoke(CountNames, IndexPhones, () => built = IndexBuildings(kept));
        (buildings, memberStart, members) = built!.Value;
        buildingCount = buildings.Length;
        unitNumbers = new Dictionary<int, int[]>?[buildingCount];
        nameKeys.EnsureCapacity(kept.NameKeys.Length);
        for (var k = 0; k < kept.NameKeys.Length; k++) nameKeys.Add(kept.NameKeys[k], k);
        (namedStart, named) = (kept.NamedStart, kept.Named);
        nameJamo = new Lazy<(string, string)[]>(NameJamo);
        units = new Lazy<(Dictionary<UnitSpec, int>, int, int)>(CountUnits);
    }

    /// <summary>Households per block when a kept index's entries are made side by side.</summary>
    const int EntryBlock = 16_384;

    /// <summary>How many households bear each (squeezed) name, then each surname (a kept index's constructor).</summary>
    void CountNames()
    {
        names.EnsureCapacity(Count);
        for (var o = 0; o < Count; o++) CollectionsMarshal.GetValueRefOrAddDefault(names, households[o].Name, out _)++;
        var surnameLookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (name, count) in names) CollectionsMarshal.GetValueRefOrAddDefault(surnameLookup, SubjectName.SurnameOfSqueezed(name), out _) += count;
    }

    /// <summary>The households by phone, in household order (a kept index's constructor).</summary>
    void IndexPhones()
    {
        byPhone.EnsureCapacity(Count);
        for (var o = 0; o < Count; o++)
            if (households[o].Phone is var phone && phone != 0) AddPhone(phone, o);
    }

    /// <summary>The roads (into <see cref="roads"/>), buildings and each building's households, from the kept parts (a kept
    /// index's constructor).</summary>
    (Building[] Buildings, int[] MemberStart, int[] Members) IndexBuildings(KeptIndex kept)
    {
        var bc = kept.BuildingNumber.Length;
        var sizes = new int[bc];
        for (var o = 0; o < Count; o++)
            if (households[o].Building is var b and >= 0) sizes[b]++;
        // Roads are numbered in the order their first building was met, as the constructor added them to its dictionary.
        var roadList = new List<RoadEntry>(kept.RoadNames.Length);
        var buildings = new Building[bc];
        for (var b = 0; b < bc; b++)
        {
            var r = kept.BuildingRoad[b];
            if (r == roadList.Count)
            {
                var road = new RoadEntry(this, kept.RoadNames[r]) { Dongs = DongsAt(kept, kept.RoadDongs, r) };
                roads.Add(road.Name, road);
                roadList.Add(road);
            }
            roadList[r].Keep(kept.BuildingNumber[b], kept.BuildingSub[b], b);
            buildings[b] = new Building { Road = roadList[r], Number = kept.BuildingNumber[b], Sub = kept.BuildingSub[b], Dongs = DongsAt(kept, kept.BuildingDongs, b) };
        }
        var memberStart = new int[bc + 1];
        for (var b = 0; b < bc; b++) memberStart[b + 1] = memberStart[b] + sizes[b];
        var members = new int[memberStart[bc]];
        var next = memberStart[..^1];
        for (var o = 0; o < Count; o++)
            if (households[o].Building is var b and >= 0) members[next[b]++] = o;
        foreach (var r in roads.Values) r.Freeze(buildings);
        return (buildings, memberStart, members);
    }

    /// <summary>True when the index is of <paramref name="households"/>, in their order (the same objects).</summary>
    internal bool Indexes(IReadOnlyCollection<HouseholdRef> households)
    {
        if (households.Count != Count) return false;
        var o = 0;
        foreach (var h in households)
            if (!ReferenceEquals(h, this.households[o++].Ref)) return false;
        return true;
    }

    static TwoDongs DongsAt(KeptIndex kept, int[] dongs, int i) =>
        new(kept.Dongs[dongs[3 * i]], kept.Dongs[dongs[3 * i + 1]], dongs[3 * i + 2]);

    /// <summary>Writes the index's own parts (<see cref="KeptIndex"/>), read back by <see cref="ReadKept"/>.</summary>
    internal void WriteKept(BinaryWriter w)
    {
        w.Write(KeptFormat);
        var n = Count;
        var building = new int[n];
        var kinds = new byte[n];
        var blocks = new int[n];
        var numbers = new int[n];
        var low = new ulong[n];
        var high = new ulong[n];
        for (var o = 0; o < n; o++)
        {
            ref readonly var h = ref households[o];
            (building[o], kinds[o], blocks[o], numbers[o]) = (h.Building, (byte)h.Unit.Kind, h.Unit.Block, h.Unit.Number);
            (low[o], high[o]) = ((ulong)h.Phone, (ulong)(h.Phone >> 64));
        }
        w.Write(n);
        WriteArray(w, building);
        w.Write(kinds);
        WriteArray(w, blocks);
        WriteArray(w, numbers);
        WriteArray(w, low);
        WriteArray(w, high);

        // Dongs by number (0: none), roads by the order first met (the dictionary's order), buildings by number.
        var dongNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var dongs = new List<string?> { null };
        int DongNumber(string? d)
        {
            if (d is null) return 0;
            if (dongNumbers.TryGetValue(d, out var k)) return k;
            dongNumbers[d] = k = dongs.Count;
            dongs.Add(d);
            return k;
        }
        void AddDongs(List<int> to, TwoDongs d)
        {
            to.Add(DongNumber(d.First));
            to.Add(DongNumber(d.Second));
            to.Add(d.Count);
        }
        var roadNumbers = new Dictionary<RoadEntry, int>(ReferenceEqualityComparer.Instance);
        var roadList = new List<RoadEntry>();
        var buildingRoad = new int[buildingCount];
        var buildingNumber = new int[buildingCount];
        var buildingSub = new int[buildingCount];
        var buildingDongs = new List<int>(3 * buildingCount);
        for (var b = 0; b < buildingCount; b++)
        {
            var road = buildings[b].Road;
            if (!roadNumbers.TryGetValue(road, out var r))
            {
                roadNumbers[road] = r = roadList.Count;
                roadList.Add(road);
            }
            (buildingRoad[b], buildingNumber[b], buildingSub[b]) = (r, buildings[b].Number, buildings[b].Sub);
            AddDongs(buildingDongs, buildings[b].Dongs);
        }
        var roadDongs = new List<int>(3 * roadList.Count);
        foreach (var road in roadList) AddDongs(roadDongs, road.Dongs);
        w.Write(dongs.Count - 1);
        foreach (var d in dongs.Skip(1)) w.WriteText(d!);
        w.Write(buildingCount);
        WriteArray(w, buildingRoad);
        WriteArray(w, buildingNumber);
        WriteArray(w, buildingSub);
        WriteArray<int>(w, [.. buildingDongs]);
        w.Write(roadList.Count);
        foreach (var road in roadList) w.WriteText(road.Name);
        WriteArray<int>(w, [.. roadDongs]);
        var keys = new string[nameKeys.Count];
        foreach (var (key, k) in nameKeys) keys[k] = key;
        w.Write(keys.Length);
        foreach (var key in keys) w.WriteText(key);
        WriteArray(w, namedStart);
        w.Write(named.Length);
        WriteArray(w, named);
    }

    /// <summary>
    /// The parts written by <see cref="WriteKept"/> for <paramref name="households"/> (the households read before them);
    /// null when they are of another format or do not hold together (a number out of range, a road met out of order, a
    /// building or name twice): the copy is then damaged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static KeptIndex? ReadKept(BinaryInput r, IReadOnlyList<HouseholdRef> households, Lazy<RegistryAddresses> addresses)
    {
        if (r.ReadInt32() != KeptFormat) return null;
        var n = r.ReadInt32();
        if (n != households.Count) return null;
        var building = ReadArray<int>(r, n);
        var kinds = r.ReadBytes(n).ToArray();
        var blocks = ReadArray<int>(r, n);
        var numbers = ReadArray<int>(r, n);
        var low = ReadArray<ulong>(r, n);
        var high = ReadArray<ulong>(r, n);
        var dongs = new string?[1 + ReadCount(r)];
        for (var i = 1; i < dongs.Length; i++) dongs[i] = r.ReadText();
        var bc = ReadCount(r);
        var buildingRoad = ReadArray<int>(r, bc);
        var buildingNumber = ReadArray<int>(r, bc);
        var buildingSub = ReadArray<int>(r, bc);
        var buildingDongs = ReadArray<int>(r, checked(3 * bc));
        var roadNames = new string[ReadCount(r)];
        for (var i = 0; i < roadNames.Length; i++) roadNames[i] = r.ReadText();
        var roadDongs = ReadArray<int>(r, checked(3 * roadNames.Length));
        var keys = new string[ReadCount(r)];
        for (var i = 0; i < keys.Length; i++) keys[i] = r.ReadText();
        var namedStart = ReadArray<int>(r, keys.Length + 1);
        var named = ReadArray<int>(r, ReadCount(r));

        // Everything the index will look up by is in range, and what it adds to dictionaries is there once.
        for (var o = 0; o < n; o++)
            if (building[o] < -1 || building[o] >= bc || kinds[o] > (byte)UnitKind.BlockOnly) return null;
        var roadsMet = 0;
        var placed = new HashSet<(int, int, int)>(bc);
        for (var b = 0; b < bc; b++)
        {
            if (buildingRoad[b] < 0 || buildingRoad[b] > roadsMet || buildingRoad[b] >= roadNames.Length) return null;
            if (buildingRoad[b] == roadsMet) roadsMet++;
            if (!placed.Add((buildingRoad[b], buildingNumber[b], buildingSub[b]))) return null;
        }
        if (roadsMet != roadNames.Length || roadNames.Distinct(StringComparer.Ordinal).Count() != roadNames.Length
            || keys.Distinct(StringComparer.Ordinal).Count() != keys.Length) return null;
        if (!DongsInRange(buildingDongs, dongs.Length) || !DongsInRange(roadDongs, dongs.Length)) return null;
        if (namedStart[0] != 0 || namedStart[^1] != named.Length) return null;
        for (var k = 0; k < keys.Length; k++) if (namedStart[k + 1] < namedStart[k]) return null;
        foreach (var b in named) if (b < 0 || b >= bc) return null;
        return new KeptIndex
        {
            Households = households, Building = building, UnitKinds = kinds, UnitBlocks = blocks, UnitNumbers = numbers,
            PhoneLow = low, PhoneHigh = high, Dongs = dongs, BuildingRoad = buildingRoad, BuildingNumber = buildingNumber,
            BuildingSub = buildingSub, BuildingDongs = buildingDongs, RoadNames = roadNames, RoadDongs = roadDongs,
            NameKeys = keys, NamedStart = namedStart, Named = named, LazyAddresses = addresses,
        };
    }

    static bool DongsInRange(int[] dongs, int count)
    {
        for (var i = 0; i < dongs.Length; i += 3)
            if ((uint)dongs[i] >= (uint)count || (uint)dongs[i + 1] >= (uint)count || (uint)dongs[i + 2] > 3) return false;
        return true;
    }

    static int ReadCount(BinaryInput r) => r.ReadInt32() is var c and >= 0 ? c : throw new FormatException("A negative count.");

    /// <summary>Integers as they are (little-endian), in one copy where the machine is little-endian.</summary>
    static void WriteArray<T>(BinaryWriter w, T[] values) where T : unmanaged, IBinaryInteger<T>
    {
        if (BitConverter.IsLittleEndian)
        {
            w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        Span<byte> one = stackalloc byte[Unsafe.SizeOf<T>()];
        foreach (var v in values)
        {
            v.WriteLittleEndian(one);
            w.Write(one);
        }
    }

    /// <summary><paramref name="count"/> integers as <see cref="WriteArray"/> wrote them, in one copy.</summary>
    static T[] ReadArray<T>(BinaryInput r, int count) where T : unmanaged, IBinaryInteger<T>
    {
        var size = Unsafe.SizeOf<T>();
        var bytes = r.ReadBytes(checked(count * size));
        var values = new T[count];
        if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        else for (var i = 0; i < count; i++) values[i] = T.ReadLittleEndian(bytes.Slice(i * size, size), isUnsigned: !T.IsNegative(T.AllBitsSet));
        return values;
    }
}
