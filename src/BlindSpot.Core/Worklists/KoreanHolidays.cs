using System.Globalization;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// Korean public holidays on which dong centers are closed, so no worklist is made, computed for any year from
/// <see cref="FirstYear"/> to <see cref="LastYear"/> under 관공서의 공휴일에 관한 규정 as in force since 2026:
/// <list type="bullet">
/// <item>solar: 신정 1/1, 삼일절 3/1, 어린이날 5/5, 현충일 6/6, 제헌절 7/17 (again a public holiday from 2026,
/// 공휴일에 관한 법률 amended 2026-02), 광복절 8/15, 개천절 10/3, 한글날 10/9, 기독탄신일 12/25;</item>
/// <item>lunar, from <see cref="KoreanLunisolarCalendar"/>: 설날 (lunar 12/last, 1/1, 1/2), 부처님오신날 (4/8),
/// 추석 (8/14, 8/15, 8/16); a leap month is skipped as the calendar numbers it;</item>
/// <item>substitute holidays (대체공휴일): 설날/추석 days falling on a Sunday or on another holiday; 어린이날 and the
/// national days (3·1절, 제헌절, 광복절, 개천절, 한글날) on a Saturday, Sunday or another holiday (national days since
/// 2021, 제헌절 since 2026); 부처님오신날 and 기독탄신일 likewise since 2023-05-04. The substitute is the first day after
/// that is neither a weekend day nor a holiday;</item>
/// <item>election days and temporary holidays (임시공휴일) are decided by law or decree, not by the calendar:
/// <see cref="Announced"/> ships those known, and a district configures later ones (see <see cref="Parse"/>).</item>
/// </list>
/// Checked against 한국천문연구원's 월력요항 (the official source of Korean calendars) for 2024-2026 and against its
/// lunar-solar table (astro.kasi.re.kr) for the 2027 lunar days; see KoreanHolidaysTests.
/// </summary>
public static class KoreanHolidays
{
    /// <summary>Substitute rules before 2022 differed (no substitute for national days): not computed.</summary>
    public const int FirstYear = 2022;

    /// <summary>The last full year <see cref="KoreanLunisolarCalendar"/> supports (it ends in February 2051).</summary>
    public const int LastYear = 2050;

    static readonly KoreanLunisolarCalendar Lunar = new();

    /// <summary>Election days and temporary holidays announced so far (they are not computable).</summary>
    public static IReadOnlyList<DateOnly> Announced { get; } = Dates(
        "2024-04-10", // 제22대 국회의원선거
        "2024-10-01", // 국군의 날 임시공휴일
        "2025-01-27", // 임시공휴일
        "2025-06-03", // 제21대 대통령선거
        "2026-06-03", // 제9회 전국동시지방선거
        "2028-04-12"); // 제23대 국회의원선거 (공직선거법 제34조: 임기만료일 전 50일 이후 첫 번째 수요일)

