using BlindSpot.Core.Domain;

namespace BlindSpot.Samples.Population;

/// <summary>Draws the district's households, their buildings and their hidden risk, dong by dong.</summary>
internal sealed class PopulationBuilder(Rng rng, SampleOptions options, DateOnly firstSnapshot)
{
    /// <summary>Share of households that move out between the two snapshots, and share that move in.</summary>
    const double MoveOutShare = 0.07, MoveInShare = 0.07;

    /// <summary>쪽방 residents at district scale (domain notes: 360-500 residents in 영등포동's 쪽방촌).</summary>
    const int JjokbangAtDistrictScale = 400;

    readonly HashSet<string> usedBuildings = new(StringComparer.Ordinal);

    public List<SimHousehold> Build()
    {
        var n = options.Households;
        var outMovers = (int)Math.Round(n * MoveOutShare);
        var total = n + outMovers;
        var perDong = Allocate(total, DongProfile.All.Select(p => p.Weight).ToArray());
        var ids = Enumerable.Range(1, total).ToArray();
        rng.Shuffle(ids);

        var all = new List<SimHousehold>(total);
        for (var d = 0; d < DongProfile.All.Count; d++)
        {
            var profile = DongProfile.All[d];
            var streams = new BuildingStreams(this, profile);
            // 쪽방 rooms are counted, not weighted: a few hundred at district scale, scaled to the chosen size.
            var jjokbang = profile.HousingWeights[5] > 0 ? (int)Math.Round(JjokbangAtDistrictScale * (double)n / 190_000) : 0;
            for (var i = 0; i < perDong[d]; i++)
            {
                var index = all.Count;
                var id = $"YDP-{1_000_000 + ids[index]}";
                all.Add(Draw(index, id, d, profile, streams, forceJjokbang: i < jjokbang));
            }
        }

        AssignMoves(all, outMovers);
        return all;
    }

    /// <summary>
    /// A household that moves in later, into the home another one left: same dong, address and housing type, a new
    /// person with a new hidden risk. Its hazard is relative like everyone's (the caller scales it).
    /// </summary>
    public SimHousehold Newcomer(int index, string id, SimHousehold leaving, DateOnly movedIn)
    {
        var h = Draw(index, id, leaving.Dong, DongProfile.All[leaving.Dong], null, forceJjokbang: false, (leaving.Housing, leaving.Address));
        h.MovedIn = movedIn;
        return h;
    }

    SimHousehold Draw(int index, string id, int dong, DongProfile profile, BuildingStreams? streams, bool forceJjokbang,
        (string Housing, Address Address)? home = null)
    {
        var weights = (double[])profile.HousingWeights.Clone();
        weights[5] = 0; // 쪽방 only through forceJjokbang
        var housing = home?.Housing ?? (forceJjokbang ? Housing.Jjokbang : Housing.All[rng.Weighted(weights)]);
        var roomOnly = housing is Housing.Gosiwon or Housing.Jjokbang;
        var roomShare = weights[4] / weights.Sum();
        var onePersonElsewhere = Math.Clamp((profile.OnePerson - roomShare * 0.96) / (1 - roomShare), 0.05, 0.95);
        var onePerson = rng.Chance(roomOnly ? 0.96 : onePersonElsewhere);

        int age;
        Sex sex;
        int members = 1, infants = 0;
        bool singleParent = false, pregnant = false;
        if (onePerson)
        {
            if (housing == Housing.Jjokbang)
            {
                age = rng.Int(45, 84);
                sex = rng.Chance(0.85) ? Sex.M : Sex.F;
            }
            else if (housing == Housing.Gosiwon && rng.Chance(0.45))
            {
                age = rng.Int(40, 69);
                sex = rng.Chance(0.8) ? Sex.M : Sex.F;
            }
            else
            {
                age = housing == Housing.Gosiwon ? rng.Int(19, 34) : AgeBracket([(20, 29, 24), (30, 39, 20), (40, 49, 12), (50, 59, 14), (60, 69, 13), (70, 89, 17)]);
                sex = rng.Chance(age < 50 ? 0.52 : age < 70 ? 0.55 : 0.32) ? Sex.M : Sex.F;
            }
            pregnant = sex == Sex.F && age is >= 19 and <= 40 && rng.Chance(0.012);
        }
        else
        {
            age = AgeBracket([(26, 39, 20), (40, 49, 25), (50, 59, 25), (60, 69, 17), (70, 85, 13)]);
            sex = rng.Chance(0.78) ? Sex.M : Sex.F;
            members = rng.Weighted([0, 0, 38, 30, 24, 6, 2]);
            if (age is >= 24 and <= 55 && members <= 4 && rng.Chance(0.09))
            {
                singleParent = true;
                sex = rng.Chance(0.8) ? Sex.F : Sex.M;
            }
            if (age is >= 24 and <= 44 && rng.Chance(singleParent ? 0.25 : 0.13))
                infants = Math.Min(members - 1, rng.Chance(0.05) ? 2 : 1);
            pregnant = age is >= 24 and <= 42 && rng.Chance(singleParent ? 0.05 : 0.035);
        }
        var disability = rng.Chance(0.045 + (age >= 65 ? 0.08 : 0));
        var tenure = Tenure(housing, profile);
        var migrant = rng.Chance(profile.Migrant * 0.5);
        var name = migrant ? Names.Migrant(rng) : Names.Korean(rng, sex);

        var livelihood = housing == Housing.Jjokbang ? 0.7 : Math.Min(0.8, profile.Livelihood
            * (housing == Housing.Gosiwon ? 3 : housing == Housing.SemiBasement ? 2.5 : 1)
            * (tenure == "월세" ? 1.5 : tenure == "자가" ? 0.3 : 1)
            * (onePerson && age >= 65 ? 3 : onePerson && sex == Sex.M && age is >= 50 and < 70 ? 2 : 1)
            * (singleParent ? 4 : 1) * (disability ? 2 : 1));
        var basic = rng.Chance(livelihood);
        var caseManaged = rng.Chance(0.004 + (basic ? 0.05 : 0) + (singleParent && infants > 0 ? 0.03 : 0));

        var h = new SimHousehold
        {
            Index = index, Id = id, Dong = dong, Address = home?.Address ?? streams!.Next(housing), HeadName = name,
            Phone = rng.Chance(housing == Housing.Jjokbang ? 0.6 : 0.9) ? $"010{rng.Int(2000, 9999)}{rng.Int(0, 9999):D4}" : null,
            BirthYear = options.AsOf.Year - age, Sex = sex, Members = members, ChildrenUnder2 = infants,
            SingleParent = singleParent, Pregnant = pregnant, Disability = disability, Housing = housing, Tenure = tenure,
            Migrant = migrant, BasicLivelihood = basic, CaseManaged = caseManaged,
        };
        h.MovedIn = MovedInLongAgo(h);
        Risk(h, profile);
        return h;
    }

