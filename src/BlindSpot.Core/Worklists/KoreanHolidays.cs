namespace BlindSpot.Core.Worklists;

/// <summary>
/// Korean public holidays (관공서의 공휴일에 관한 규정, with substitute holidays 대체공휴일 and election days)
/// on which dong centers are closed, so no worklist is made. Shipped for 2024-2026; a district passes its own
/// list (one yyyy-MM-dd a line, see <see cref="Parse"/>) for other years or for a temporary holiday decreed later.
/// Check each year against the official announcement: temporary holidays (임시공휴일) are decided late.
/// </summary>
public static class KoreanHolidays
{
    public static IReadOnlyList<DateOnly> Y2024 { get; } = Dates(
        "2024-01-01", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-03-01", "2024-04-10",
        "2024-05-05", "2024-05-06", "2024-05-15", "2024-06-06", "2024-08-15", "2024-09-16", "2024-09-17",
        "2024-09-18", "2024-10-01", "2024-10-03", "2024-10-09", "2024-12-25");

    public static IReadOnlyList<DateOnly> Y2025 { get; } = Dates(
        "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-03-01", "2025-03-03",
        "2025-05-05", "2025-05-06", "2025-06-03", "2025-06-06", "2025-08-15", "2025-10-03", "2025-10-05",
        "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-12-25");

    /// <summary>
    /// 2026: 신정; 설날 2/16-18; 삼일절 3/1 (Sun) -> 대체 3/2; 어린이날 5/5; 부처님오신날 5/24 (Sun) -> 대체 5/25;
    /// 제9회 전국동시지방선거 6/3; 현충일 6/6 (Sat, no substitute); 광복절 8/15 (Sat) -> 대체 8/17;
    /// 추석 9/24-26; 개천절 10/3 (Sat) -> 대체 10/5; 한글날 10/9; 성탄절 12/25.
    /// </summary>
    public static IReadOnlyList<DateOnly> Y2026 { get; } = Dates(
        "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-01", "2026-03-02", "2026-05-05",
        "2026-05-24", "2026-05-25", "2026-06-03", "2026-06-06", "2026-08-15", "2026-08-17", "2026-09-24",
        "2026-09-25", "2026-09-26", "2026-10-03", "2026-10-05", "2026-10-09", "2026-12-25");

    /// <summary>Every shipped year.</summary>
    public static IReadOnlyList<DateOnly> All { get; } = [.. Y2024, .. Y2025, .. Y2026];

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
