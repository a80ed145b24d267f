using BlindSpot.Core.Contract;

namespace BlindSpot.Samples.Population;

/// <summary>How a tip's address was written, after issue 9's table (the resolver's figures are broken down by it).</summary>
public enum SpellingStyle
{
    /// <summary>As the registry writes it (with or without 서울특별시 / 영등포구).</summary>
    AsRegistry,
    /// <summary>Prefixes dropped or shortened, spacing, 번지, the dong inside, 2층 for 201호, 101-1203, 지하 1호, 반지하.</summary>
    OtherSpelling,
    /// <summary>Road and number only, although the building has units.</summary>
    NoUnit,
    /// <summary>The building's name (행복빌라 203호, 래미안 101동), no road.</summary>
    BuildingNameOnly,
    /// <summary>A misspelt road name (도림노, 영등표로).</summary>
    RoadTypo,
    /// <summary>A wrong building number (a neighbour's, a digit slipped).</summary>
    WrongNumber,
    /// <summary>Described by what is near it: "도림로 121 근처 편의점 옆 건물 2층".</summary>
    Landmark,
}

/// <summary>
/// How people other than the registry write an address. Stable API for the day-by-day generator (h3a-sim, World/):
/// <see cref="Hotline"/> and <see cref="Officer"/> keep their signatures and now draw a <see cref="SpellingStyle"/>
/// with the weights of <see cref="HotlineStyles"/> / <see cref="OfficerStyles"/>; <see cref="Spell"/> returns the style
/// too, and <see cref="Write"/> spells in a given style (the resolution benchmark uses both). Names as callers say
/// them (김OO, 김씨, 김 할머니) come from <see cref="Names.AsCallerSays"/>.
/// </summary>
internal static class AddressSpelling
{
    /// <summary>How often each style is drawn for a hotline call (callers write more loosely than officers).</summary>
    public static readonly (SpellingStyle Item, double Weight)[] HotlineStyles =
    [
        (SpellingStyle.AsRegistry, 25), (SpellingStyle.OtherSpelling, 30), (SpellingStyle.NoUnit, 12), (SpellingStyle.BuildingNameOnly, 10),
        (SpellingStyle.RoadTypo, 8), (SpellingStyle.WrongNumber, 6), (SpellingStyle.Landmark, 9),
    ];

    /// <summary>How often each style is drawn for an officer's tip.</summary>
    public static readonly (SpellingStyle Item, double Weight)[] OfficerStyles =
    [
        (SpellingStyle.AsRegistry, 45), (SpellingStyle.OtherSpelling, 30), (SpellingStyle.NoUnit, 8), (SpellingStyle.BuildingNameOnly, 5),
        (SpellingStyle.RoadTypo, 5), (SpellingStyle.WrongNumber, 4), (SpellingStyle.Landmark, 3),
    ];

    /// <summary>A hotline caller's spelling; <paramref name="dongToShow"/> non-null puts the dong in the address.</summary>
    public static string Hotline(Rng rng, Address a, string? dongToShow) => Spell(rng, a, dongToShow, officer: false).Text;

    /// <summary>An officer's spelling: closer to the registry, often without the city.</summary>
    public static string Officer(Rng rng, Address a) => Spell(rng, a, null, officer: true).Text;

    /// <summary>Draws a style (officer or hotline weights) and spells the address in it; returns the style it really has.</summary>
    public static (string Text, SpellingStyle Style) Spell(Rng rng, Address a, string? dongToShow, bool officer)
    {
        var style = rng.Weighted(officer ? OfficerStyles : HotlineStyles);
        return Write(rng, a, style, dongToShow);
    }