    /// <summary>
    /// The hidden monthly hazard of falling into crisis, relative (scaled later to the target prevalence):
    /// concentrated among men 50-69 living alone, precarious housing, livelihood recipients, single parents with
    /// infants and crisis pregnancies, times a log-normal frailty so that exceptions abound.
    /// </summary>
    void Risk(SimHousehold h, DongProfile profile)
    {
        var age = h.AgeOn(options.AsOf);
        var m = 1.0;
        if (h.OnePerson)
        {
            if (h.Sex == Sex.M && age is >= 50 and < 70) m *= 4.0;
            else if (h.Sex == Sex.M && (age is >= 40 and < 50 || age >= 70)) m *= 1.8;
            else if (h.Sex == Sex.F && age >= 65) m *= 1.5;
            else if (age < 35) m *= 0.6;
        }
        m *= h.Housing switch { Housing.Jjokbang => 4, Housing.Gosiwon => 2.5, Housing.SemiBasement => 2, _ => 1 };
        m *= h.Tenure switch { "월세" => 1.4, "자가" => 0.5, _ => 1 };
        if (h.BasicLivelihood) m *= 1.8;
        if (h.SingleParent) m *= h.ChildrenUnder2 > 0 ? 4 : 2;
        else if (h.ChildrenUnder2 > 0) m *= 1.3;
        if (h.Pregnant) m *= h.OnePerson || h.SingleParent ? 5 : 1.2;
        if (h.Disability) m *= 1.5;
        m /= profile.Affluence;
        h.Hazard = m * rng.LogNormal(0.9);

        var family = h.Pregnant || h.ChildrenUnder2 > 0 || h.SingleParent;
        h.Kind = family && rng.Chance(0.7) ? CrisisKind.Family
            : h.OnePerson && age >= 50 ? rng.Weighted([(CrisisKind.Isolation, 55.0), (CrisisKind.Health, 20.0), (CrisisKind.Financial, 25.0)])
            : rng.Weighted([(CrisisKind.Financial, 55.0), (CrisisKind.Health, 20.0), (CrisisKind.Isolation, 15.0), (CrisisKind.Family, 10.0)]);

        var sloppyChance = 0.10 + (h.Tenure == "월세" ? 0.08 : 0) + (age < 35 ? 0.05 : 0) + 0.05 * Math.Min(m, 4) / 4;
        h.Sloppy = rng.Chance(sloppyChance) ? 0.4 + 0.6 * rng.Next() : 0;
    }

    string Tenure(string housing, DongProfile profile) => housing switch
    {
        Housing.Apartment => rng.Weighted([("자가", profile.Affluence > 2 ? 65.0 : 55.0), ("전세", 28.0), ("월세", 15.0), ("기타", 2.0)]),
        Housing.Rowhouse => rng.Weighted([("자가", 30.0), ("전세", 30.0), ("월세", 37.0), ("무상", 2.0), ("기타", 1.0)]),
        Housing.Detached => rng.Weighted([("자가", 60.0), ("전세", 12.0), ("월세", 25.0), ("무상", 3.0)]),
        Housing.SemiBasement => rng.Weighted([("자가", 5.0), ("전세", 25.0), ("월세", 68.0), ("무상", 2.0)]),
        Housing.Gosiwon => rng.Weighted([("월세", 97.0), ("기타", 3.0)]),
        Housing.Jjokbang => rng.Weighted([("월세", 90.0), ("무상", 8.0), ("기타", 2.0)]),
        _ => rng.Weighted([("자가", 15.0), ("전세", 30.0), ("월세", 50.0), ("기타", 5.0)]),
    };

