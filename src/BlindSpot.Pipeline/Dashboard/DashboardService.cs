using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Dashboard;

/// <summary>
/// The planners' dashboard: the target report (the same <see cref="TargetCalculator"/> the targets job uses), its
/// monthly trend, discoveries per 100 visits by selection type, tips per week by channel, and list completion.
/// </summary>
public sealed class DashboardService(IBlindSpotStore store, TargetOptions targets, BusinessCalendar calendar)
{
    /// <summary>Weeks of tips shown.</summary>
    public const int TipWeeksShown = 12;
    /// <summary>Business days of lists counted for completion.</summary>
    public const int CompletionBusinessDays = 20;
    /// <summary>The outcome's selection type is the household's latest listing at most this many days before the visit.</summary>
    public const int ListingReachDays = 14;
    public const string NotListed = "목록 외";

    public async Task<Dashboard> BuildAsync(DateOnly asOf, CancellationToken ct)
    {
        var year = asOf.Year;
        var data = await store.LoadDistrictAsync(asOf, ct);
        var report = TargetCalculator.Compute(year, asOf, data, targets);

        var trend = new List<MonthPoint>();
        for (var m = 1; m <= asOf.Month; m++)
        {
            var end = m == asOf.Month ? asOf : new DateOnly(year, m, 1).AddMonths(1).AddDays(-1);
            var r = TargetCalculator.Compute(year, end, data.Until(end), targets);
            trend.Add(new MonthPoint(m, end, r.Total.DiscoveriesYtd, Math.Round(r.Total.ExpectedYtd, 1), r.Dongs.Select(d => d.DiscoveriesYtd).ToList()));
        }

        var yearStart = new DateOnly(year, 1, 1);
        var lists = await store.LoadWorklistsAsync(yearStart.AddDays(-ListingReachDays), asOf, ct);
        var yields = Yields(data.Outcomes.Where(o => o.VisitedOn >= yearStart && o.VisitedOn <= asOf), lists);

        var completionFrom = asOf;
        for (var i = 0; i < CompletionBusinessDays; i++)
        {
            completionFrom = completionFrom.AddDays(-1);
            while (!calendar.IsBusinessDay(completionFrom)) completionFrom = completionFrom.AddDays(-1);
        }
        var recentLists = completionFrom < yearStart.AddDays(-ListingReachDays)
            ? await store.LoadWorklistsAsync(completionFrom, asOf, ct)
            : lists.Where(e => e.Date >= completionFrom).ToList();

        var lastResult = data.Outcomes.Where(o => o.VisitedOn <= asOf).Select(o => (DateOnly?)o.VisitedOn).Max();
        return new Dashboard(asOf, report, trend, yields, TipWeeks(data.Tips, asOf), Completion(recentLists, data.Outcomes), completionFrom,
            lastResult);
    }

    static IReadOnlyList<SelectionYield> Yields(IEnumerable<Outcome> outcomes, IReadOnlyList<WorklistEntry> lists)
    {
        var listings = lists.ToLookup(e => e.HouseholdId, StringComparer.Ordinal);
        var counts = Enum.GetValues<Selection>().Select(RiskGrades.Korean).Append(NotListed).ToDictionary(s => s, _ => (Visits: 0, Found: 0));
        foreach (var o in outcomes)
        {
            var listing = listings[o.HouseholdId].Where(e => e.Date <= o.VisitedOn && e.Date >= o.VisitedOn.AddDays(-ListingReachDays)).MaxBy(e => e.Date);
            var key = listing is null ? NotListed : RiskGrades.Korean(listing.Selection);
            var (v, f) = counts[key];
            counts[key] = (v + 1, f + (o.Result == VisitResult.Discovered ? 1 : 0));
        }
        return counts.Select(kv => new SelectionYield(kv.Key, kv.Value.Visits, kv.Value.Found)).ToList();
    }

    static IReadOnlyList<TipWeek> TipWeeks(IReadOnlyList<Tip> tips, DateOnly asOf)
    {
        var thisWeek = asOf.AddDays(-(((int)asOf.DayOfWeek + 6) % 7));
        var first = thisWeek.AddDays(-7 * (TipWeeksShown - 1));
        var weeks = Enumerable.Range(0, TipWeeksShown).Select(i => first.AddDays(7 * i)).ToList();
        return weeks.Select(w =>
        {
            var inWeek = tips.Where(t => DateOnly.FromDateTime(t.ReceivedAt) is var d && d >= w && d < w.AddDays(7)).ToList();
            var officer = inWeek.Where(t => t.Source == TipSource.Officer).ToList();
            var hotline = inWeek.Where(t => t.Source == TipSource.Hotline).ToList();
            return new TipWeek(w, officer.Count, officer.Count(t => t.HouseholdId is not null), hotline.Count, hotline.Count(t => t.HouseholdId is not null));
        }).ToList();
    }

    static IReadOnlyList<ListCompletion> Completion(IReadOnlyList<WorklistEntry> lists, IReadOnlyList<Outcome> outcomes)
    {
        var visits = outcomes.ToLookup(o => o.HouseholdId, StringComparer.Ordinal);
        var byDong = lists.ToLookup(e => e.Dong, StringComparer.Ordinal);
        return Dongs.All.Select(d =>
        {
            var listed = byDong[d].ToList();
            return new ListCompletion(d, listed.Count, listed.Count(e => visits[e.HouseholdId].Any(o => o.VisitedOn >= e.Date)));
        }).ToList();
    }
}