    /// <summary>
    /// Spells <paramref name="a"/> in <paramref name="style"/>. A style the address cannot have (no unit for a house, a
    /// building name for a building without one) falls back to the nearest one, and the style returned says so.
    /// </summary>
    public static (string Text, SpellingStyle Style) Write(Rng rng, Address a, SpellingStyle style, string? dongToShow)
    {
        if (style == SpellingStyle.NoUnit && a.Unit.Length == 0) style = SpellingStyle.AsRegistry;
        if (style == SpellingStyle.BuildingNameOnly && a.Name is null) style = SpellingStyle.OtherSpelling;
        var text = style switch
        {
            SpellingStyle.AsRegistry => Head(rng, loose: false) + a.Building + (a.RegistryUnit.Length > 0 ? ", " + a.RegistryUnit : ""),
            SpellingStyle.OtherSpelling => Loose(rng, a, dongToShow, Building(rng, a.Road, a.Number, a.Sub), Unit(rng, a)),
            SpellingStyle.NoUnit => Loose(rng, a, dongToShow, Building(rng, a.Road, a.Number, a.Sub), ""),
            SpellingStyle.BuildingNameOnly => NameOnly(rng, a, dongToShow),
            SpellingStyle.RoadTypo => Loose(rng, a, dongToShow, Building(rng, Typo(rng, a.Road), a.Number, a.Sub), Unit(rng, a)),
            SpellingStyle.WrongNumber => Loose(rng, a, dongToShow, Building(rng, a.Road, WrongNumber(rng, a.Number), rng.Chance(0.3) ? 0 : a.Sub), Unit(rng, a)),
            SpellingStyle.Landmark => Landmark(rng, a, dongToShow),
            _ => throw new ArgumentOutOfRangeException(nameof(style)),
        };
        if (dongToShow is not null && !Dongs.Mentions(text).Any()) text += $" ({DongSpelling(rng, dongToShow)})";
        return (text.Trim(), style);
    }

    static string Head(Rng rng, bool loose)
    {
        if (!loose) return rng.Weighted([("서울특별시 영등포구 ", 4.0), ("영등포구 ", 3.0), ("", 3.0)]);
        var city = rng.Weighted([("서울특별시 ", 2.0), ("서울시 ", 3.0), ("서울 ", 2.0), ("", 3.0)]);
        var gu = city.Length > 0 || rng.Chance(0.5) ? (rng.Chance(0.85) ? "영등포구 " : "영등포구") : "";
        return city + gu;
    }

    static string Loose(Rng rng, Address a, string? dongToShow, string building, string unit)
    {
        var dongFront = dongToShow is not null && rng.Chance(0.6) ? DongSpelling(rng, dongToShow) + " " : "";
        var sep = unit.Length == 0 ? "" : rng.Chance(0.4) ? ", " : " ";
        return Head(rng, loose: true) + dongFront + building + sep + unit;
    }

    static string Building(Rng rng, string road, int number, int sub)
    {
        var space = rng.Chance(0.75) ? " " : "";
        var n = sub > 0 ? $"{number}-{sub}" : number.ToString();
        return road + space + n + (rng.Chance(0.12) ? "번지" : "");
    }

    /// <summary>The unit in one of the ways people write it (203호, 2층 203호, 203, 2층, 101-1203, 지하 1호, 반지하 …).</summary>
    static string Unit(Rng rng, Address a)
    {
        if (a.Unit.Length == 0) return "";
        if (a.BuildingDong > 0)
            return rng.Weighted([($"{a.BuildingDong}동 {a.Unit}호", 5.0), ($"{a.BuildingDong}동{a.Unit}호", 2.0), ($"{a.BuildingDong}-{a.Unit}", 3.0), ($"{a.BuildingDong}동 {a.Unit}", 1.0)]);
        if (a.Unit.StartsWith('B'))
        {
            var n = int.Parse(a.Unit[1..]);
            return rng.Weighted([($"{a.Unit}호", 3.0), ($"지하 {n}호", 3.0), ("반지하", 2.0), ("지층", 1.0), ($"B{n}", 1.0)]);
        }
        var unitNo = int.Parse(a.Unit);
        if (unitNo < 100) return rng.Weighted([($"{a.Unit}호", 6.0), ($"{a.Unit}호실", 1.0), ($"{a.Unit}번방", 1.0)]);
        return rng.Weighted([($"{a.Unit}호", 5.0), ($"{a.Floor}층 {a.Unit}호", 3.0), (a.Unit, 2.0), ($"제{a.Unit}호", 1.0), ($"{a.Floor}층", 2.0)]);
    }