    int AgeBracket((int From, int To, double Weight)[] brackets)
    {
        var b = brackets[rng.Weighted(brackets.Select(x => x.Weight).ToArray())];
        return rng.Int(b.From, b.To);
    }

    DateOnly MovedInLongAgo(SimHousehold h)
    {
        var age = h.AgeOn(options.AsOf);
        var maxYears = Math.Max(1, Math.Min(age - 18, h.Housing is Housing.Gosiwon ? 3 : h.OnePerson && age < 40 ? 6 : 35));
        var years = Math.Min(maxYears, maxYears * Math.Pow(rng.Next(), 1.6));
        var d = firstSnapshot.AddDays(-(int)(years * 365) - 1);
        return d;
    }

    void AssignMoves(List<SimHousehold> all, int outMovers)
    {
        var asOf = options.AsOf;
        var span = asOf.DayNumber - firstSnapshot.DayNumber;
        var order = Enumerable.Range(0, all.Count).ToArray();
        rng.Shuffle(order);
        var inMovers = (int)Math.Round(options.Households * MoveInShare);
        for (var k = 0; k < outMovers; k++)
            all[order[k]].MovedOut = firstSnapshot.AddDays(rng.Int(1, span));
        for (var k = outMovers; k < outMovers + inMovers; k++)
            all[order[k]].MovedIn = firstSnapshot.AddDays(rng.Int(1, span));
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> by weights.</summary>
    internal static int[] Allocate(int total, double[] weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var result = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = total - result.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - result[i]).ThenBy(i => i).Take(left))
            result[i]++;
        return result;
    }

    /// <summary>Fills buildings of each housing type one after the other, so neighbours share a building.</summary>
    sealed class BuildingStreams(PopulationBuilder owner, DongProfile profile)
    {
        readonly Dictionary<string, Building> current = new(StringComparer.Ordinal);

        public Address Next(string housing)
        {
            if (!current.TryGetValue(housing, out var b) || b.Left == 0)
                current[housing] = b = owner.NewBuilding(housing, profile);
            return b.Take();
        }
    }

    Building NewBuilding(string housing, DongProfile profile)
    {
        string road;
        int number, sub;
        string key;
        do
        {
            road = rng.Pick(profile.Roads);
            number = rng.Int(1, 420);
            sub = rng.Chance(0.3) ? rng.Int(1, 40) : 0;
            key = $"{road}|{number}|{sub}";
        } while (!usedBuildings.Add(key));
        var name = AddressSpelling.BuildingName(housing, road, number, sub);
        return housing switch
        {
            Housing.Apartment => new Building(road, number, sub, rng.Int(2, 10) * rng.Int(40, 110), Blocks: true, Floors: 25, PerFloor: 4, Basement: false, Rooms: false),
            Housing.Rowhouse => new Building(road, number, sub, rng.Int(4, 12), false, 4, 3, false, false),
            Housing.SemiBasement => new Building(road, number, sub, rng.Int(1, 3), false, 1, 3, true, false),
            Housing.Detached => new Building(road, number, sub, rng.Chance(0.3) ? 2 : 1, false, 0, 0, false, false),
            Housing.Gosiwon => new Building(road, number, sub, rng.Int(15, 40), false, 4, 12, false, false),
            Housing.Jjokbang => new Building(road, number, sub, rng.Int(8, 30), false, 3, 12, false, true),
            _ => new Building(road, number, sub, rng.Int(20, 80), false, 20, 6, false, false),
        } is var b ? b.Named(name) : null!;
    }

    sealed class Building(string road, int number, int sub, int capacity, bool Blocks, int Floors, int PerFloor, bool Basement, bool Rooms)
    {
        int taken;
        string? name;
        public int Left => capacity - taken;

        /// <summary>The name the registry gives the building (apartments, villas, 고시원 …), none for houses.</summary>
        public Building Named(string? buildingName)
        {
            name = buildingName;
            return this;
        }

        public Address Take() => TakeUnit() with { Name = name };

        Address TakeUnit()
        {
            var k = taken++;
            if (Floors == 0) return new Address(road, number, sub, 0, "", 1);
            if (Basement) return new Address(road, number, sub, 0, $"B{k + 1:D2}", -1);
            if (Rooms) return new Address(road, number, sub, 0, (k + 1).ToString(), 1 + k / PerFloor);
            var perBlock = Floors * PerFloor;
            var block = Blocks ? 101 + k / perBlock : 0;
            var inBlock = Blocks ? k % perBlock : k;
            var floor = Math.Min(Floors, 1 + inBlock / PerFloor);
            var unit = floor * 100 + 1 + inBlock % PerFloor;
            return new Address(road, number, sub, block, unit.ToString(), floor);
        }
    }
}
