using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests;

/// <summary>A small registry of a few buildings, written the way the registry writes addresses.</summary>
internal static class Some
{
    public static readonly DateOnly Snapshot = new(2026, 9, 30);

    static HouseholdRef H(string id, string dong, string address, string name, Sex sex = Sex.M, int born = 1970, string? phone = null, DateOnly? snapshot = null) =>
        new(id, dong, address, name, snapshot ?? Snapshot, phone, sex, born);

    public static readonly HouseholdRef[] Households =
    [
        H("H01", "도림동", "서울특별시 영등포구 도림로 123, 201호 (도림동, 행복빌라)", "김영희", Sex.F, 1941),
        H("H02", "도림동", "서울특별시 영등포구 도림로 123, 202호 (도림동, 행복빌라)", "박철수"),
        H("H03", "도림동", "서울특별시 영등포구 도림로 123, 203호 (도림동, 행복빌라)", "김민수", Sex.M, 1990, "010-1234-5678"),
        H("H04", "도림동", "서울특별시 영등포구 도림로 123, B01호 (도림동, 행복빌라)", "이순자", Sex.F, 1950),
        H("H05", "도림동", "서울특별시 영등포구 도림로 125, 203호", "최지훈"),
        H("H06", "신길1동", "서울특별시 영등포구 신길로 40, 101동 1203호 (신길동, 래미안아파트)", "정우성"),
        H("H07", "신길1동", "서울특별시 영등포구 신길로 40, 102동 1203호 (신길동, 래미안아파트)", "한지민", Sex.F),
        H("H08", "신길1동", "서울특별시 영등포구 신길로 40, 101동 1204호 (신길동, 래미안아파트)", "오세훈"),
        H("H09", "도림동", "서울특별시 영등포구 도신로 7", "김영수", Sex.M, 1948),
        H("H10", "도림동", "서울특별시 영등포구 도신로 7", "박미자", Sex.F, 1980),
        H("H11", "문래동", "서울특별시 영등포구 문래로 20, 301호", "윤서연", Sex.F, 1985, null, new DateOnly(2026, 3, 31)),
        H("H12", "당산1동", "서울특별시 영등포구 선유로 306, 202호 (장미맨션)", "류동범", Sex.M, 1982),
        H("H13", "당산1동", "서울특별시 영등포구 선유로 306, 203호 (장미맨션)", "최미숙", Sex.F, 1960),
        H("H14", "양평1동", "서울특별시 영등포구 선유동로 7, 303호 (수정하이츠2차)", "정진근", Sex.M, 1958),
        H("H15", "신길7동", "서울특별시 영등포구 대방천로 134, 105동 1404호 (대방우성아파트)", "황보윤주", Sex.F, 1950),
    ];

    public static TipResolver Resolver(IEnumerable<HouseholdRef>? households = null) => new(new RegistryIndex(households ?? Households));

    /// <summary>
    /// The same buildings inside a district of 3,000 more households (on 문래로, each name its own; ten households a
    /// building, two a floor: 101호, 102호 … 502호), so that a full name is as rare as it is in a real registry and says
    /// as much, and 201호 is as common a unit as it is (203호 and 101동 1203호 stay rare).
    /// </summary>
    static readonly Lazy<TipResolver> InDistrict = new(() => Resolver(Households.Concat(Enumerable.Range(0, 3000).Select(i =>
        H($"F{i:D4}", "문래동", $"서울특별시 영등포구 문래로 {100 + i / 10}, {i % 10 / 2 + 1}0{i % 2 + 1}호", $"박{i}수")))));

    public static RegistryIndex District => InDistrict.Value.Index;

    public static TipResolution ResolveInDistrict(string address, string? name = null, string? dong = "도림동") =>
        InDistrict.Value.Resolve(new TipEvidence(address, dong, true, name, null, 2026));

    public static TipResolution Resolve(string address, string? name = null, string? dong = "도림동", string? phone = null, bool dongGiven = true) =>
        Resolver().Resolve(new TipEvidence(address, dong, dongGiven, name, phone, 2026));
}
