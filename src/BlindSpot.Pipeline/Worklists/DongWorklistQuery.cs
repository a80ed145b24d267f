using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>A tip behind a worklist line, as the dong's own screen shows it (personal data: dong staff only).</summary>
/// <param name="Link">How the tip was linked to the household, in Korean (주소, 주소+성명, 주소+인적사항 …), so staff can see why.</param>
public sealed record TipSummary(DateTime ReceivedAt, string Reporter, bool Urgent, string Excerpt, string Link);

/// <summary>One line of a dong's stored worklist with what the dong's screen adds: tips and the visit result so far.</summary>
/// <param name="Row">The contract file's line (<see cref="WorklistRow"/>), identical to the file the worklist job wrote.</param>
/// <param name="Visit">The household's visit result on or after the list day, if any.</param>
public sealed record DongWorklistLine(WorklistRow Row, WorklistEntry Entry, IReadOnlyList<TipSummary> Tips, Outcome? Visit);

/// <param name="Built">False when no worklist at all is stored for the day (not built yet, or not a business day).</param>
public sealed record DongListView(string Dong, DateOnly Date, bool IsBusinessDay, bool Built, IReadOnlyList<DongWorklistLine> Lines);

/// <summary>A household listed on a business day and not visited since (no result on or after that day).</summary>
public sealed record OutstandingLine(DateOnly ListedOn, int Rank, string HouseholdId, string Name, string Address, string Selection, int BusinessDaysWaiting);

/// <summary>
/// A dong's stored worklist read back for the web: the same <see cref="WorklistRow"/> lines the worklist job wrote to
/// worklists/&lt;date&gt;/&lt;dong&gt;.csv (households as known the day before the list), plus tips and results.
/// </summary>
public sealed class DongWorklistQuery(IBlindSpotStore store, WorklistSettings settings, TimeProvider clock)
{
    /// <summary>How far back a tip is shown beside a line.</summary>
    public const int TipDays = 90;
    public const int ExcerptLength = 60;

    public BusinessCalendar Calendar { get; } = new(settings.Holidays);

    /// <summary>
    /// The list dong staff work from now (KST): today's on a business day, the next business day's otherwise
    /// (<see cref="BusinessCalendar.ListDayOn"/>).
    /// </summary>
    public DateOnly CurrentListDay() => Calendar.ListDayOn(Kst.Today(clock));

    public async Task<DongListView> LoadAsync(string dong, DateOnly date, CancellationToken ct)
    {
        var all = await store.LoadWorklistAsync(date, ct);
        var entries = all.Where(e => e.Dong == dong).OrderBy(e => e.Rank).ToList();
        if (entries.Count == 0) return new DongListView(dong, date, Calendar.IsBusinessDay(date), all.Count > 0, []);

        var today = Kst.Today(clock);
        var data = await store.LoadDistrictAsync(today > date ? today : date, ct);
        var ids = entries.Select(e => e.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var households = await ListedContacts.LoadAsync(store, data.Until(date.AddDays(-1)).Households, ids, ct);
        var tipsFrom = date.AddDays(-TipDays).ToDateTime(TimeOnly.MinValue);
        var tips = data.Tips.Where(t => t.HouseholdId is { } id && ids.Contains(id) && t.ReceivedAt >= tipsFrom && t.ReceivedAt < date.ToDateTime(TimeOnly.MinValue))
            .ToLookup(t => t.HouseholdId!, StringComparer.Ordinal);
        var visits = data.Outcomes.Where(o => ids.Contains(o.HouseholdId) && o.VisitedOn >= date)
            .GroupBy(o => o.HouseholdId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MinBy(o => o.VisitedOn)!, StringComparer.Ordinal);

        var lines = entries.Select(e => new DongWorklistLine(
            WorklistRow.From(e, households[e.HouseholdId], settings.Policy), e,
            tips[e.HouseholdId].OrderByDescending(t => t.ReceivedAt).Select(Summary).ToList(),
            visits.GetValueOrDefault(e.HouseholdId))).ToList();
        return new DongListView(dong, date, Calendar.IsBusinessDay(date), true, lines);
    }

    /// <summary>
    /// The dong's latest stored list on or before <paramref name="onOrBefore"/> (looking back <paramref name="days"/>
    /// days), or null: where staff go when the list they asked for is not built yet.
    /// </summary>
    public async Task<DateOnly?> LatestListDayAsync(string dong, DateOnly onOrBefore, CancellationToken ct, int days = 90)
    {
        var entries = await store.LoadWorklistsAsync(onOrBefore.AddDays(-days), onOrBefore, ct);
        return entries.Where(e => e.Dong == dong).Select(e => (DateOnly?)e.Date).Max();
    }

    /// <summary>Households of the dong listed in the last <paramref name="businessDays"/> business days up to today and not visited since.</summary>
    public async Task<IReadOnlyList<OutstandingLine>> OutstandingAsync(string dong, int businessDays, CancellationToken ct)
    {
        var today = Kst.Today(clock);
        var from = today;
        for (var i = 0; i < businessDays; i++)
        {
            from = from.AddDays(-1);
            while (!Calendar.IsBusinessDay(from)) from = from.AddDays(-1);
        }
        var entries = (await store.LoadWorklistsAsync(from, today, ct)).Where(e => e.Dong == dong).ToList();
        if (entries.Count == 0) return [];
        var data = await store.LoadDistrictAsync(today, ct);
        var households = await ListedContacts.LoadAsync(store, data.Households, entries.Select(e => e.HouseholdId), ct);
        var lastVisit = data.Outcomes.GroupBy(o => o.HouseholdId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(o => o.VisitedOn), StringComparer.Ordinal);
        // The latest listing of each household counts; it is outstanding while no visit is recorded on or after it.
        return entries.GroupBy(e => e.HouseholdId, StringComparer.Ordinal).Select(g => g.MaxBy(e => e.Date)!)
            .Where(e => !(lastVisit.TryGetValue(e.HouseholdId, out var v) && v >= e.Date))
            .OrderBy(e => e.Date).ThenBy(e => e.Rank)
            .Select(e =>
            {
                var h = households.GetValueOrDefault(e.HouseholdId);
                return new OutstandingLine(e.Date, e.Rank, e.HouseholdId, h?.HeadName ?? "", h?.Address ?? "", RiskGrades.Korean(e.Selection), BusinessDaysBetween(e.Date, today));
            }).ToList();
    }

    int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) if (Calendar.IsBusinessDay(d)) n++;
        return n;
    }

    static TipSummary Summary(Tip t) => new(t.ReceivedAt,
        t.Source == TipSource.Officer ? "명예사회복지공무원" : $"메모지 핫라인 ({t.SourceDetail})", t.Urgent,
        t.Note.Length <= ExcerptLength ? t.Note : t.Note[..ExcerptLength] + "…", MatchMethods.Korean(t.Match));
}
