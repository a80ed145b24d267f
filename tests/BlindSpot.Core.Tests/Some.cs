using BlindSpot.Core.Domain;
using BlindSpot.Core.Scoring;

namespace BlindSpot.Core.Tests;

/// <summary>A small in-memory district for tests: households, tips, visits, crisis rows and configuration.</summary>
internal sealed class Some
{
    public const string Dong = "문래동";
    public DateOnly AsOf { get; set; }
    public DateOnly Snapshot { get; set; }
    readonly List<Household> households = [];
    readonly List<Tip> tips = [];
    readonly List<Outcome> outcomes = [];
    readonly List<CrisisRecord> crisis = [];
    readonly List<DongCapacity> capacity = [];
    readonly List<TargetBaseline> baselines = [];
    int tipSeq;

    public Some(DateOnly asOf)
    {
        AsOf = asOf;
        Snapshot = asOf.AddDays(-60);
    }

    public Household Household(string id, string dong = Dong, bool caseManaged = false, bool basic = false, int members = 2,
        DateOnly? snapshot = null, string name = "홍길동", string address = "서울특별시 영등포구 문래로 1", string? phone = "010-1234-5678")
    {
        var h = new Household(id, dong, address, name, phone, 1960, Sex.M, members, 0, null, null, null, "연립다세대", "월세",
            new DateOnly(2010, 1, 1), basic, caseManaged, snapshot ?? Snapshot);
        households.Add(h);
        return h;
    }

    public Tip Tip(string householdId, DateOnly day, bool urgent = false, string category = "경제", string note = "관리비가 밀려 있다고 함", string dong = Dong)
    {
        var t = new Tip(TipSource.Officer, $"T{++tipSeq}", day.ToDateTime(new TimeOnly(10, 0)), "officer-1", dong, "문래로 1",
            "홍길동", null, householdId, MatchMethod.HouseholdId, category, urgent, note);
        tips.Add(t);
        return t;
    }

    public void Visit(string householdId, DateOnly day, VisitResult result) => outcomes.Add(new Outcome(householdId, day, result, null, "w1"));

    public void Crisis(string householdId, DateOnly month, string indicator, decimal value = 1) =>
        crisis.Add(new CrisisRecord(householdId, new DateOnly(month.Year, month.Month, 1), indicator, value, true));

    public void Capacity(string dong, int dailyVisits) => capacity.Add(new DongCapacity(dong, dailyVisits));

    public void Baseline(string dong, int year, int discoveries) => baselines.Add(new TargetBaseline(dong, year, discoveries));

    public DistrictData Data() => DistrictData.Empty(AsOf) with
    {
        HouseholdVersions = [.. households], Crisis = [.. crisis], Tips = [.. tips], Outcomes = [.. outcomes], Capacity = [.. capacity],
        Baselines = [.. baselines],
    };

    public HouseholdScore Score(string householdId, double probability, string dong = Dong, params string[] reasons) =>
        new(AsOf, householdId, dong, "m1", probability, reasons.Length > 0 ? reasons : ["관리비 3개월 체납"]);
}
