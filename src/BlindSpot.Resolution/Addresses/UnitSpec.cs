namespace BlindSpot.Resolution.Addresses;

/// <summary>How the part after the building number was written.</summary>
public enum UnitKind
{
    /// <summary>Nothing after the building (a house, or the caller did not say).</summary>
    None,
    /// <summary>A unit number: 203호, 제203호, 2층 203호, 203, 7호 (a room).</summary>
    Unit,
    /// <summary>Only the floor: 2층 (for 201호 .. 2xx호).</summary>
    Floor,
    /// <summary>A numbered basement unit: B01호, 지하 1호, B1.</summary>
    Basement,
    /// <summary>A basement without number: 반지하, 지층, 지하.</summary>
    AnyBasement,
    /// <summary>Apartment block and unit: 101동 1203호, 101-1203.</summary>
    BlockUnit,
    /// <summary>Only the apartment block: 101동.</summary>
    BlockOnly,
}

/// <summary>A unit as written, reduced to numbers so that every spelling of it compares equal.</summary>
public readonly record struct UnitSpec(UnitKind Kind, int Block = 0, int Number = 0)
{
    public static readonly UnitSpec None = new(UnitKind.None);

    /// <summary>How likely a caller leaves the unit out when the home has one, against writing nothing for a house.</summary>
    public const double UnitLeftOut = 0.15;

    /// <summary>True when the spelling names one unit (not a floor, a basement or nothing).</summary>
    public bool IsSpecific => Kind is UnitKind.Unit or UnitKind.Basement or UnitKind.BlockUnit;

    /// <summary>
    /// How well a registry household's unit (<paramref name="registry"/>) fits this written unit: 1 = fits, 0 = cannot
    /// be it, in between = fits only if the registry or the caller left something out.
    /// </summary>
    public double Fit(UnitSpec registry) => Kind switch
    {
        // Nothing written fits every unit, but someone whose home has a unit number usually gives it.
        UnitKind.None => registry.Kind == UnitKind.None ? 1 : UnitLeftOut,
        UnitKind.Unit => registry.Kind switch
        {
            UnitKind.Unit or UnitKind.BlockUnit => registry.Number == Number ? 1 : 0,
            _ => 0,
        },
        UnitKind.Floor => registry.Kind switch
        {
            UnitKind.Unit or UnitKind.BlockUnit => registry.Number >= 100 && registry.Number / 100 == Number ? 1 : registry.Number < 100 ? 0.2 : 0,
            UnitKind.None => 0.5,
            _ => 0,
        },
        UnitKind.Basement => registry.Kind == UnitKind.Basement && SameBasement(registry.Number, Number) ? 1 : 0,
        UnitKind.AnyBasement => registry.Kind switch
        {
            UnitKind.Basement => 1,
            UnitKind.None => 0.3,
            _ => 0,
        },
        UnitKind.BlockUnit => registry.Kind switch
        {
            UnitKind.BlockUnit => registry.Block == Block && registry.Number == Number ? 1 : 0,
            UnitKind.Unit => registry.Number == Number ? 0.5 : 0,
            _ => 0,
        },
        UnitKind.BlockOnly => registry.Kind == UnitKind.BlockUnit && registry.Block == Block ? 1 : 0,
        _ => 0,
    };

    // B01호 is also written B101호 / 지하 101호 (first basement floor, unit 01), and the other way round.
    static bool SameBasement(int a, int b) => a == b || a / 100 == 1 && a % 100 == b || b / 100 == 1 && b % 100 == a;
}
