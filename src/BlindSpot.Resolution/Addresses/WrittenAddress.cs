using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using BlindSpot.Core.Contract;

namespace BlindSpot.Resolution.Addresses;

/// <summary>
/// An address as a registry clerk, an officer or a hotline caller wrote it, taken apart: the road and building
/// number (when written), the unit in any of its spellings, the words that may be a building name (행복빌라), whether it
/// describes a place near something (… 근처, … 옆), and the administrative dong named in it.
/// </summary>
/// <param name="Road">The road as written, spaces removed (may be misspelt); null when no road + number was found.</param>
/// <param name="Number">The main building number.</param>
/// <param name="Sub">The sub-number (123-4), 0 when none.</param>
/// <param name="Words">Other words that may name a building, spaces removed (행복빌라, 래미안아파트).</param>
/// <param name="Landmark">Written as near or next to the place named (근처, 옆, 앞, 건너편 …).</param>
public sealed partial record WrittenAddress(string? Road, int Number, int Sub, UnitSpec Unit, IReadOnlyList<string> Words, bool Landmark, string? Dong)
{
    // Word lists only asked whether they hold a word are sets: every word of every address is asked (the resolver's index
    // reads each household's address), and an array's Contains is an interface call and a scan.
    // The city and district, dropped as words and as prefixes glued on (tried in this order, longest first).
    static readonly string[] DroppedTokens = ["서울특별시", "서울시", "서울", "영등포구", "대한민국"];
    static readonly FrozenSet<string> DroppedSet = Set(DroppedTokens);
    static readonly string[] LandmarkWords = ["근처", "부근", "인근", "근방", "주변", "옆", "앞", "뒤", "건너편", "맞은편", "쪽", "사이", "골목"];
    // Particles after a landmark word (근처에, 옆에서, 앞의), and what a landmark word is glued before (옆집, 앞건물, 건너편빌라).
    static readonly string[] LandmarkParticles = ["에서", "에", "의"];
    static readonly FrozenSet<string> NeighbourWords = Set(["집", "건물", "빌라", "빌딩", "주택", "아파트", "맨션", "상가"]);
    // Places people describe an address by; they are not the household's building.
    static readonly FrozenSet<string> PlaceWords = Set(
    [
        "편의점", "약국", "슈퍼", "마트", "시장", "교회", "성당", "건물", "빌딩", "집", "주택", "부동산", "세탁소", "식당", "공원",
        "놀이터", "정류장", "버스정류장", "학교", "초등학교", "병원", "의원", "은행", "우체국", "주민센터", "파출소", "역", "지하철역",
        "카페", "미용실", "철물점", "노인정", "경로당", "어린이집", "주차장", "모퉁이", "코너", "있는", "있는곳", "위", "아래", "뒷",
        "저", "거기", "그", "있음", "사는", "살고", "계신", "분", "사람", "세대", "호실", "방",
    ]);
    static readonly FrozenSet<string> UnitWords = Set(["반지하", "지층", "지하", "지하층", "옥탑", "옥탑방", "1층", "호", "층"]);

    static FrozenSet<string> Set(string[] words) => words.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Takes an address apart. Never throws; anything not understood is simply not used.</summary>
    public static WrittenAddress Parse(string address) => Parse(address, lookForRoad: true);

    /// <summary>
    /// The same address read as a building name and a unit, without a road: "장미맨션 202", "은하고시텔 201" and
    /// "백조빌4차" look like a (misspelt) road and a building number to <see cref="Parse(string)"/>. The resolver uses
    /// this reading when the registry has no such road but has a building of that name.
    /// </summary>
    public static WrittenAddress ParseWithoutRoad(string address) => Parse(address, lookForRoad: false);