    static string NameOnly(Rng rng, Address a, string? dongToShow)
    {
        var name = a.Name!;
        // "래미안아파트" is often just "래미안"; "행복빌라" stays whole.
        if (name.EndsWith("아파트", StringComparison.Ordinal) && rng.Chance(0.4)) name = name[..^3];
        var dong = dongToShow is not null && rng.Chance(0.7) ? DongSpelling(rng, dongToShow) + " " : "";
        var unit = rng.Chance(0.85) ? Unit(rng, a) : "";
        var glue = unit.Length == 0 ? "" : rng.Chance(0.3) ? "" : " ";
        return (rng.Chance(0.3) ? "영등포구 " : "") + dong + name + glue + unit;
    }

    static readonly string[] Places = ["편의점", "약국", "세탁소", "슈퍼", "교회", "부동산", "미용실", "철물점", "놀이터", "경로당"];

    static string Landmark(Rng rng, Address a, string? dongToShow)
    {
        var near = a.Number + rng.Int(-3, 3);
        if (near < 1) near = a.Number;
        var unit = rng.Weighted([(Unit(rng, a), 6.0), (a.Floor > 0 ? $"{a.Floor}층" : "", 2.0), ("", 2.0)]);
        var reference = a.Name is not null && rng.Chance(0.25) ? a.Name : $"{a.Road} {near}";
        var phrase = rng.Weighted([
            ($"{reference} 근처 {rng.Pick(Places)} 옆 건물", 4.0), ($"{reference} 옆 건물", 2.0), ($"{reference} 앞 {rng.Pick(Places)} 뒤", 1.0),
            ($"{reference} 건너편 빌라", 1.0), ($"{rng.Pick(Places)} 옆 {reference} 근처", 1.0)]);
        var dong = dongToShow is not null && rng.Chance(0.5) ? DongSpelling(rng, dongToShow) + " " : "";
        return dong + phrase + (unit.Length > 0 ? " " + unit : "");
    }

    static int WrongNumber(Rng rng, int number)
    {
        for (var i = 0; i < 10; i++)
        {
            var n = rng.Weighted([(number + rng.Int(1, 3), 4.0), (number - rng.Int(1, 3), 4.0), (Swapped(number), 1.0), (number * 10 + rng.Int(0, 9), 0.5)]);
            if (n > 0 && n != number) return n;
        }
        return number + 1;
    }

    static int Swapped(int n)
    {
        var s = n.ToString().ToCharArray();
        if (s.Length < 2) return n + 1;
        (s[^1], s[^2]) = (s[^2], s[^1]);
        return int.Parse(new string(s));
    }

    // Letters people mix up (a vowel or consonant one stroke away, a final consonant added or dropped).
    static readonly (char, char)[] Confusable =
    [
        ('ㅗ', 'ㅛ'), ('ㅓ', 'ㅕ'), ('ㅐ', 'ㅔ'), ('ㅏ', 'ㅑ'), ('ㅜ', 'ㅠ'), ('ㅡ', 'ㅜ'), ('ㅣ', 'ㅢ'),
        ('ㄹ', 'ㄴ'), ('ㅂ', 'ㅍ'), ('ㄷ', 'ㅌ'), ('ㅅ', 'ㅆ'), ('ㅇ', 'ㅎ'), ('ㄱ', 'ㅋ'), ('ㅈ', 'ㅊ'),
    ];

