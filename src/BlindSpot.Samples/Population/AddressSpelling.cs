using BlindSpot.Core.Contract;

namespace BlindSpot.Samples.Population;

/// <summary>How people other than the registry write an address: with or without 서울특별시/서울시 and 영등포구,
/// spaces dropped, "번지" added, the unit as "203호", "2층 203호" or "203", the dong named inside.</summary>
internal static class AddressSpelling
{
    /// <summary>A hotline caller's spelling; <paramref name="dongToShow"/> non-null puts the dong in the address.</summary>
    public static string Hotline(Rng rng, Address a, string? dongToShow)
    {
        var city = rng.Weighted([("서울특별시 ", 2.0), ("서울시 ", 3.0), ("서울 ", 2.0), ("", 3.0)]);
        var gu = city.Length > 0 || rng.Chance(0.5) ? (rng.Chance(0.85) ? "영등포구 " : "영등포구") : "";
        var dongFront = dongToShow is not null && rng.Chance(0.6) ? DongSpelling(rng, dongToShow) + " " : "";
        var building = Building(rng, a);
        var unit = Unit(rng, a);
        var sep = unit.Length == 0 ? "" : rng.Chance(0.4) ? ", " : " ";
        var text = city + gu + dongFront + building + sep + unit;
        if (dongToShow is not null && dongFront.Length == 0) text += $" ({DongSpelling(rng, dongToShow)})";
        return text.Trim();
    }

    /// <summary>An officer's spelling: closer to the registry, often without the city.</summary>
    public static string Officer(Rng rng, Address a)
    {
        var head = rng.Weighted([("서울특별시 영등포구 ", 3.0), ("영등포구 ", 4.0), ("", 3.0)]);
        var unit = Unit(rng, a);
        return (head + a.Building + (unit.Length > 0 ? (rng.Chance(0.7) ? ", " : " ") + unit : "")).Trim();
    }

    static string Building(Rng rng, Address a)
    {
        var space = rng.Chance(0.75) ? " " : "";
        var number = a.Sub > 0 ? $"{a.Number}-{a.Sub}" : a.Number.ToString();
        return a.Road + space + number + (rng.Chance(0.12) ? "번지" : "");
    }

    static string Unit(Rng rng, Address a)
    {
        if (a.Unit.Length == 0) return "";
        if (a.BuildingDong > 0)
            return rng.Weighted([($"{a.BuildingDong}동 {a.Unit}호", 5.0), ($"{a.BuildingDong}동{a.Unit}호", 2.0), ($"{a.BuildingDong}-{a.Unit}", 2.0), ($"{a.BuildingDong}동 {a.Unit}", 1.0)]);
        if (a.Unit.StartsWith('B'))
            return rng.Weighted([($"{a.Unit}호", 3.0), ($"지하 {int.Parse(a.Unit[1..])}호", 3.0), ("반지하", 1.0), (a.Unit, 1.0)]);
        return rng.Weighted([($"{a.Unit}호", 5.0), ($"{a.Floor}층 {a.Unit}호", 3.0), (a.Unit, 2.0)]);
    }

    public static string DongSpelling(Rng rng, string dong) => rng.Weighted([
        (dong, 5.0),
        (Dongs.LongForm(dong), 2.0),
        (dong.Length > 3 && char.IsAsciiDigit(dong[^2]) ? dong[..^2] + " " + dong[^2..] : dong, 1.0),
    ]);
}
