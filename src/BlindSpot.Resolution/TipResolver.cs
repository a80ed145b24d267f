using BlindSpot.Core.Domain;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Registry;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution;

/// <summary>
/// Links a tip to the registry household it is about. Candidates come from the road and building number (the road
/// matched despite typos by jamo edit distance), from building names harvested from the registry, from nearby numbers
/// when the number fits nothing, from the buildings around a landmark (… 근처, … 옆) and from the subject's phone; every
/// unit spelling is compared as numbers (<see cref="UnitSpec"/>). Each candidate gets a posterior probability: a prior
/// from how well the address fits, times likelihood ratios for the name (김영희, 김OO, 김씨, 김 할머니), the phone, the
/// dong and whether the household is still in the newest snapshot, against a share of "somebody the registry does not
/// have". The best candidate is linked when its probability reaches <see cref="ResolutionOptions.LinkThreshold"/>.
/// </summary>
public sealed class TipResolver(RegistryIndex index, ResolutionOptions? options = null)
{
    readonly ResolutionOptions options = options ?? ResolutionOptions.Default;

    // Building numbers looked at around a wrong number, and around a landmark.
    const int NearbySpan = 6, LandmarkSpan = 4;

    public RegistryIndex Index => index;
    public ResolutionOptions Options => options;

    public TipResolution Resolve(TipEvidence tip)
    {
        ArgumentNullException.ThrowIfNull(tip);
        var a = index.Read(tip.Address);
        var pool = new Dictionary<HouseholdEntry, (double Weight, MatchMethod Method)>(ReferenceEqualityComparer.Instance);
        var outside = Gather(a, pool);

        if (Phones.Digits(tip.Phone) is { } digits)
            foreach (var h in index.WithPhone(digits))
                if (!pool.ContainsKey(h)) pool[h] = (pool.Count == 0 ? 1 : 0.5, MatchMethod.Phone);
        if (tip.Excluded is { Count: > 0 } excluded)
            foreach (var h in pool.Keys.Where(h => excluded.Contains(h.Ref.HouseholdId)).ToList()) pool.Remove(h);
        if (pool.Count == 0) return TipResolution.Unresolved;
        if (outside == 0) outside = 0.3;

        var name = SubjectName.Parse(tip.SubjectName);
        var year = tip.Year > 0 ? tip.Year : index.NewestSnapshot.Year;
        var scored = new List<(HouseholdEntry H, double Mass, MatchMethod Method)>(pool.Count);
        double total = 0, weights = 0;
        foreach (var (h, (w, m)) in pool)
        {
            var mass = w * Likelihood(h, tip, name, digitsOf: tip.Phone, year, a.Dong);
            scored.Add((h, mass, m));
            total += mass;
            weights += w;
        }
        var denominator = total + outside * weights;
        scored.Sort((x, y) => y.Mass.CompareTo(x.Mass) is var c && c != 0 ? c : string.CompareOrdinal(x.H.Ref.HouseholdId, y.H.Ref.HouseholdId));
        var candidates = scored.Select(s => new TipCandidate(s.H.Ref.HouseholdId, s.Mass / denominator, s.Method)).ToList();
        var top = candidates[0];
        if (top.Probability >= options.LinkThreshold)
        {
            var method = top.Method == MatchMethod.Address && pool.Count > 1 ? MatchMethod.AddressAndName : top.Method;
            return new TipResolution(TipLinkStatus.Linked, top.HouseholdId, method, top.Probability, candidates.Take(options.MaxCandidates).ToArray());
        }
        var plausible = candidates.TakeWhile(c => c.Probability >= options.CandidateFloor).ToList();
        if (plausible.Count is > 0 && plausible.Count <= options.MaxCandidates && plausible.Sum(c => c.Probability) >= options.CandidateMass)
            return new TipResolution(TipLinkStatus.Candidates, null, top.Method, top.Probability, plausible);
        return new TipResolution(TipLinkStatus.Unresolved, null, MatchMethod.None, top.Probability, []);
    }