    const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    const string Medials = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    const string Finals = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    /// <summary>The road with one letter wrong (never another real road of the district, never the 로/길 ending).</summary>
    public static string Typo(Rng rng, string road)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var i = rng.Int(0, Math.Max(0, road.Length - 2)); // keep the last syllable (로, 길)
            var c = road[i] - 0xAC00;
            if (c is < 0 or >= 11172) continue;
            int l = c / 588, v = c % 588 / 28, t = c % 28;
            switch (rng.Int(0, 2))
            {
                case 0: // the vowel
                    if (Swap(Medials[v]) is { } mv) v = Medials.IndexOf(mv); else continue;
                    break;
                case 1: // the first consonant
                    if (Swap(Initials[l]) is { } ml && Initials.IndexOf(ml) >= 0) l = Initials.IndexOf(ml); else continue;
                    break;
                default: // the final consonant dropped or added
                    t = t == 0 ? Finals.IndexOf('ㅇ') : 0;
                    break;
            }
            var typo = road[..i] + (char)(0xAC00 + l * 588 + v * 28 + t) + road[(i + 1)..];
            if (typo != road && !DongProfile.All.Any(p => p.Roads.Contains(typo))) return typo;
        }
        return road.Length > 2 ? road[..^2] + road[^1] : road; // a syllable left out
    }

    static char? Swap(char letter)
    {
        foreach (var (a, b) in Confusable)
        {
            if (a == letter) return b;
            if (b == letter) return a;
        }
        return null;
    }

    public static string DongSpelling(Rng rng, string dong) => rng.Weighted([
        (dong, 5.0),
        (Dongs.LongForm(dong), 2.0),
        (dong.Length > 3 && char.IsAsciiDigit(dong[^2]) ? dong[..^2] + " " + dong[^2..] : dong, 1.0),
    ]);

    static readonly string[] ApartmentBrands =
        ["래미안", "자이", "푸르지오", "힐스테이트", "롯데캐슬", "아이파크", "e편한세상", "현대", "삼성", "한신", "대우", "벽산", "우성", "한양", "미성", "쌍용", "두산위브", "SK뷰", "센트레빌", "경남아너스빌"];
    static readonly string[] VillaWords =
        ["행복", "그린", "한솔", "동아", "우리", "청솔", "해피", "스카이", "로얄", "대성", "한빛", "새롬", "다온", "미래", "선유", "은하", "장미", "목련", "무지개", "하나",
         "태양", "수정", "진주", "금강", "백조", "사랑", "소망", "평화", "신성", "명성", "동신", "세림", "부영", "유성", "대원", "성원", "삼익", "한성", "정원", "나래"];

    /// <summary>
    /// The building's name, drawn from its address (not from the random stream, so naming changes no other draw):
    /// apartments by brand, villas and 다세대 by a word + 빌라/맨션/하이츠/빌, 고시원 and others by a word + their kind;
    /// houses, 반지하 units and 쪽방 have none. Villa names repeat across a district, as they do.
    /// </summary>
    public static string? BuildingName(string housing, string road, int number, int sub)
    {
        var h = Hash(road, number, sub);
        return housing switch
        {
            Housing.Apartment => $"{Dongless(road)}{ApartmentBrands[h % ApartmentBrands.Length]}아파트",
            Housing.Rowhouse => VillaWords[h % VillaWords.Length] + new[] { "빌라", "맨션", "하이츠", "빌" }[h / 97 % 4] + (h / 13 % 5 == 0 ? $"{h / 7 % 3 + 2}차" : ""),
            Housing.Gosiwon => VillaWords[h % VillaWords.Length] + new[] { "고시원", "고시텔" }[h / 97 % 2],
            Housing.Other => VillaWords[h % VillaWords.Length] + new[] { "오피스텔", "타워", "빌딩" }[h / 97 % 3],
            _ => null,
        };
    }

    // An apartment complex is often named after its road or area: 도림래미안, 당산자이 (first two syllables of the road).
    static string Dongless(string road) => road.Length >= 3 ? road[..2] : "";

    static int Hash(string road, int number, int sub)
    {
        unchecked
        {
            var x = 17;
            foreach (var c in road) x = x * 31 + c;
            x = x * 31 + number;
            x = x * 31 + sub;
            x ^= x >> 13;
            x *= 0x5bd1e995;
            x ^= x >> 15;
            return x & 0x7fffffff;
        }
    }
}