    static WrittenAddress Parse(string address, bool lookForRoad)
    {
        address = Halfwidth(address);
        var words = new List<string>();
        string? dong = null;
        // Text in brackets: the registry's reference part "(신길동, 래미안아파트)" names the building; a caller's
        // "(당산제2동)" names the dong.
        var text = WithoutBrackets(address, words, ref dong);
        string? named = null;
        // (A dong is named with 동: most addresses name none outside brackets.)
        if (text.Contains('동'))
            foreach (var (d, index, length) in Dongs.Mentions(text).Reverse())
            {
                named ??= d;
                text = string.Concat(text.AsSpan(0, index), " ", text.AsSpan(index + length));
            }
        dong = named ?? dong;

        var landmark = false;
        var tokens = new List<string>();
        foreach (var raw in text.Split([' ', '\t', ',', '，', '\u00A0', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var t = raw.Trim('.', '·');
            // "서울특별시영등포구도림로": every prefix glued on, longest first (서울특별시 is not 서울 + 특별시).
            for (var glued = true; glued;)
            {
                glued = false;
                foreach (var p in DroppedTokens)
                    if (t.StartsWith(p, StringComparison.Ordinal)) { t = t[p.Length..]; glued = t.Length > 0; break; }
            }
            if (t.Length == 0 || DroppedSet.Contains(t) || Dongs.Normalize(t) is not null || MayBeLegalDong(t) && LegalDong().IsMatch(t)) continue;
            foreach (var p in LandmarkParticles)
                if (t.Length > p.Length && t.EndsWith(p, StringComparison.Ordinal) && LandmarkWords.Any(w => t[..^p.Length].EndsWith(w, StringComparison.Ordinal)))
                {
                    t = t[..^p.Length];
                    break;
                }
            // "옆집", "앞건물", "건너편빌라": the house next to (in front of, across from) the place named.
            if (LandmarkWords.FirstOrDefault(w => t.Length > w.Length && t.StartsWith(w, StringComparison.Ordinal)) is { } before && NeighbourWords.Contains(t[before.Length..]))
            {
                landmark = true;
                continue;
            }
            // "편의점옆", "123근처": the landmark word glued to what it refers to.
            foreach (var w in LandmarkWords)
            {
                if (t == w) { landmark = true; t = ""; break; }
                if (t.Length > w.Length && t.EndsWith(w, StringComparison.Ordinal) && !t.EndsWith("로" + w, StringComparison.Ordinal))
                {
                    landmark = true;
                    t = t[..^w.Length];
                    break;
                }
            }
            if (t.Length == 0 || PlaceWords.Contains(t)) continue;
            // "도림 로 123", "여의 대로": the road's last word written apart.
            if (t is "로" or "길" or "대로" or "번길" && tokens.Count > 0 && tokens[^1].All(c => c is >= '가' and <= '힣' || char.IsAsciiDigit(c)))
            {
                tokens[^1] += t;
                continue;
            }
            tokens.Add(t);
        }
        var spaced = string.Join(' ', tokens).Replace('−', '-').Replace('–', '-').Replace("번지", " ", StringComparison.Ordinal).TrimEnd();

        var m = lookForRoad ? RoadAndNumber().Match(spaced) : Match.Empty;
        if (lookForRoad && !m.Success) m = LooseRoadAndNumber().Match(spaced);
        string? road = null;
        int number = 0, sub = 0;
        var rest = spaced;
        if (m.Success)
        {
            road = m.Groups["road"].Value;
            number = int.Parse(m.Groups["no"].Value, CultureInfo.InvariantCulture);
            sub = m.Groups["sub"].Success ? int.Parse(m.Groups["sub"].Value, CultureInfo.InvariantCulture) : 0;
            var before = spaced[..m.Index];
            rest = spaced[(m.Index + m.Length)..];
            foreach (var w in before.Split(' ', StringSplitOptions.RemoveEmptyEntries)) if (IsNameWord(w)) words.Add(w);
        }
        // Words in the rest (행복빌라 203호, 행복빌라203호): a building name glued to the unit is split off it.
        var unitText = new List<string>();
        foreach (var w in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var g = NameThenDigits().Match(w);
            if (g.Success && IsNameWord(g.Groups["name"].Value))
            {
                words.Add(g.Groups["name"].Value);
                if (g.Groups["tail"].Length > 0) unitText.Add(g.Groups["tail"].Value);
            }
            else unitText.Add(w);
        }
        return new WrittenAddress(road, number, sub, ParseUnit(string.Join(' ', unitText)), words, landmark, dong);
    }

    /// <summary>
    /// <paramref name="address"/> with each bracketed part (<see cref="Bracketed"/>) replaced by a space, as
    /// <c>Regex.Replace</c> replaces them, after adding the part's name words to <paramref name="words"/> and its first
    /// dong named to <paramref name="dong"/> (when none yet), part after part; the address itself when it has no bracket.
    /// </summary>
    static string WithoutBrackets(string address, List<string> words, ref string? dong)
    {
        if (address.AsSpan().IndexOfAny('(', '（', '[') < 0) return address;
        System.Text.StringBuilder? text = null;
        var at = 0;
        for (var m = Bracketed().Match(address); m.Success; m = m.NextMatch())
        {
            var inside = m.Groups[1].Value;
            foreach (var part in inside.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
                if (IsNameWord(part)) words.Add(part);
            dong ??= Dongs.Mentions(inside).Select(d => d.Dong).FirstOrDefault();
            (text ??= new System.Text.StringBuilder(address.Length)).Append(address, at, m.Index - at).Append(' ');
            at = m.Index + m.Length;
        }
        return text is null ? address : text.Append(address, at, address.Length - at).ToString();
    }

    /// <summary>
    /// Full-width digits, letters and signs (１２３, Ｂ０１호, （도림동）, typed with a Korean input method or pasted from a
    /// word processor) and the ideographic space as their ASCII forms; Hangul untouched.
    /// </summary>
    internal static string Halfwidth(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uFF01', '\uFF5E') < 0 && !text.Contains('\u3000')) return text;
        return string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
                span[i] = t[i] switch { >= '\uFF01' and <= '\uFF5E' => (char)(t[i] - 0xFEE0), '\u3000' => ' ', var c => c };
        });
    }

    static bool IsNameWord(string w) =>
        w.Length >= 2 && w.All(c => c is >= '가' and <= '힣' || char.IsAsciiLetter(c) || char.IsAsciiDigit(c)) && !w.All(char.IsAsciiDigit)
        && !UnitWords.Contains(w) && !PlaceWords.Contains(w) && !(MayBeLegalDong(w) && LegalDong().IsMatch(w)) && Dongs.Normalize(w) is null
        && !DroppedSet.Contains(w) && !(EndsInDong(w) && BlockWord().IsMatch(w));

    /// <summary>
    /// False for a word <see cref="LegalDong"/> cannot match: what it matches ends in 동 or 가, before at most a final
    /// line break (its <c>$</c>). The patterns run only on the words that pass (every word of every address is asked).
    /// </summary>
    internal static bool MayBeLegalDong(string w) => EndsInDong(w) || LastChar(w) == '가';

    /// <summary>False for a word <see cref="BlockWord"/> cannot match (it ends in 동, before at most a final line break).</summary>
    internal static bool EndsInDong(string w) => LastChar(w) == '동';

    static char LastChar(string w) => w.Length > 1 && w[^1] == '\n' ? w[^2] : w.Length > 0 ? w[^1] : '\0';

    /// <summary>The unit part of an address (after the building number), in any of its spellings.</summary>
    public static UnitSpec ParseUnit(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) return UnitSpec.None;
        Match m;
        if ((m = BlockAndUnit().Match(s)).Success) return new UnitSpec(UnitKind.BlockUnit, Int(m, 1), Int(m, 2));
        if ((m = BasementNumber().Match(s)).Success) return new UnitSpec(UnitKind.Basement, 0, Int(m, 1));
        if (BasementFloor().IsMatch(s)) return new UnitSpec(UnitKind.AnyBasement);
        if (s.Contains("반지하", StringComparison.Ordinal) || s.Contains("지층", StringComparison.Ordinal) || s.Contains("지하", StringComparison.Ordinal))
            return new UnitSpec(UnitKind.AnyBasement);
        if ((m = FloorAndUnit().Match(s)).Success) return new UnitSpec(UnitKind.Unit, 0, Int(m, 1));
        if ((m = UnitNumber().Match(s)).Success) return new UnitSpec(UnitKind.Unit, 0, Int(m, 1));
        if ((m = FloorOnly().Match(s)).Success) return new UnitSpec(UnitKind.Floor, 0, Int(m, 1));
        if ((m = BlockOnly().Match(s)).Success) return new UnitSpec(UnitKind.BlockOnly, Int(m, 1));
        if ((m = BareNumber().Match(s)).Success) return new UnitSpec(UnitKind.Unit, 0, Int(m, 1));
        return UnitSpec.None;
    }