    /// <summary>Fills <paramref name="pool"/> with the households the address can mean; returns the outside share.</summary>
    double Gather(WrittenAddress a, Dictionary<HouseholdEntry, (double Weight, MatchMethod Method)> pool)
    {
        var roads = a.Road is null ? [] : index.Roads(a.Road);
        var buildings = new List<(BuildingEntry B, MatchMethod Method)>();
        foreach (var (road, distance) in roads)
            if (road.Find(a.Number, a.Sub) is { } b) buildings.Add((b, distance == 0 ? MatchMethod.Address : MatchMethod.RoadTypo));
        if (buildings.Count == 0 && a.Words.Count > 0)
        {
            var named = index.BuildingsNamed(a.Words);
            // A written road narrows the named buildings down to that road.
            if (roads.Length > 0 && named.Any(b => roads.Any(r => r.Road == b.Road))) named = named.Where(b => roads.Any(r => r.Road == b.Road)).ToList();
            foreach (var b in named) buildings.Add((b, MatchMethod.BuildingName));
        }

        if (a.Landmark && (buildings.Count > 0 || roads.Length > 0))
        {
            // "도림로 123 근처 편의점 옆 건물 2층": the household lives around the place named, not in it.
            var around = buildings.Count > 0
                ? buildings.Select(b => (b.B.Road, b.B.Number))
                : roads.Select(r => (r.Road, a.Number));
            foreach (var (road, number) in around)
                foreach (var b in road.Near(number, LandmarkSpan))
                    AddFits(pool, b, a.Unit, 1, MatchMethod.Landmark);
            return a.Unit.IsSpecific ? 0.15 : 0.3;
        }

        foreach (var (b, method) in buildings) AddFits(pool, b, a.Unit, 1, method);
        if (pool.Count > 0)
        {
            var typo = buildings.Any(b => b.Method == MatchMethod.RoadTypo) ? 0.02 : 0;
            var byName = buildings.Count(b => b.Method == MatchMethod.BuildingName) > 1 ? 0.05 : buildings.Any(b => b.Method == MatchMethod.BuildingName) ? 0.02 : 0;
            return (a.Unit.IsSpecific ? 0.005 : 0.03) + typo + byName;
        }

        // The number (or the unit at that number) fits nothing: the same unit at a nearby number of the same road.
        foreach (var (road, _) in roads)
            foreach (var b in road.Near(a.Number, NearbySpan))
            {
                var gap = Math.Abs(b.Number - a.Number) + (b.Number == a.Number ? 0.5 : 0);
                AddFits(pool, b, a.Unit, 1 / (1 + gap / 2), MatchMethod.NearbyNumber);
            }
        return a.Unit.IsSpecific ? 0.3 : 0.6;
    }

    static void AddFits(Dictionary<HouseholdEntry, (double Weight, MatchMethod Method)> pool, BuildingEntry b, UnitSpec unit, double weight, MatchMethod method)
    {
        foreach (var h in b.Households)
        {
            var fit = unit.Fit(h.Unit);
            if (fit <= 0) continue;
            var w = fit * weight;
            if (!pool.TryGetValue(h, out var known) || known.Weight < w) pool[h] = (w, method);
        }
    }

    /// <summary>How much more likely this tip is if it is about <paramref name="h"/> than about someone at random.</summary>
    double Likelihood(HouseholdEntry h, TipEvidence tip, SubjectName? name, string? digitsOf, int year, string? writtenDong)
    {
        var l = 1.0;
        if (name is not null)
        {
            // A name says as much as it is rare: P(the tip names the head | it is about h) / P(a random head has the name).
            if (name.FullName is { } full)
                l *= h.Name == full ? Math.Clamp(0.95 / index.NameShare(full), 20, 20_000) : h.Surname == name.Surname ? 0.15 : 0.04;
            else if (name.Surname is { } surname)
                l *= h.Surname == surname ? Math.Clamp(0.9 / index.SurnameShare(surname), 2, 200) : 0.1;
            if (name.Sex is { } sex && h.Ref.HeadSex is { } headSex) l *= headSex == sex ? 1.8 : 0.25;
            if (name.Elderly && h.Ref.HeadBirthYear > 0)
            {
                var age = year - h.Ref.HeadBirthYear;
                l *= age >= 60 ? 1.8 : age >= 50 ? 0.6 : 0.15;
            }
        }
        if (Phones.Digits(digitsOf) is { } digits && h.PhoneDigits is { } own) l *= own == digits ? 300 : 0.3;
        // A dong the reporter wrote (in the dong column or inside the address) is rarely wrong; an inferred one can be.
        if (writtenDong is { } named && h.Ref.Dong != named) l *= 0.01;
        else if (tip.Dong is { } dong && h.Ref.Dong != dong) l *= tip.DongGiven ? 0.01 : 0.3;
        if (!h.Current) l *= 0.25;
        return l;
    }
}
