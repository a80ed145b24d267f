using System.Text.RegularExpressions;
using BlindSpot.Core.Domain;

namespace BlindSpot.Resolution.Text;

/// <summary>How old the person a tip describes looks (what a caller can tell by seeing them).</summary>
public enum AgeBand
{
    /// <summary>Nothing said of the age, or words that contradict each other.</summary>
    None,
    /// <summary>청년, 젊은, 아가씨, 총각, 학생.</summary>
    Young,
    /// <summary>중년, 아저씨, 아주머니, 아줌마.</summary>
    Middle,
    /// <summary>할머니, 할아버지, 어르신, 노인, 노부부.</summary>
    Elderly,
}

/// <summary>
/// What a tip says of who the person is, as a dong clerk reads it in the note and the subject-name field: the sex
/// (할머니, 아저씨, 여성), the age (어르신, 중년, 70대), whether they live alone (혼자 사는, 독거; or 가족과 함께, 노부부), a
/// baby (아기, 분유, 기저귀), a pregnancy (임신, 임산부), a single parent (한부모, 혼자 아이 키우는) or children (아이들).
/// Words that contradict each other (할머니 and 아저씨 in one note) say nothing. "혼자" alone is not living alone: 아기가
/// 혼자 울고 있음, 혼자 육아.
/// </summary>
public sealed partial record PersonDescription(Sex? Sex, AgeBand Age, int Decade, bool? Alone, bool Infant, bool Pregnant, bool SingleParent, bool Children)
{
    static readonly string[] Female = ["할머니", "할머님", "할매", "아주머니", "아줌마", "여성", "여자", "아가씨", "엄마", "임산부", "여사", "미혼모", "싱글맘", "모녀"];
    static readonly string[] Male = ["할아버지", "할아버님", "할배", "아저씨", "남성", "남자", "총각", "아빠", "아버지", "미혼부", "싱글대디", "부자가정"];
    static readonly string[] Elderly = ["할머니", "할머님", "할매", "할아버지", "할아버님", "할배", "어르신", "노인", "노부부", "노모"];
    static readonly string[] Middle = ["중년", "아저씨", "아주머니", "아줌마"];
    static readonly string[] Young = ["청년", "젊은", "아가씨", "총각", "대학생", "취준생"];
    static readonly string[] LivesAlone = ["혼자사는", "혼자사시는", "혼자살", "혼자지냄", "혼자지내", "혼자거주", "독거", "1인가구", "홀로사는", "홀로사시는", "홀몸"];
    static readonly string[] LivesWithOthers = ["가족과함께", "가족들과", "부부", "식구들", "자녀와", "아들과", "딸과", "손주와", "모녀", "부자가정"];
    static readonly string[] Baby = ["아기", "애기", "분유", "기저귀", "영아", "갓난", "신생아", "젖먹이", "예방접종"];
    static readonly string[] Pregnancy = ["임신", "임산부", "출산", "만삭", "산모"];
    static readonly string[] OneParent = ["한부모", "미혼모", "미혼부", "싱글맘", "싱글대디", "혼자아이", "혼자육아", "혼자키우", "아이아버지가혼자", "아이엄마가혼자"];
    static readonly string[] Kids = ["아이들", "애들", "자녀", "아이와", "아이를", "아이가"];

    /// <summary>Nothing said of the person.</summary>
    public static readonly PersonDescription Nothing = new(null, AgeBand.None, 0, null, false, false, false, false);

    public bool IsEmpty => this == Nothing;

    /// <summary>What <paramref name="note"/> says of the person, with the sex and age of the subject-name field (김 할머니) first.</summary>
    public static PersonDescription Parse(string? note, SubjectName? name = null)
    {
        var s = note is null ? "" : Squeeze(note);
        var female = Any(s, Female);
        var male = Any(s, Male);
        // 아빠/아버지 of "아이 아버지가" and 엄마 of "아기 엄마" name the parent; both words in one note (엄마와 아빠) say nothing.
        Sex? sex = female == male ? null : female ? Core.Domain.Sex.F : Core.Domain.Sex.M;
        if (name?.Sex is { } named) sex = named;

        var decade = 0;
        var decades = DecadeWord().Matches(s).Select(m => m.Groups[1].Value[0] - '0').Distinct().ToList();
        if (decades.Count == 1) decade = decades[0] * 10;
        var bands = new List<AgeBand>(3);
        if (Any(s, Elderly) || name?.Elderly == true) bands.Add(AgeBand.Elderly);
        if (Any(s, Middle)) bands.Add(AgeBand.Middle);
        if (Any(s, Young)) bands.Add(AgeBand.Young);
        var age = bands.Count == 1 ? bands[0] : AgeBand.None;
        if (decade > 0) age = decade >= 60 ? AgeBand.Elderly : decade >= 40 ? AgeBand.Middle : AgeBand.Young;

        var alone = Any(s, LivesAlone);
        var withOthers = Any(s, LivesWithOthers);
        bool? livesAlone = alone == withOthers ? null : alone;
        var result = new PersonDescription(sex, age, decade, livesAlone, Any(s, Baby), Any(s, Pregnancy), Any(s, OneParent), Any(s, Kids));
        return result == Nothing ? Nothing : result;
    }

    static bool Any(string s, string[] words)
    {
        foreach (var w in words)
            if (s.Contains(w, StringComparison.Ordinal)) return true;
        return false;
    }

    static string Squeeze(string note)
    {
        var b = new System.Text.StringBuilder(note.Length);
        foreach (var c in note)
            if (!char.IsWhiteSpace(c)) b.Append(c);
        return b.ToString();
    }

    // 70대, 80대 (not 3개월, 10대 is too vague to tell a household by).
    [GeneratedRegex("(?<![0-9])([2-9])0대")]
    private static partial Regex DecadeWord();
}
