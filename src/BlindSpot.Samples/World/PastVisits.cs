using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>A home visit of the simulated past.</summary>
internal readonly record struct SimVisit(int Household, DateOnly Day, VisitResult Result, string? Services, string WorkerId, bool InCrisis);

/// <summary>
/// The PAST policy that produced the outcomes feed: visit tipped households within days (urgent ones the next
/// business day), and every two months visit a rules list of the households with the most crisis rows in the
/// three months the list is built on (like the national system's bi-monthly rounds). Results come from the
/// hidden truth on the day, with noise: nobody home, refusals, households already supported, misjudgements.
/// </summary>
internal static class PastVisits
{
    /// <summary>Share of the district's households on each bi-monthly rules list.</summary>
    const double ListShare = 0.008;

    public static List<SimVisit> Draw(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households, IReadOnlyList<SimTip> tips,
        List<CrisisRow>[] crisisByMonth, int[] workersPerDong, int districtSize)
    {
        var queue = new PriorityQueue<(int Household, int Attempt, bool FromTip), (int Day, long Seq)>();
        long seq = 0;
        void Plan(DateOnly day, int hh, int attempt, bool fromTip) => queue.Enqueue((hh, attempt, fromTip), (day.DayNumber, seq++));

        foreach (var t in tips)
        {
            if (t.Household < 0 || !rng.Chance(t.Source == TipSource.Officer ? 0.85 : 0.7)) continue;
            var day = DateOnly.FromDateTime(t.At);
            Plan(cal.AddBusinessDays(day, t.Urgent == true ? rng.Int(0, 1) : rng.Int(2, 15)), t.Household, 1, true);
        }

        // Rounds on the first business day of even months; each list reads the three months ending two months before.
        for (var m = 0; m < cal.Months; m++)
        {
            var ms = cal.MonthStart(m);
            if (ms.Month % 2 != 0 || m < 4) continue;
            var round = cal.AddBusinessDays(ms, 0);
            if (round > cal.AsOf) break;
            var counts = new int[households.Count];
            for (var k = m - 4; k <= m - 2; k++)
                foreach (var r in crisisByMonth[k]) counts[r.Household]++;
            var candidates = new List<(int Household, int Count, double Tie)>();
            for (var i = 0; i < households.Count; i++)
            {
                var h = households[i];
                if (counts[i] >= 2 && h.LivesHereOn(round) && !h.CaseManagedOn(round)) candidates.Add((i, counts[i], rng.Next()));
            }
            candidates.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Tie.CompareTo(b.Tie));
            foreach (var c in candidates.Take((int)Math.Round(districtSize * ListShare)))
                Plan(cal.AddBusinessDays(round, rng.Int(1, 40)), c.Household, 1, false);
        }

        var visits = new List<SimVisit>();
        var done = new HashSet<long>();
        var lastVisit = new Dictionary<int, DateOnly>();
        while (queue.TryDequeue(out var p, out var when))
        {
            var day = DateOnly.FromDayNumber(when.Day);
            if (day > cal.AsOf) continue;
            var h = households[p.Household];
            if (!h.LivesHereOn(day) || !done.Add((long)p.Household << 32 | (uint)day.DayNumber)) continue;
            if (!p.FromTip && p.Attempt == 1 && lastVisit.TryGetValue(p.Household, out var last) && day.DayNumber - last.DayNumber < 30) continue;
            lastVisit[p.Household] = day;
            var inCrisis = h.InCrisisOn(day);
            var result = Result(rng, h, day, inCrisis);
            var services = result == VisitResult.Discovered ? Services(rng, h, day) : null;
            var worker = $"W{h.Dong + 1:D2}{rng.Int(1, workersPerDong[h.Dong]):D2}";
            visits.Add(new SimVisit(p.Household, day, result, services, worker, inCrisis));
            if (result == VisitResult.Absent && p.Attempt < 3) Plan(cal.AddBusinessDays(day, rng.Int(3, 10)), p.Household, p.Attempt + 1, p.FromTip);
            if (result == VisitResult.Discovered)
            {
                if (services!.Contains("기초생활보장") && h.LivelihoodFrom is null) h.LivelihoodFrom = day.AddDays(30);
                if (rng.Chance(0.2) && h.CaseManagedFrom is null) h.CaseManagedFrom = day.AddDays(14);
            }
        }
        visits.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Household.CompareTo(b.Household));
        return visits;
    }

    static VisitResult Result(Rng rng, SimHousehold h, DateOnly day, bool inCrisis)
    {
        var supported = h.LivelihoodOn(day) || h.CaseManagedOn(day);
        if (inCrisis)
            return supported && rng.Chance(0.5) ? VisitResult.AlreadySupported
                : rng.Weighted([(VisitResult.Discovered, 60.0), (VisitResult.Absent, 15.0), (VisitResult.Refused, 12.0), (VisitResult.NotInCrisis, 10.0), (VisitResult.AlreadySupported, 3.0)]);
        return rng.Weighted([(VisitResult.NotInCrisis, 70.0), (VisitResult.Absent, 17.0), (VisitResult.Refused, 7.0),
            (VisitResult.AlreadySupported, supported ? 15.0 : 2.0), (VisitResult.Discovered, 3.0)]);
    }

    static string Services(Rng rng, SimHousehold h, DateOnly day)
    {
        var list = new List<string>();
        var age = h.AgeOn(day);
        if (rng.Chance(0.6)) list.Add("긴급지원");
        if (!h.LivelihoodOn(day) && rng.Chance(0.35)) list.Add("기초생활보장");
        if (h.Housing is Housing.Jjokbang or Housing.Gosiwon or Housing.SemiBasement && rng.Chance(0.4)) list.Add(rng.Chance(0.5) ? "이사비지원" : "주거지원");
        if (h.SingleParent && rng.Chance(0.6)) list.Add("한부모지원");
        if ((h.ChildrenUnder2 > 0 || h.Pregnant) && rng.Chance(0.5)) list.Add("돌봄");
        if (h.OnePerson && age >= 50 && rng.Chance(0.5)) list.Add("고독사예방 안부확인");
        if (age is >= 40 and < 65 && rng.Chance(0.1)) list.Add("치과치료비");
        if (rng.Chance(0.15)) list.Add("의료비지원");
        if (rng.Chance(0.08)) list.Add("정신건강");
        if (rng.Chance(0.2)) list.Add("민간자원");
        if (list.Count == 0) list.Add("민간자원");
        return string.Join(';', list);
    }
}
