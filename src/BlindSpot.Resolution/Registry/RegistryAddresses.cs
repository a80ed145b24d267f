using BlindSpot.Core.Files;
using BlindSpot.Resolution.Addresses;

namespace BlindSpot.Resolution.Registry;

/// <summary>
/// The registry's addresses as <see cref="RegistryIndex"/> takes them apart (a building once per building, a unit once
/// per spelling, an address of another shape once per address), kept so that the index of the next run does not parse
/// them again: parsing is a pure function of the text, so a kept part is exactly what parsing again would give. Holds
/// addresses (personal data): keep it where the registry itself is kept. Not safe across threads while an index is built.
/// </summary>
public sealed class RegistryAddresses
{
    const int FormatVersion = 1;

    // A building part's number is its place in insertion order (the order they are written in): an index finds the
    // building of a part by it (an array, not a hash of the part).
    readonly Dictionary<string, int> buildings = new(StringComparer.Ordinal);
    readonly List<WrittenAddress> buildingParts = [];
    readonly Dictionary<string, UnitSpec> units = new(StringComparer.Ordinal);
    readonly Dictionary<string, WrittenAddress> whole = new(StringComparer.Ordinal);
    // Looked up by the characters of the address, so that a part already kept costs no string.
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> buildingLookup;
    readonly Dictionary<string, UnitSpec>.AlternateLookup<ReadOnlySpan<char>> unitLookup;

    public RegistryAddresses()
    {
        buildingLookup = buildings.GetAlternateLookup<ReadOnlySpan<char>>();
        unitLookup = units.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Parts kept (buildings, unit spellings and addresses of another shape).</summary>
    public int Count => buildings.Count + units.Count + whole.Count;

    /// <summary>
    /// The building part of a registry address: the text before its comma, and the bracket after the unit if any
    /// ("서울특별시 영등포구 도림로 123" + " " + "(도림동, 행복빌라)"), taken apart as one text.
    /// </summary>
    internal WrittenAddress Building(ReadOnlySpan<char> beforeComma, ReadOnlySpan<char> bracket) => Building(beforeComma, bracket, out _);

    /// <summary>Building parts kept: every part's number (<see cref="Building(ReadOnlySpan{char}, ReadOnlySpan{char}, out int)"/>) is below it.</summary>
    internal int BuildingCount => buildingParts.Count;

    /// <summary>The building part, and its number among the parts kept (the same part, the same number).</summary>
    internal WrittenAddress Building(ReadOnlySpan<char> beforeComma, ReadOnlySpan<char> bracket, out int number)
    {
        var length = beforeComma.Length + (bracket.IsEmpty ? 0 : bracket.Length + 1);
        Span<char> key = length <= 512 ? stackalloc char[length] : new char[length];
        beforeComma.CopyTo(key);
        if (!bracket.IsEmpty)
        {
            key[beforeComma.Length] = ' ';
            bracket.CopyTo(key[(beforeComma.Length + 1)..]);
        }
        if (buildingLookup.TryGetValue(key, out number)) return buildingParts[number];
        var text = key.ToString();
        var a = WrittenAddress.Parse(text);
        number = buildingParts.Count;
        buildings[text] = number;
        buildingParts.Add(a);
        return a;
    }

    internal UnitSpec Unit(ReadOnlySpan<char> text)
    {
        if (unitLookup.TryGetValue(text, out var u)) return u;
        var s = text.ToString();
        return units[s] = WrittenAddress.ParseUnit(s);
    }

    internal WrittenAddress Whole(string address)
    {
        if (!whole.TryGetValue(address, out var a)) whole[address] = a = WrittenAddress.Parse(address);
        return a;
    }

    public void Write(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(FormatVersion);
        w.Write(buildings.Count);
        // Numbered in insertion order, so in the order a dictionary of the parts enumerates them (the same bytes).
        foreach (var (key, number) in buildings) WriteAddress(w, key, buildingParts[number]);
        w.Write(units.Count);
        foreach (var (text, u) in units)
        {
            w.Write(text);
            WriteUnit(w, u);
        }
        WriteAddresses(w, whole);
    }

    /// <summary>The parts written by <see cref="Write"/>; null when they were written in another format.</summary>
    public static RegistryAddresses? Read(BinaryInput r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.ReadInt32() != FormatVersion) return null;
        var kept = new RegistryAddresses();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var buildingCount = r.ReadInt32();
        kept.buildings.EnsureCapacity(buildingCount);
        kept.buildingParts.Capacity = buildingCount;
        for (var i = 0; i < buildingCount; i++)
        {
            var (key, a) = ReadAddress(r, strings);
            kept.buildings[key] = kept.buildingParts.Count;
            kept.buildingParts.Add(a);
        }
        var n = r.ReadInt32();
        kept.units.EnsureCapacity(n);
        for (var i = 0; i < n; i++) kept.units[r.ReadString()] = ReadUnit(r);
        ReadAddresses(r, kept.whole, strings);
        return kept;
    }

    static void WriteAddresses(BinaryWriter w, Dictionary<string, WrittenAddress> parts)
    {
        w.Write(parts.Count);
        foreach (var (key, a) in parts) WriteAddress(w, key, a);
    }

    static void WriteAddress(BinaryWriter w, string key, WrittenAddress a)
    {
        w.Write(key);
        WriteNullable(w, a.Road);
        w.Write(a.Number);
        w.Write(a.Sub);
        WriteUnit(w, a.Unit);
        w.Write(a.Words.Count);
        foreach (var word in a.Words) w.Write(word);
        w.Write(a.Landmark);
        WriteNullable(w, a.Dong);
    }

    static void ReadAddresses(BinaryInput r, Dictionary<string, WrittenAddress> parts, Dictionary<string, string> strings)
    {
        var n = r.ReadInt32();
        parts.EnsureCapacity(n);
        for (var i = 0; i < n; i++)
        {
            var (key, a) = ReadAddress(r, strings);
            parts[key] = a;
        }
    }

    static (string Key, WrittenAddress Address) ReadAddress(BinaryInput r, Dictionary<string, string> strings)
    {
        var key = r.ReadString();
        var road = Shared(ReadNullable(r), strings);
        var number = r.ReadInt32();
        var sub = r.ReadInt32();
        var unit = ReadUnit(r);
        var words = new string[r.ReadInt32()];
        for (var k = 0; k < words.Length; k++) words[k] = Shared(r.ReadString(), strings)!;
        var landmark = r.ReadBoolean();
        var dong = Shared(ReadNullable(r), strings);
        return (key, new WrittenAddress(road, number, sub, unit, words, landmark, dong));
    }

    static string? Shared(string? s, Dictionary<string, string> strings)
    {
        if (s is null) return null;
        if (strings.TryGetValue(s, out var known)) return known;
        strings[s] = s;
        return s;
    }

    static void WriteUnit(BinaryWriter w, UnitSpec u)
    {
        w.Write((byte)u.Kind);
        w.Write(u.Block);
        w.Write(u.Number);
    }

    static UnitSpec ReadUnit(BinaryInput r) => new((UnitKind)r.ReadByte(), r.ReadInt32(), r.ReadInt32());

    static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    static string? ReadNullable(BinaryInput r) => r.ReadBoolean() ? r.ReadString() : null;
}
