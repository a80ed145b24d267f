using System.Runtime.CompilerServices;
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
    // The buildings' households as they are weighed, made as tips first look at them (kept with the resolver).
    readonly BuildingCards cards = new(index);

    // Building numbers looked at around a wrong number, and around a landmark.
    const int NearbySpan = 6, LandmarkSpan = 4;

    // Prior weight of the households at the numbers a slip away (together), against 1 for a household at the number
    // written when that number has the unit: about one caller in twenty gives a wrong number.
    const double SlipShare = 0.05;

    // Weight of a household at the written main number with another sub-number (123 written, 123-4 meant) against one
    // slip of the number taken as a whole: leaving the sub-number out is the commonest way of writing it wrong.
    const double OtherSub = 0.3;

    // Share of "somebody the registry does not have there" when the written number and unit fit: someone moved in and
    // not yet registered, a lodger, a wrong address altogether. A name that fits nobody there must be able to outweigh
    // the address (a full name of another surname has likelihood ratio 0.04).
    const double ExactUnitOutside = 0.03;

    // Share of "the address is wrong altogether" against the best fit of the address: what keeps a tip whose written
    // dong contradicts its address from linking (the dong counts against every household there).
    const double ElsewhereShare = 0.02;

    // When the number written (or its unit) is not in the registry: how much likelier a tip is about somebody the
    // registry does not have (living at that number, a new building) than about a registered household whose number was
    // written wrongly. About as likely: calls about nobody in the registry and wrong numbers are each about one tip in
    // twenty, set by hand (ADR 0008).
    const double OutsideOverSlip = 1;

    // Share of descriptions of the person (혼자 사는 할머니, 아기 엄마) that are of somebody else altogether.
    const double SomebodyElse = 0.1;

    public RegistryIndex Index => index;
    public ResolutionOptions Options => options;

    public TipResolution Resolve(TipEvidence tip)
    {
        ArgumentNullException.ThrowIfNull(tip);
        var a = index.Read(tip.Address);
        var pool = Pool.Rent(index);
        try
        {
            return Resolve(tip, a, pool);
        }
        finally
        {
            pool.Return();
        }
    }

    // Fewer tips than this are resolved one after the other (handing them to other threads would cost more than it saves).
    const int SideBySideFrom = 16;

    /// <summary>
    /// Each tip resolved as <see cref="Resolve(TipEvidence)"/> resolves it alone, in their order, on up to every core. A
    /// tip's resolution depends only on the tip and the index, which is read-only (its lookups of roads, names, unit shares
    /// and large buildings are filled on first use, safely across threads, and the same whichever thread fills them);
    /// each thread has its own pool of candidates. So every tip gets the same resolution, to the bit, on any thread and in
    /// any order. An exception is the one of the first tip (in their order) that fails.
    /// </summary>
    public TipResolution[] ResolveAll(IReadOnlyList<TipEvidence> tips)
    {
        ArgumentNullException.ThrowIfNull(tips);
        var resolved = new TipResolution[tips.Count];
        if (resolved.Length < SideBySideFrom || Environment.ProcessorCount < 2)
        {
            for (var i = 0; i < resolved.Length; i++) resolved[i] = Resolve(tips[i]);
            return resolved;
        }
        // Each place written by the one thread that resolves its tip (Parallel.For returns after every write).
        var failed = new Exception?[resolved.Length];
        Parallel.For(0, resolved.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                resolved[i] = Resolve(tips[i]);
            }
            catch (Exception e)
            {
                failed[i] = e;
            }
        });
        foreach (var e in failed)
            if (e is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        return resolved;
    }

    // Optimized at once, as the methods below that a tip's candidates run through: the run's batch settings leave a method
    // unoptimized for its first 2,000 calls (CallCountThreshold), most of a first run's tips.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    TipResolution Resolve(TipEvidence tip, WrittenAddress a, Pool pool)
    {
        var (outside, outsideFixed) = Gather(a, pool);

        var tipPhone = Phones.Key(tip.Phone);
        if (tipPhone != 0)
            foreach (var h in index.WithPhone(tipPhone))
                if (!pool.Contains(h)) pool.Add(h, HouseholdFacts.Of(h, cards.Dongs), pool.Count == 0 ? 1 : 0.5, MatchMethod.Phone);
        if (tip.Excluded is { Count: > 0 } excluded)
            pool.RemoveWhere(excluded);
        if (pool.Count == 0) return TipResolution.Unresolved;
        if (outside == 0) outside = 0.3;

        var name = SubjectName.Parse(tip.SubjectName);
        // What the name field says of the person (김 할머니), and that with what the note says (혼자 사는 70대 할머니).
        var named = PersonDescription.Parse(null, name);
        var described = tip.Note is null ? named : PersonDescription.Parse(tip.Note, name);
        var managementOffice = tip.ReporterType is { } reporter && reporter.Trim() == "관리사무소";
        var year = tip.Year > 0 ? tip.Year : index.NewestSnapshot.Year;
        var person = new PersonEvidence(this, name, tipPhone);
        var place = new PlaceEvidence(tip, a.Dong, cards.Dongs);
        var scored = pool.Scored;
        double total = 0, weights = 0, best = 0, plainTotal = 0, plainWeights = 0;
        // In the pool's order (the order households were added in): the sums below are added up in it.
        foreach (ref readonly var slot in pool.Slots)
        {
            if (slot.Removed) continue;
            var (w, m) = (slot.Weight, slot.Method);
            ref readonly var h = ref slot.Facts;
            // Somebody the registry does not have would live in one of these places too: the dong and the reporter speak
            // for or against them as they do for the registry's households there; what the tip says of the person does not.
            var at = place.Likelihood(h);
            var personLikelihood = person.Likelihood(h, slot.H);
            var plain = w * at * personLikelihood * (named.IsEmpty ? 1 : DescriptionLikelihood(h, named, year));
            var reported = managementOffice ? ReporterLikelihood(h) : 1;
            var mass = described == named && !managementOffice
                ? plain
                : w * at * reported * personLikelihood * (described.IsEmpty ? 1 : DescriptionLikelihood(h, described, year));
            scored.Add(new Scored(h.Id, mass, plain, m));
            total += mass;
            plainTotal += plain;
            weights += w * at * reported;
            plainWeights += w * at;
            best = Math.Max(best, w);
        }
        // Outside: somebody the registry does not have at these places, plus (against the best fit of the address) an
        // address wrong altogether, the person living elsewhere in the dong written.
        var denominator = total + outside * weights + outsideFixed + ElsewhereShare * best;
        // Only the first few in the order of the mass (then the id) are ever read: the best, up to MaxCandidates shown, and
        // one more to tell whether more than MaxCandidates are plausible.
        var ranked = Ranked(scored, options.MaxCandidates);
        var candidates = new List<TipCandidate>(ranked.Count);
        foreach (var s in ranked) candidates.Add(new TipCandidate(s.Id, s.Mass / denominator, s.Method));
        var top = candidates[0];
        if (top.Probability >= options.LinkThreshold)
        {
            // The address alone picked it unless another household fits the address about as well; what the note says
            // of the person (or the reporter) picked it when the address, name and phone alone would not have linked it.
            var topWeight = pool.FirstWeight(top.HouseholdId);
            var plainTop = ranked[0].Plain;
            var plainDenominator = plainTotal + outside * plainWeights + outsideFixed + ElsewhereShare * best;
            var method = plainTop / plainDenominator < options.LinkThreshold || AnyPlainAbove(scored, plainTop)
                ? MatchMethod.AddressAndPerson
                : top.Method == MatchMethod.Address && pool.CountWeightsAtLeast(topWeight / 2) > 1 ? MatchMethod.AddressAndName : top.Method;
            return new TipResolution(TipLinkStatus.Linked, top.HouseholdId, method, top.Probability, candidates.Take(options.MaxCandidates).ToArray());
        }
        var plausible = candidates.TakeWhile(c => c.Probability >= options.CandidateFloor).ToList();
        if (plausible.Count is > 0 && plausible.Count <= options.MaxCandidates && plausible.Sum(c => c.Probability) >= options.CandidateMass)
            return new TipResolution(TipLinkStatus.Candidates, null, top.Method, top.Probability, plausible);
        return new TipResolution(TipLinkStatus.Unresolved, null, MatchMethod.None, top.Probability, []);
    }

    static bool AnyPlainAbove(List<Scored> scored, double plainTop)
    {
        foreach (var s in scored)
            if (s.Plain > plainTop) return true;
        return false;
    }

    /// <summary>A pooled household with its mass (every piece of evidence) and plain mass (address, name and phone only).</summary>
    internal readonly record struct Scored(string Id, double Mass, double Plain, MatchMethod Method);

    // The order candidates are ranked in: the mass, highest first, then the household id.
    static int Compare(in Scored x, in Scored y) =>
        y.Mass.CompareTo(x.Mass) is var c && c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);

    /// <summary>
    /// The first <paramref name="maxCandidates"/> + 1 of <paramref name="scored"/> in the order of <see cref="Compare"/>,
    /// as sorting all of them would give: picked in one pass when no two households of the index share an id (then no
    /// two pooled households compare equal, so the first few of any sort are these); all sorted otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    List<Scored> Ranked(List<Scored> scored, int maxCandidates)
    {
        var k = maxCandidates >= int.MaxValue - 1 ? int.MaxValue : maxCandidates + 1;
        if (scored.Count <= k || !index.IdsUnique)
        {
            var all = new List<Scored>(scored);
            all.Sort((x, y) => Compare(x, y));
            return all.Count > k ? all.GetRange(0, k) : all;
        }
        // The first k so far, in order; one more place for the one being inserted.
        var top = new Scored[k + 1];
        var n = 0;
        foreach (var s in scored)
        {
            if (n == k && Compare(s, top[k - 1]) >= 0) continue;
            var i = n;
            while (i > 0 && Compare(s, top[i - 1]) < 0)
            {
                top[i] = top[i - 1];
                i--;
            }
            top[i] = s;
            if (n < k) n++;
        }
        return new List<Scored>(top.AsSpan(0, n).ToArray());
    }

    /// <summary>
    /// Fills <paramref name="pool"/> with the households the address can mean; returns the outside share (of the
    /// pool's prior weight) and a fixed outside mass (when the pool is only a guess at what a wrong number meant).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    (double Share, double Fixed) Gather(WrittenAddress a, Pool pool)
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
            return (a.Unit.IsSpecific ? 0.15 : 0.3, 0);
        }

        foreach (var (b, method) in buildings) AddFits(pool, b, a.Unit, 1, method);
        if (pool.Count > 0)
        {
            // Even when the number fits, it may be a slip: the same unit at a number a slip away is a candidate with a
            // small prior, so that a name fitting nobody at the number written but fitting there can win, and a name
            // fitting nobody anywhere keeps the tip from linking.
            foreach (var (road, _) in roads) AddSlips(pool, road, a, SlipShare);
            var typo = buildings.Any(b => b.Method == MatchMethod.RoadTypo) ? 0.02 : 0;
            var byName = buildings.Count(b => b.Method == MatchMethod.BuildingName) > 1 ? 0.05 : buildings.Any(b => b.Method == MatchMethod.BuildingName) ? 0.02 : 0;
            return ((a.Unit.IsSpecific ? ExactUnitOutside : 0.03) + typo + byName, 0);
        }

        // The number (or the unit at that number) fits nothing: the same unit at a number a slip away on the same road,
        // against somebody the registry does not have living at the number written. A household's slip weighs
        // P(slip) × P(unit written | it); the outsider P(outside) / P(slip) × P(that building number | outside) / P(a
        // household | registry) × P(unit written | outside) = OutsideOverSlip × households per building × the share of
        // households whose unit would be written so. A slip onto a rare unit (105동 2402호) links; onto a common one
        // (201호) it needs the name.
        // Somebody the registry does not have at the slip's building (a new tenant) weighs as at the number written.
        foreach (var (road, _) in roads) AddSlips(pool, road, a, 1);
        return (pool.Count == 0 ? 0 : ExactUnitOutside, OutsideOverSlip * index.HouseholdsPerBuilding * index.UnitShare(a.Unit));
    }

    /// <summary>
    /// Adds the households fitting the written unit at the other sub-numbers of the written number and at the numbers a
    /// slip away (<see cref="BuildingNumbers.Slips"/>), weighted by how likely that slip is, times <paramref name="share"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void AddSlips(Pool pool, RoadEntry road, WrittenAddress a, double share)
    {
        if (a.Number <= 0) return;
        // A sub-number left out (123 for 123-4) or another one written (123-5) at the right main number.
        foreach (var b in road.WithNumber(a.Number))
            if (cards.Of(b) is var card && card.Sub != a.Sub) AddFits(pool, b, card, a.Unit, share * (a.Sub == 0 ? OtherSub : OtherSub / 2), MatchMethod.NearbyNumber);
        foreach (var (number, slip) in Slips(a.Number))
        {
            // Most numbers a slip away have no building on the road.
            var there = road.WithNumber(number);
            if (there.Count == 0) continue;
            foreach (var b in there)
            {
                var card = cards.Of(b);
                AddFits(pool, b, card, a.Unit, share * slip * (card.Sub == a.Sub ? 1 : 0.5), MatchMethod.NearbyNumber);
            }
        }
    }

    // The slips of a number (BuildingNumbers.Slips around NearbySpan) in the order Slips gives them, worked out once per number.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, KeyValuePair<int, double>[]> SlipsOf = new();

    static KeyValuePair<int, double>[] Slips(int written) => SlipsOf.GetOrAdd(written, n => [.. BuildingNumbers.Slips(n, NearbySpan)]);

    void AddFits(Pool pool, BuildingEntry b, UnitSpec unit, double weight, MatchMethod method) => AddFits(pool, b, cards.Of(b), unit, weight, method);

    // The building's households in its order, their units (and all the rest weighed) read from its card.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void AddFits(Pool pool, BuildingEntry b, BuildingCards.Card card, UnitSpec unit, double weight, MatchMethod method)
    {
        // A written unit number fits only the households with that number (any block): those of a large building are
        // looked up, in the building's order, instead of every household being tried.
        if (unit.Kind is UnitKind.Unit or UnitKind.BlockUnit && b.WithUnitNumber(unit.Number) is { } numbered)
        {
            foreach (var i in numbered) Offer(pool, card, i, unit, weight, method);
            return;
        }
        for (var i = 0; i < card.Facts.Length; i++) Offer(pool, card, i, unit, weight, method);
    }

    void Offer(Pool pool, BuildingCards.Card card, int i, UnitSpec unit, double weight, MatchMethod method)
    {
        ref readonly var facts = ref card.Facts[i];
        var fit = unit.Fit(facts.Unit);
        if (fit <= 0) return;
        pool.Offer(new HouseholdEntry(index, card.Ordinals[i]), facts, fit * weight, method);
    }

    /// <summary>
    /// The name and the phone a tip gives, with how much a match says (worked out once per tip, the same values as per
    /// household).
    /// </summary>
    readonly struct PersonEvidence
    {
        readonly SubjectName? name;
        // The phone's digits (Phones.Key), 0 for none; its hash (HouseholdFacts.PhoneHashOf).
        readonly UInt128 phone;
        readonly int phoneHash;
        // The full name's hash (string.GetHashCode, as HouseholdFacts.NameHash); the written surname packed (HouseholdFacts.SurnameKey).
        readonly int fullNameHash;
        readonly ulong surname;
        readonly double fullNameMatch, surnameMatch, phoneMatch;

        public PersonEvidence(TipResolver resolver, SubjectName? name, UInt128 phone)
        {
            this.name = name;
            this.phone = phone;
            var index = resolver.Index;
            // A name says as much as it is rare: P(the tip names the head | it is about h) / P(a random head has the name).
            if (name?.FullName is { } full) fullNameMatch = Math.Clamp(0.95 / index.NameShare(full), 20, 20_000);
            else if (name?.Surname is { } surname) surnameMatch = Math.Clamp(0.9 / index.SurnameShare(surname), 2, 200);
            // A phone says as much as it is rare (nearly always one household).
            if (phone != 0) phoneMatch = Math.Clamp(0.9 / index.PhoneShare(phone), 300, 20_000);
            if (name?.FullName is { } fullName) fullNameHash = string.GetHashCode(fullName.AsSpan());
            if (name?.Surname is { } written) this.surname = HouseholdFacts.SurnameKey(written);
            if (phone != 0) phoneHash = HouseholdFacts.PhoneHashOf(phone);
        }

        /// <summary>
        /// How much more likely the name and the phone the tip gives are if it is about household <paramref name="h"/>
        /// (its facts <paramref name="f"/>) than about someone at random (what the name field says of the person, 김 할머니,
        /// counts in <see cref="DescriptionLikelihood"/>). Names and phones whose hashes are equal are compared as they are.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Likelihood(in HouseholdFacts f, HouseholdEntry h)
        {
            var l = 1.0;
            if (name is not null)
            {
                if (name.FullName is { } full)
                    l *= f.NameHash == fullNameHash && h.Name == full ? fullNameMatch : name.Surname is not null && f.Surname == surname ? 0.15 : 0.04;
                else if (name.Surname is not null)
                    l *= f.Surname == surname ? surnameMatch : 0.1;
            }
            // A phone the registry does not have for the household may be a relative's or a new one.
            if (phone != 0 && f.HasPhone)
                l *= f.PhoneHash == phoneHash && h.Phone == phone ? phoneMatch : 0.3;
            if (!f.Current) l *= 0.25;
            return l;
        }
    }

    /// <summary>
    /// How much more likely what the tip says of who the person is (<see cref="PersonDescription"/>: sex, age, living
    /// alone, a baby, a pregnancy, a single parent, children) is if it is about <paramref name="h"/> than about someone at
    /// random, from the registry's head (sex, birth year) and members. Set by hand from what the words mean, allowing for
    /// callers who guess an age wrong, describe another member of the household (a spouse, a parent) or someone else
    /// altogether: a mismatch lowers a household, it never rules one out (ADR 0008, fourth amendment).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static double DescriptionLikelihood(in HouseholdFacts r, PersonDescription d, int year)
    {
        // Several members: the person seen may be another one (a spouse of the other sex, a parent, a grown child).
        var several = r.Members > 1;
        var l = 1.0;
        // The sex seen is nearly always the head's when they live alone; in a household of several it is often another
        // member's (a spouse), so it says less there.
        if (d.Sex is { } sex && r.HeadSex is { } headSex) l *= headSex == sex ? several ? 1.4 : 1.8 : several ? 0.6 : 0.15;
        if (d.Age != AgeBand.None && r.HeadBirthYear > 0)
        {
            var age = year - r.HeadBirthYear;
            var off = Math.Abs(age - (d.Decade + 5));
            var fit = d.Decade > 0 ? off <= 7 ? 2.5 : off <= 15 ? 0.7 : 0.15
                : d.Age switch
                {
                    AgeBand.Elderly => age >= 65 ? 2.0 : age >= 58 ? 1.0 : age >= 50 ? 0.4 : 0.12,
                    AgeBand.Middle => age is >= 40 and <= 64 ? 1.6 : age is >= 33 and <= 72 ? 0.7 : 0.2,
                    _ => age < 40 ? 2.0 : age < 48 ? 0.6 : 0.15,
                };
            l *= several ? Math.Max(fit, 0.4) : fit;
        }
        if (r.Members > 0)
        {
            if (d.Alone is { } alone) l *= alone ? several ? 0.15 : 1.8 : several ? 1.6 : 0.2;
            if (d.Children) l *= several ? 1.5 : 0.15;
            if (d.SingleParent) l *= r.SingleParent ? 6 : several ? 0.5 : 0.1;
            if (d.Infant) l *= r.Infants ? 8 : r.Pregnant ? 3 : several ? 0.5 : 0.1;
            // A pregnancy is a woman's of childbearing age: a man or an older woman living alone is all but ruled out.
            var cannotBePregnant = !several && (r.HeadSex == Sex.M || r.HeadBirthYear > 0 && year - r.HeadBirthYear > 50);
            if (d.Pregnant) l *= r.Pregnant ? 10 : r.Infants ? 2 : cannotBePregnant ? 0.03 : 0.3;
        }
        // The whole description may be of somebody else (a visitor, the neighbour, a wrong door): then it says nothing of
        // the household, so mismatches together never weigh less than that share.
        return (1 - SomebodyElse) * l + SomebodyElse;
    }

    /// <summary>
    /// A management office (관리사무소) reports about its own complex: an apartment; a 연립다세대 sometimes has one; a house,
    /// a basement room, a 고시원 or a 쪽방 rarely. Unknown housing says nothing.
    /// </summary>
    static double ReporterLikelihood(in HouseholdFacts h) => h.HousingKind switch
    {
        0 => 1,
        1 => 1.5,
        2 => 0.3,
        _ => 0.1,
    };

    /// <summary>
    /// How much more likely the dong of the tip is if it is about someone living where a household lives; the dongs
    /// compared by their numbers (<see cref="DongCodes"/>).
    /// </summary>
    readonly struct PlaceEvidence
    {
        // The dong written in the address and the tip's dong, numbered; -1 for none (no household's number).
        readonly int written, given;
        readonly double otherDong;

        public PlaceEvidence(TipEvidence tip, string? writtenDong, DongCodes dongs)
        {
            written = writtenDong is null ? -1 : dongs.Of(writtenDong);
            given = tip.Dong is null ? -1 : dongs.Of(tip.Dong);
            otherDong = tip.DongGiven ? 0.01 : 0.3;
        }

        public double Likelihood(in HouseholdFacts h)
        {
            var l = 1.0;
            // A dong the reporter wrote (in the dong column or inside the address) is rarely wrong; an inferred one can be.
            if (written >= 0 && h.Dong != written) l *= 0.01;
            else if (given >= 0 && h.Dong != given) l *= otherDong;
            return l;
        }
    }
}
