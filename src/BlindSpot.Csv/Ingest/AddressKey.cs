using System.Text;
using System.Text.RegularExpressions;
using BlindSpot.Core.Contract;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// A road-name address reduced to comparable keys, so that "서울특별시 영등포구 신길로 12, 203호" and "신길로12 203"
/// meet. <see cref="Full"/> is the whole address; <see cref="Building"/> is road + building number only (null when no
/// road-name part was found); <see cref="Road"/> is the road alone.
/// </summary>
public sealed partial record AddressKey(string Full, string? Building, string? Road)
{
    static readonly string[] DroppedTokens = ["서울특별시", "서울시", "서울", "영등포구"];
    static readonly string[] DroppedPrefixes = ["서울특별시", "서울시", "서울", "영등포구"];

    /// <summary>Normalises an address as written by the registry, an officer or a hotline clerk.</summary>
    public static AddressKey Of(string address)
    {
        var text = Parenthesised().Replace(address, " ");
        // A dong written inside the address ("신길 1동") is not part of the road-name address: drop it.
        foreach (var (_, index, length) in Dongs.Mentions(text).Reverse())
            text = string.Concat(text.AsSpan(0, index), " ", text.AsSpan(index + length));
        var tokens = new List<string>();
        foreach (var raw in text.Split([' ', '\t', ',', '，', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
        {
            var t = raw.Trim('.');
            if (t.Length == 0 || DroppedTokens.Contains(t) || Dongs.Normalize(t) is not null) continue;
            tokens.Add(t);
        }
        var spaced = string.Join(' ', tokens);
        foreach (var p in DroppedPrefixes)
            if (spaced.StartsWith(p, StringComparison.Ordinal)) spaced = spaced[p.Length..].TrimStart();
        spaced = spaced.Replace('−', '-').Replace('–', '-').Replace("번지", "", StringComparison.Ordinal);

        var m = RoadAndNumber().Match(spaced);
        if (!m.Success) return new AddressKey(Compact(spaced), null, null);
        var road = m.Groups["road"].Value;
        var building = road + "|" + m.Groups["no"].Value;
        var rest = Compact(spaced[(m.Index + m.Length)..]);
        return new AddressKey(rest.Length == 0 ? building : building + "|" + rest, building, road);
    }

    /// <summary>
    /// Drops spaces and the unit words (제203호 -> 203, 2층 -> 2), lower-cases ASCII. A floor written before a unit
    /// number says nothing more ("4층 402호" = "402호"); a basement unit is "b" + its number ("지하 2호" = "B02호");
    /// an apartment building and unit "101동 1503호" is written "101-1503", as clerks often do.
    /// </summary>
    static string Compact(string s)
    {
        s = FloorBeforeUnit().Replace(s, "");
        s = BasementUnit().Replace(s, m => "b" + int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        s = BuildingAndUnit().Replace(s, "$1-$2");
        s = UnitWords().Replace(s, "$1");
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c is ',' or '.') continue;
            sb.Append(char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c);
        }
        var result = sb.ToString();
        return result.StartsWith('제') && result.Length > 1 && char.IsAsciiDigit(result[1]) ? result[1..] : result;
    }

    [GeneratedRegex(@"[\(（][^\)）]*[\)）]")]
    private static partial Regex Parenthesised();

    // Road names end in 로 or 길 (영등포로, 신길로, 영등포로3길, 도림로12번길); the number must not be the start of a 길 name.
    [GeneratedRegex(@"(?<road>[가-힣A-Za-z0-9]+?(?:로|길))\s*(?<no>\d+(?:-\d+)?)(?![\d]|\s*(?:길|번길))")]
    private static partial Regex RoadAndNumber();

    [GeneratedRegex(@"(?:지하\s*)?\d+\s*층\s*(?=\S*\d)")]
    private static partial Regex FloorBeforeUnit();

    [GeneratedRegex(@"(?:지하\s*|[Bb]\s*)0*(\d+)\s*호?(?!\d)")]
    private static partial Regex BasementUnit();

    [GeneratedRegex(@"(\d+)\s*동\s*(\d+)\s*호?")]
    private static partial Regex BuildingAndUnit();

    [GeneratedRegex(@"제?\s*(\d+)\s*(?:호|층)")]
    private static partial Regex UnitWords();
}