    /// <summary>True when the holidays of <paramref name="year"/> can be computed.</summary>
    public static bool Supports(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The computed public holidays of <paramref name="year"/> (without election or temporary days), in order.</summary>
    /// <exception cref="CalendarRangeException">The year is outside <see cref="FirstYear"/>..<see cref="LastYear"/>.</exception>
    public static IReadOnlyList<DateOnly> For(int year)
    {
        if (!Supports(year)) throw new CalendarRangeException(year);
        var newYear = FromLunar(year, 1, 1);
        var chuseokDay = FromLunar(year, 8, 15);
        var sinceAmendment2023 = new DateOnly(2023, 5, 4);

        // Every holiday instance: its day, the last day of its block (the substitute comes after it) and its rule.
        var instances = new List<(DateOnly Day, DateOnly BlockEnd, Rule Rule)>();
        void Add(DateOnly d, Rule rule, DateOnly? blockEnd = null) => instances.Add((d, blockEnd ?? d, rule));
        Add(new DateOnly(year, 1, 1), Rule.None);
        foreach (var d in new[] { newYear.AddDays(-1), newYear, newYear.AddDays(1) }) Add(d, Rule.SundayOrOverlap, newYear.AddDays(1));
        foreach (var d in new[] { chuseokDay.AddDays(-1), chuseokDay, chuseokDay.AddDays(1) }) Add(d, Rule.SundayOrOverlap, chuseokDay.AddDays(1));
        foreach (var (m, d) in new[] { (3, 1), (8, 15), (10, 3), (10, 9) }) Add(new DateOnly(year, m, d), Rule.WeekendOrOverlap);
        if (year >= 2026) Add(new DateOnly(year, 7, 17), Rule.WeekendOrOverlap);
        Add(new DateOnly(year, 5, 5), Rule.WeekendOrOverlap);
        Add(new DateOnly(year, 6, 6), Rule.None);
        var buddha = FromLunar(year, 4, 8);
        Add(buddha, buddha >= sinceAmendment2023 ? Rule.WeekendOrOverlap : Rule.None);
        var christmas = new DateOnly(year, 12, 25);
        Add(christmas, christmas >= sinceAmendment2023 ? Rule.WeekendOrOverlap : Rule.None);
        foreach (var d in Announced.Where(d => d.Year == year)) Add(d, Rule.None);

        var holidays = instances.Select(i => i.Day).ToHashSet();
        // A day lost to a weekend or to another holiday on the same day gives one substitute (two holidays on one
        // day lose one day: 2025-05-05, 어린이날 and 부처님오신날, gave only 5/6).
        foreach (var day in instances.GroupBy(i => i.Day).OrderBy(g => g.Key))
        {
            var weekend = day.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var eligible = day.Where(i => i.Rule == Rule.WeekendOrOverlap
                || (i.Rule == Rule.SundayOrOverlap && (day.Key.DayOfWeek == DayOfWeek.Sunday || !weekend))).ToList();
            var lost = weekend
                ? day.Count(i => i.Rule == Rule.WeekendOrOverlap || (i.Rule == Rule.SundayOrOverlap && day.Key.DayOfWeek == DayOfWeek.Sunday))
                : Math.Min(day.Count() - 1, eligible.Count);
            foreach (var i in eligible.OrderBy(i => i.BlockEnd).Take(lost)) holidays.Add(NextFree(i.BlockEnd, holidays));
        }
        foreach (var d in Announced) holidays.Remove(d);
        return [.. holidays.Order()];
    }

    enum Rule { None, SundayOrOverlap, WeekendOrOverlap }

    /// <summary>The first day after <paramref name="d"/> that is neither Saturday, Sunday nor already a holiday.</summary>
    static DateOnly NextFree(DateOnly d, HashSet<DateOnly> holidays)
    {
        var next = d.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(next)) next = next.AddDays(1);
        return next;
    }

    /// <summary>The solar day of lunar <paramref name="month"/>/<paramref name="day"/> of lunar year <paramref name="year"/> (not the leap month).</summary>
    static DateOnly FromLunar(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year); // 0, or the index of the leap month (it follows month leap-1)
        var index = leap > 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>Shipped years, computed (kept for callers that list them).</summary>
    public static IReadOnlyList<DateOnly> Y2024 => WithAnnounced(2024);
    public static IReadOnlyList<DateOnly> Y2025 => WithAnnounced(2025);
    public static IReadOnlyList<DateOnly> Y2026 => WithAnnounced(2026);

    /// <summary>The holidays of a year including the announced election and temporary days.</summary>
    public static IReadOnlyList<DateOnly> WithAnnounced(int year) =>
        [.. For(year).Concat(Announced.Where(d => d.Year == year)).Distinct().Order()];

    /// <summary>
    /// Reads a holiday list: one date (yyyy-MM-dd) a line; blank lines and text after '#' are ignored. Returns
    /// the dates, or the 1-based number of the first line that is not a date in <paramref name="badLine"/>.
    /// </summary>
    public static IReadOnlyList<DateOnly> Parse(IEnumerable<string> lines, out int? badLine)
    {
        var result = new List<DateOnly>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var hash = raw.IndexOf('#');
            var text = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (text.Length == 0) continue;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d)) { badLine = n; return []; }
            result.Add(d);
        }
        badLine = null;
        return result;
    }

    static DateOnly[] Dates(params string[] days) => [.. days.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd"))];
}

/// <summary>A day outside the years whose holidays can be computed: nothing is guessed.</summary>
public sealed class CalendarRangeException(int year) : InvalidOperationException(
    $"Public holidays are computed for {KoreanHolidays.FirstYear}-{KoreanHolidays.LastYear} only; {year} is outside that range.")
{
    public int Year { get; } = year;
}
