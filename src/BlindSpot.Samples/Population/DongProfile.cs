namespace BlindSpot.Samples.Population;

/// <summary>Housing types of contract §2.1, in the order the profile weights use.</summary>
internal static class Housing
{
    public const string Apartment = "아파트", Rowhouse = "연립다세대", Detached = "단독", SemiBasement = "반지하",
        Gosiwon = "고시원", Jjokbang = "쪽방", Other = "기타";

    /// <summary>The contract's list itself (the names above are its values, for the profiles' pattern matches).</summary>
    public static IReadOnlyList<string> All => BlindSpot.Core.Contract.Vocabulary.HousingTypes;

    public static bool IsPrecarious(string h) => h is SemiBasement or Gosiwon or Jjokbang;
}

/// <summary>
/// How one administrative dong differs from the others. Invented but plausible (domain-notes.md: no per-dong
/// figures were published): 여의동 affluent apartments, 영등포동 with the 쪽방촌, 대림 dongs many 연립다세대 and
/// migrant residents, 신길 dongs many 반지하.
/// </summary>
/// <param name="Weight">Relative share of the district's households.</param>
/// <param name="OnePerson">Share of one-person households.</param>
/// <param name="HousingWeights">Weights over <see cref="Housing.All"/>.</param>
/// <param name="Livelihood">Base rate of basic-livelihood recipients before household adjustments.</param>
/// <param name="Migrant">Share of heads with a foreign-sounding name (Chinese nationals in 대림).</param>
/// <param name="Affluence">Lowers crisis hazard (여의동) or raises it (below 1).</param>
/// <param name="Roads">Road names of its road-name addresses.</param>
internal sealed record DongProfile(
    string Dong,
    double Weight,
    double OnePerson,
    double[] HousingWeights,
    double Livelihood,
    double Migrant,
    double Affluence,
    string[] Roads)
{
    //                                         아파트 연립  단독  반지하 고시원 쪽방  기타
    public static readonly IReadOnlyList<DongProfile> All =
    [
        new("영등포본동", 5.5, 0.56, [0.25, 0.34, 0.07, 0.12, 0.06, 0.00, 0.16], 0.050, 0.03, 0.9, ["영등포로", "영중로", "도신로", "신길로", "버드나루로"]),
        new("영등포동", 5.5, 0.68, [0.30, 0.18, 0.04, 0.06, 0.10, 0.036, 0.25], 0.080, 0.05, 0.8, ["영등포로", "경인로", "영중로", "국회대로", "영신로"]),
        new("여의동", 7.0, 0.38, [0.78, 0.03, 0.01, 0.00, 0.01, 0.00, 0.17], 0.008, 0.02, 2.5, ["여의대로", "여의나루로", "국제금융로", "의사당대로", "여의공원로", "63로"]),
        new("당산1동", 5.0, 0.48, [0.45, 0.30, 0.05, 0.06, 0.02, 0.00, 0.12], 0.030, 0.03, 1.2, ["당산로", "양평로", "영등포로", "국회대로", "선유로"]),
        new("당산2동", 6.5, 0.42, [0.62, 0.20, 0.03, 0.04, 0.01, 0.00, 0.10], 0.020, 0.02, 1.5, ["당산로", "양평로", "노들로", "국회대로"]),
        new("도림동", 4.5, 0.52, [0.20, 0.45, 0.08, 0.15, 0.02, 0.00, 0.10], 0.050, 0.08, 0.9, ["도림로", "도신로", "도영로", "도림천로"]),
        new("문래동", 6.5, 0.50, [0.45, 0.25, 0.05, 0.07, 0.03, 0.00, 0.15], 0.035, 0.04, 1.1, ["문래로", "도림로", "경인로", "선유로", "도림천로"]),
        new("양평1동", 4.5, 0.50, [0.50, 0.25, 0.04, 0.06, 0.02, 0.00, 0.13], 0.035, 0.03, 1.1, ["양평로", "선유로", "선유동로", "영등포로"]),
        new("양평2동", 4.0, 0.47, [0.55, 0.22, 0.04, 0.06, 0.02, 0.00, 0.11], 0.030, 0.03, 1.2, ["양평로", "선유로", "노들로", "선유동로"]),
        new("신길1동", 5.5, 0.52, [0.25, 0.40, 0.06, 0.17, 0.03, 0.00, 0.09], 0.050, 0.05, 0.9, ["신길로", "영등포로", "가마산로", "도신로", "버드나루로"]),
        new("신길3동", 5.0, 0.50, [0.30, 0.37, 0.05, 0.16, 0.02, 0.00, 0.10], 0.045, 0.04, 1.0, ["신길로", "여의대방로", "신풍로", "도신로"]),
        new("신길4동", 4.0, 0.52, [0.22, 0.42, 0.07, 0.18, 0.02, 0.00, 0.09], 0.055, 0.05, 0.9, ["신길로", "영등포로", "가마산로"]),
        new("신길5동", 5.0, 0.48, [0.35, 0.33, 0.06, 0.15, 0.02, 0.00, 0.09], 0.045, 0.04, 1.0, ["신길로", "가마산로", "대방천로", "신풍로"]),
        new("신길6동", 5.0, 0.50, [0.30, 0.38, 0.06, 0.16, 0.02, 0.00, 0.08], 0.050, 0.04, 1.0, ["신길로", "우신로", "여의대방로", "신풍로"]),
        new("신길7동", 4.0, 0.45, [0.40, 0.32, 0.05, 0.13, 0.02, 0.00, 0.08], 0.040, 0.03, 1.1, ["여의대방로", "신길로", "대방천로"]),
        new("대림1동", 5.5, 0.55, [0.15, 0.50, 0.07, 0.14, 0.04, 0.00, 0.10], 0.055, 0.25, 0.85, ["대림로", "도림로", "시흥대로", "도신로"]),
        new("대림2동", 6.0, 0.57, [0.12, 0.52, 0.08, 0.14, 0.04, 0.00, 0.10], 0.060, 0.35, 0.8, ["대림로", "도림로", "디지털로", "도림천로"]),
        new("대림3동", 5.0, 0.53, [0.25, 0.45, 0.06, 0.12, 0.03, 0.00, 0.09], 0.050, 0.20, 0.9, ["대림로", "시흥대로", "도림로", "디지털로"]),
    ];
}