    static int Int(Match m, int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\(（\[]([^\)）\]]*)[\)）\]]")]
    private static partial Regex Bracketed();

    // Legal dongs (신길동, 여의도동, 당산동3가); not a building name with its block glued on (도림삼성102동).
    [GeneratedRegex(@"^[가-힣]{1,4}\d?동$|^[가-힣]{1,3}동\d{1,2}가$")]
    internal static partial Regex LegalDong();

    [GeneratedRegex(@"^\d+동$")]
    internal static partial Regex BlockWord();

    // Road names end in 로 or 길 (영등포로, 신길로, 영등포로3길, 도림로12번길); the number must not start a 길 name.
    [GeneratedRegex(@"(?<road>[가-힣A-Za-z0-9]+?(?:로|길))\s*(?<no>\d{1,4})(?:-(?<sub>\d{1,3}))?(?![\d]|\s*(?:길|번길|층|호|동\s*\d))")]
    private static partial Regex RoadAndNumber();

    // A misspelt road may not end in 로/길 (도림노 123): any Hangul word directly followed by a building number.
    [GeneratedRegex(@"(?<road>[가-힣]{2,7})\s*(?<no>\d{1,4})(?:-(?<sub>\d{1,3}))?(?![\d]|\s*(?:층|호|동\s*\d|동$))")]
    private static partial Regex LooseRoadAndNumber();

    // A building name (63래미안아파트, 양평SK뷰, 수정하이츠2차) and what is glued after it (203호, 102동601호, 제303호, 1층).
    [GeneratedRegex(@"^(?<name>\d*[가-힣A-Za-z]{2,}?(?:\d{1,2}차)?)(?<tail>(?:제?[Bb]?\d|지하|반지하|지층).*)?$")]
    private static partial Regex NameThenDigits();

    [GeneratedRegex(@"(\d{1,4})\s*(?:동\s*|-\s*)(?:\d{1,2}\s*층\s*)?제?\s*(\d{1,4})(?!\d|\s*층)\s*호?")]
    private static partial Regex BlockAndUnit();

    [GeneratedRegex(@"(?:지하\s*|[Bb]\s*)0*(\d{1,3})\s*(?:호|$)")]
    private static partial Regex BasementNumber();

    // The first basement floor without a unit: B1층, B1F, 지하1층.
    [GeneratedRegex(@"(?:[Bb]\s*|지하\s*)\d\s*(?:층|[Ff]\b)")]
    private static partial Regex BasementFloor();

    [GeneratedRegex(@"\d+\s*층\s*제?\s*(\d+)\s*호")]
    private static partial Regex FloorAndUnit();

    [GeneratedRegex(@"제?\s*(\d+)\s*호")]
    private static partial Regex UnitNumber();

    [GeneratedRegex(@"(\d+)\s*층")]
    private static partial Regex FloorOnly();

    [GeneratedRegex(@"(\d+)\s*동$")]
    private static partial Regex BlockOnly();

    [GeneratedRegex(@"^제?\s*(\d+)$")]
    private static partial Regex BareNumber();
}
