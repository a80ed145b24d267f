using BlindSpot.Core.Domain;

namespace BlindSpot.Samples.Population;

/// <summary>Where a household lives: enough parts to spell its address the registry's way and the callers' ways.</summary>
/// <param name="BuildingDong">Apartment block number (101동), 0 when none.</param>
/// <param name="Unit">Room or flat number as written after the building ("1203", "B01", "7"), empty for a house.</param>
internal sealed record Address(string Road, int Number, int Sub, int BuildingDong, string Unit, int Floor)
{
    public string Building => Sub > 0 ? $"{Road} {Number}-{Sub}" : $"{Road} {Number}";

    /// <summary>The building's name (래미안아파트, 행복빌라, 새롬고시원), null for houses; the registry writes it in brackets.</summary>
    public string? Name { get; init; }

    /// <summary>The unit as the registry writes it: "203호", "101동 1203호", "B01호", "" for a house.</summary>
    public string RegistryUnit => BuildingDong > 0 ? $"{BuildingDong}동 {Unit}호" : Unit.Length > 0 ? $"{Unit}호" : "";

    /// <summary>The registry's spelling: "서울특별시 영등포구 도림로 123, 203호 (행복빌라)".</summary>
    public string Registry()
    {
        var head = $"서울특별시 영등포구 {Building}";
        var text = RegistryUnit.Length > 0 ? $"{head}, {RegistryUnit}" : head;
        return Name is null ? text : $"{text} ({Name})";
    }
}

/// <summary>A crisis episode: [Start, End) in days, what kind it is and how visible it is to data and neighbours.</summary>
/// <param name="Visible">Whether it leaves traces in the crisis-information feed (arrears, cut-offs).</param>
/// <param name="TipVisibility">Multiplier on the chance that someone tips about it.</param>
internal sealed record Episode(DateOnly Start, DateOnly End, CrisisKind Kind, bool Visible, double TipVisibility)
{
    public bool Covers(DateOnly d) => d >= Start && d < End;
    public bool Overlaps(DateOnly from, DateOnly toInclusive) => Start <= toInclusive && End > from;
}

/// <summary>What a crisis looks like from outside: it shapes indicators, tip notes and services.</summary>
internal enum CrisisKind { Isolation, Financial, Family, Health }

/// <summary>One simulated household with its hidden truth. Mutable only while the world is being built.</summary>
internal sealed class SimHousehold
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required int Dong { get; init; }
    public required Address Address { get; init; }
    public required string HeadName { get; init; }
    public required string? Phone { get; init; }
    public required int BirthYear { get; init; }
    public required Sex Sex { get; init; }
    public required int Members { get; init; }
    public required int ChildrenUnder2 { get; init; }
    public required bool SingleParent { get; init; }
    public required bool Pregnant { get; init; }
    public required bool Disability { get; init; }
    public required string Housing { get; init; }
    public required string Tenure { get; init; }
    public required bool Migrant { get; init; }
    public required bool BasicLivelihood { get; init; }
    public required bool CaseManaged { get; init; }
    public DateOnly MovedIn { get; set; }
    /// <summary>First day no longer living here (moved out between the two snapshots), null when still here.</summary>
    public DateOnly? MovedOut { get; set; }

    /// <summary>Monthly chance of a new crisis starting (hidden).</summary>
    public double Hazard { get; set; }
    /// <summary>A fine household's propensity to fall behind on bills anyway (hidden): the false positives.</summary>
    public double Sloppy { get; set; }
    public CrisisKind Kind { get; set; }
    public List<Episode> Episodes { get; } = [];

    /// <summary>Set when a visit linked the household to livelihood benefits / case management (later snapshots show it).</summary>
    public DateOnly? LivelihoodFrom { get; set; }
    public DateOnly? CaseManagedFrom { get; set; }

    public bool OnePerson => Members == 1;
    public int AgeOn(DateOnly d) => d.Year - BirthYear;

    public bool LivesHereOn(DateOnly d) => MovedIn <= d && (MovedOut is null || d < MovedOut);

    public bool LivesHereDuring(DateOnly from, DateOnly toInclusive) =>
        MovedIn <= toInclusive && (MovedOut is null || MovedOut > from);

    public Episode? EpisodeOn(DateOnly d)
    {
        foreach (var e in Episodes) if (e.Covers(d)) return e;
        return null;
    }

    public bool InCrisisOn(DateOnly d) => LivesHereOn(d) && EpisodeOn(d) is not null;

    public bool LivelihoodOn(DateOnly d) => BasicLivelihood || LivelihoodFrom <= d;
    public bool CaseManagedOn(DateOnly d) => CaseManaged || CaseManagedFrom <= d;
}
