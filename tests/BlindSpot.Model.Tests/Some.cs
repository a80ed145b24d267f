using BlindSpot.Core.Domain;
using BlindSpot.Samples;

namespace BlindSpot.Model.Tests;

/// <summary>
/// Test data: single households and tips with the fields a test sets, and the generated district of BlindSpot.Samples
/// (its hidden truth drives crisis rows, tips and visit results, each with noise, so a model can learn it but not
/// perfectly and the tests can fail).
/// </summary>
public static class Some
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    public static Household Household(string id, string dong = "도림동", int birthYear = 1966, Sex sex = Sex.M, int members = 1,
        string housing = "반지하", string tenure = "월세", DateOnly? snapshot = null, DateOnly? movedIn = null, bool basic = false,
        int childrenUnder2 = 0, bool? singleParent = false) =>
        new(id, dong, "서울특별시 영등포구 도림로 1", "홍길동", "010-1234-5678", birthYear, sex, members, childrenUnder2, singleParent,
            false, false, housing, tenure, movedIn ?? new DateOnly(2015, 3, 1), basic, false, snapshot ?? new DateOnly(2025, 12, 31));

    public static Tip Tip(string id, string householdId, DateTime at, string note = "우편물이 쌓여 있음", TipSource source = TipSource.Hotline,
        bool urgent = false, string detail = "관리사무소", string? category = null) =>
        new(source, id, at, detail, "도림동", "도림로 1", "홍길동", null, householdId, MatchMethod.Address, category, urgent, note);

    /// <summary>
    /// A generated district (BlindSpot.Samples) held in memory, cut off on <see cref="AsOf"/>. A higher <paramref name="tipRate"/>
    /// than the documented world's 1 gives a small district the visits a model learns from.
    /// </summary>
    public static PlantedDistrict District(int households, double tipRate, int seed = 7) =>
        new(new SampleOptions { Households = households, Seed = seed, AsOf = AsOf, TipRate = tipRate });
}
