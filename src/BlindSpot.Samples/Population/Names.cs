using BlindSpot.Core.Domain;

namespace BlindSpot.Samples.Population;

/// <summary>Korean names (surname weights after the census order) and a few foreign-sounding ones for migrants.</summary>
internal static class Names
{
    static readonly (string Item, double Weight)[] Surnames =
    [
        ("김", 21.5), ("이", 14.7), ("박", 8.4), ("최", 4.7), ("정", 4.3), ("강", 2.4), ("조", 2.1), ("윤", 2.1),
        ("장", 2.0), ("임", 1.7), ("한", 1.5), ("오", 1.5), ("서", 1.5), ("신", 1.5), ("권", 1.4), ("황", 1.4),
        ("안", 1.3), ("송", 1.3), ("류", 1.2), ("전", 1.1), ("홍", 1.1), ("고", 0.9), ("문", 0.9), ("양", 0.9),
        ("손", 0.9), ("배", 0.8), ("백", 0.8), ("허", 0.6), ("유", 0.6), ("남", 0.5), ("심", 0.5), ("노", 0.5),
        ("하", 0.4), ("곽", 0.4), ("성", 0.4), ("차", 0.4), ("주", 0.4), ("우", 0.4), ("구", 0.4), ("민", 0.3),
        ("진", 0.3), ("나", 0.3), ("지", 0.3), ("엄", 0.3), ("채", 0.3), ("원", 0.3), ("천", 0.2), ("방", 0.2),
        ("공", 0.2), ("현", 0.2), ("함", 0.2), ("변", 0.2), ("염", 0.2), ("여", 0.2), ("추", 0.2), ("도", 0.2),
        ("석", 0.1), ("선", 0.1), ("설", 0.1), ("마", 0.1), ("길", 0.1), ("연", 0.1), ("위", 0.1), ("표", 0.1),
        ("명", 0.1), ("기", 0.1), ("반", 0.1), ("왕", 0.1), ("금", 0.1), ("옥", 0.1), ("육", 0.1), ("인", 0.1),
        ("황보", 0.05), ("남궁", 0.05), ("선우", 0.03), ("제갈", 0.03),
    ];

    static readonly string[] MaleFirst = ["민", "준", "성", "영", "정", "상", "동", "재", "진", "현", "종", "태", "병", "기", "광", "승", "경", "용", "명", "철"];
    static readonly string[] MaleSecond = ["수", "호", "준", "민", "철", "석", "진", "훈", "우", "식", "환", "일", "범", "희", "혁", "규", "태", "섭", "근", "똠"];
    static readonly string[] FemaleFirst = ["미", "지", "수", "영", "은", "혜", "정", "현", "서", "유", "민", "윤", "순", "명", "경", "소", "하", "예", "선", "숙"];
    static readonly string[] FemaleSecond = ["영", "희", "숙", "자", "진", "정", "연", "경", "아", "은", "현", "민", "윤", "서", "빈", "주", "순", "미", "옥", "햏"];

    // Chinese nationals and other migrants of 대림 write their names in Hangul transcription.
    static readonly string[] MigrantNames =
    [
        "왕웨이", "리우양", "장민", "천지에", "자오레이", "쑨리", "저우징", "우하오", "쉬팅", "마리아 산토스", "응우옌티화", "쩐반남",
        "리춘화", "김춘매", "박영철", "최금순", "리명철", "허옥란",
    ];

    public static string Korean(Rng rng, Sex sex)
    {
        var surname = rng.Weighted(Surnames);
        // 똠 and 햏 are rare syllables outside KS X 1001: CP949 holds them, EUC-KR (code page 51949) does not.
        var (first, second) = sex == Sex.M ? (MaleFirst, MaleSecond) : (FemaleFirst, FemaleSecond);
        var b = rng.Pick(second);
        if (b is "똠" or "햏" && !rng.Chance(0.02)) b = second[0];
        return surname + rng.Pick(first) + b;
    }

    public static string Migrant(Rng rng) => rng.Pick(MigrantNames);

    /// <summary>
    /// The subject's name as a caller says it: the full name, a masked one (김OO, 김○○), the surname with 씨, 할머니 /
    /// 할아버지 for an older head, or nothing (null).
    /// </summary>
    public static string? AsCallerSays(Rng rng, string headName, Sex sex, int age)
    {
        var surname = headName.Length >= 4 && headName[..2] is "황보" or "남궁" or "선우" or "제갈" ? headName[..2] : headName[..1];
        var elder = sex == Sex.F ? "할머니" : "할아버지";
        return rng.Weighted([
            (headName, 40.0), (surname + "OO", 5.0), (surname + "○○", 2.0), (surname + "씨", 10.0), (surname + "모씨", 1.0),
            (age >= 65 ? surname + " " + elder : surname + "씨", 8.0), ((string?)null, 34.0)]);
    }
}
