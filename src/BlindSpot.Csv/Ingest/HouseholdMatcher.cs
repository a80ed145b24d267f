using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Resolves tips to registry households by normalised address (+ the subject's name when an address holds several
/// households), and infers a hotline call's dong from its address. Built from <see cref="IngestContext.Households"/>.
/// </summary>
internal sealed class HouseholdMatcher
{
    readonly Dictionary<string, List<HouseholdRef>> byFull = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<HouseholdRef>> byBuilding = new(StringComparer.Ordinal);
    readonly Dictionary<string, HashSet<string>> dongsByRoad = new(StringComparer.Ordinal);
    readonly DateOnly newestSnapshot;

    public HouseholdMatcher(IEnumerable<HouseholdRef> households)
    {
        foreach (var h in households)
        {
            if (h.SnapshotDate > newestSnapshot) newestSnapshot = h.SnapshotDate;
            var key = AddressKey.Of(h.Address);
            Add(byFull, key.Full, h);
            if (key.Building is { } b) Add(byBuilding, b, h);
            if (key.Road is { } r)
            {
                if (!dongsByRoad.TryGetValue(r, out var set)) dongsByRoad[r] = set = new(StringComparer.Ordinal);
                set.Add(h.Dong);
            }
        }
    }

    static void Add(Dictionary<string, List<HouseholdRef>> index, string key, HouseholdRef h)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = new List<HouseholdRef>(1);
        list.Add(h);
    }

    /// <summary>
    /// One household at the full address, else at the building (road + number): Address; several: the one whose
    /// head's name is the subject's: AddressAndName; otherwise None. Candidates are limited to <paramref name="dong"/>,
    /// and households still in the newest snapshot are preferred to those that have moved out.
    /// </summary>
    public (MatchMethod Method, string? HouseholdId) Match(string dong, string address, string? subjectName)
    {
        var key = AddressKey.Of(address);
        var result = MatchIn(byFull, key.Full, dong, subjectName);
        if (result.Method == MatchMethod.None && key.Building is { } b && b != key.Full)
            result = MatchIn(byBuilding, b, dong, subjectName);
        return result;
    }

    (MatchMethod Method, string? HouseholdId) MatchIn(Dictionary<string, List<HouseholdRef>> index, string key, string dong, string? subjectName)
    {
        if (!index.TryGetValue(key, out var all)) return (MatchMethod.None, null);
        var candidates = all.Where(h => h.Dong == dong).ToList();
        if (candidates.Count > 1 && candidates.Any(h => h.SnapshotDate == newestSnapshot))
            candidates.RemoveAll(h => h.SnapshotDate != newestSnapshot);
        if (candidates.Count == 1) return (MatchMethod.Address, candidates[0].HouseholdId);
        if (candidates.Count == 0 || string.IsNullOrWhiteSpace(subjectName)) return (MatchMethod.None, null);
        var name = SqueezeName(subjectName);
        var named = candidates.Where(h => SqueezeName(h.HeadName) == name).Take(2).ToList();
        return named.Count == 1 ? (MatchMethod.AddressAndName, named[0].HouseholdId) : (MatchMethod.None, null);
    }

    static string SqueezeName(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// The dong of an address without one: an administrative dong named in it (신길5동, 신길제5동); else the single dong
    /// of the registry's households at that address, building or road. Null when none of these decides it.
    /// </summary>
    public string? InferDong(string address)
    {
        var named = Dongs.Mentions(address).Select(m => m.Dong).Distinct().Take(2).ToList();
        if (named.Count == 1) return named[0];
        var key = AddressKey.Of(address);
        if (SingleDong(byFull.GetValueOrDefault(key.Full)) is { } d1) return d1;
        if (key.Building is { } b && SingleDong(byBuilding.GetValueOrDefault(b)) is { } d2) return d2;
        if (key.Road is { } r && dongsByRoad.TryGetValue(r, out var dongs) && dongs.Count == 1) return dongs.First();
        return null;
    }

    static string? SingleDong(List<HouseholdRef>? households)
    {
        if (households is null || households.Count == 0) return null;
        var first = households[0].Dong;
        return households.All(h => h.Dong == first) ? first : null;
    }
}
