using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Pipeline.Tests.Modeling;

/// <summary>(Same generator as tests/BlindSpot.Model.Tests/Some.cs, which this project cannot reference.)
/// Test data: a small in-memory district with a PLANTED signal. A hidden crisis flag per household (more likely for men
/// 50-69 living alone and in 반지하/고시원/쪽방) drives management-fee arrears, tips with signal phrases (우편물, 악취) and
/// the visit results, each with noise, so a model can learn it but not perfectly and the tests can fail.
/// </summary>
internal static class PlantedDistrict
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

    public sealed record District(DistrictData Data, IReadOnlySet<string> InCrisis);

    public static District Planted(int households = 1500, int seed = 7, int visitsPerDay = 14, int capacityPerDong = 5, int dongsWithCapacity = 6)
    {
        var rng = new Random(seed);
        var hs = new List<Household>();
        var crisisSet = new HashSet<string>(StringComparer.Ordinal);
        var housingTypes = new[] { "아파트", "아파트", "연립다세대", "연립다세대", "단독", "반지하", "고시원", "쪽방" };
        for (var i = 0; i < households; i++)
        {
            var id = $"H{i:00000}";
            var onePerson = rng.NextDouble() < 0.5;
            var sex = rng.NextDouble() < 0.5 ? Sex.M : Sex.F;
            var birth = rng.Next(1940, 2000);
            var housing = housingTypes[rng.Next(housingTypes.Length)];
            var risk = 0.06;
            if (onePerson && sex == Sex.M && AsOf.Year - birth is >= 50 and < 70) risk += 0.22;
            if (housing is "반지하" or "고시원" or "쪽방") risk += 0.12;
            if (rng.NextDouble() < risk) crisisSet.Add(id);
            hs.Add(Household(id, Dongs.All[rng.Next(Dongs.All.Count)], birth, sex, onePerson ? 1 : rng.Next(2, 5), housing,
                rng.NextDouble() < 0.5 ? "월세" : "전세", new DateOnly(2025, 6, 30), new DateOnly(rng.Next(1995, 2025), rng.Next(1, 13), 1),
                rng.NextDouble() < 0.1));
        }

        var crisis = new List<CrisisRecord>();
        var tips = new List<Tip>();
        var start = AsOf.AddDays(-360);
        foreach (var h in hs)
        {
            var inCrisis = crisisSet.Contains(h.HouseholdId);
            for (var m = new DateOnly(start.Year, start.Month, 1); m <= AsOf; m = m.AddMonths(1))
            {
                if (rng.NextDouble() < (inCrisis ? 0.35 : 0.04))
                    crisis.Add(new CrisisRecord(h.HouseholdId, m, CrisisIndicators.MgmtFeeArrears, rng.Next(1, 7), true));
                if (rng.NextDouble() < 0.05)
                    crisis.Add(new CrisisRecord(h.HouseholdId, m, CrisisIndicators.TelecomArrears, rng.Next(1, 4), true));
            }
            var tipCount = rng.NextDouble() < (inCrisis ? 0.5 : 0.06) ? rng.Next(1, 4) : 0;
            for (var t = 0; t < tipCount; t++)
            {
                var at = start.AddDays(rng.Next(0, 360)).ToDateTime(new TimeOnly(rng.Next(9, 18), 0));
                var note = inCrisis
                    ? (rng.NextDouble() < 0.6 ? "현관 앞에 우편물이 쌓여 있고 악취가 남" : "며칠째 인기척이 없음")
                    : (rng.NextDouble() < 0.5 ? "층간소음 민원, 이웃 간 다툼" : "이사 온 지 얼마 안 된 세입자, 확인 요청");
                tips.Add(Tip($"T{h.HouseholdId}-{t}", h.HouseholdId, at, note, rng.NextDouble() < 0.3 ? TipSource.Officer : TipSource.Hotline,
                    rng.NextDouble() < 0.1, rng.NextDouble() < 0.5 ? "관리사무소" : "이웃", "고립"));
            }
        }

        // Visits follow a past policy: mostly tipped or arrears households, some at random; results follow the truth with noise.
        var tipped = tips.Select(t => t.HouseholdId!).Distinct().ToArray();
        var arrears = crisis.Select(c => c.HouseholdId).Distinct().ToArray();
        var outcomes = new List<Outcome>();
        var visited = new HashSet<(string, DateOnly)>();
        for (var d = start.AddDays(20); d <= AsOf; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            for (var v = 0; v < visitsPerDay; v++)
            {
                var pool = rng.NextDouble() switch { < 0.35 => tipped, < 0.75 => arrears, _ => null };
                var id = pool is null ? hs[rng.Next(hs.Count)].HouseholdId : pool[rng.Next(pool.Length)];
                if (!visited.Add((id, d))) continue;
                var inCrisis = crisisSet.Contains(id);
                var r = rng.NextDouble();
                var result = r < 0.12 ? VisitResult.Absent
                    : r < 0.15 ? VisitResult.Refused
                    : (inCrisis ? rng.NextDouble() < 0.8 : rng.NextDouble() < 0.08) ? VisitResult.Discovered : VisitResult.NotInCrisis;
                outcomes.Add(new Outcome(id, d, result, null, "W1"));
            }
        }

        var capacity = Dongs.All.Take(dongsWithCapacity).Select(d => new DongCapacity(d, capacityPerDong)).ToArray();
        return new District(new DistrictData(AsOf, hs, crisis, tips, outcomes, capacity, []), crisisSet);
    }

    /// <summary>Commits the district to a store as one ingest batch (the way ingest would).</summary>
    public static Task<bool> CommitAsync(BlindSpot.Core.Storage.IBlindSpotStore store, DistrictData d, CancellationToken ct)
    {
        var rows = d.HouseholdVersions.Count + d.Crisis.Count + d.Tips.Count + d.Outcomes.Count + d.Capacity.Count;
        var ledger = new FileLedgerEntry(Guid.NewGuid().ToString("N"), "planted.csv", BlindSpot.Core.Contract.Feed.Households, "utf-8",
            rows, rows, 0, 0, null, [], new DateTime(2026, 7, 1, 9, 0, 0));
        return store.CommitFileAsync(new IngestBatch(ledger, d.HouseholdVersions, d.Crisis, d.Tips, d.Outcomes, d.Capacity, d.Baselines, []), ct);
    }
}
