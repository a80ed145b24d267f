using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Time;

/// <summary>
/// Business days: Monday to Friday, minus the Korean public holidays computed for the day's year
/// (<see cref="KoreanHolidays.For"/>) and the configured extra days (election days, temporary holidays:
/// <see cref="KoreanHolidays.Announced"/> by default). A day whose year cannot be computed throws
/// <see cref="CalendarRangeException"/>: the calendar never runs out silently.
/// </summary>
public sealed class BusinessCalendar(IEnumerable<DateOnly>? extraHolidays = null)
{
    readonly HashSet<DateOnly> extra = [.. extraHolidays ?? KoreanHolidays.Announced];
    readonly Dictionary<int, HashSet<DateOnly>> computed = [];
    readonly Lock gate = new();
    bool listOnly;

    /// <summary>
    /// A calendar of exactly these holidays, nothing computed, any year (the synthetic district's simplified world).
    /// </summary>
    public static BusinessCalendar Fixed(IEnumerable<DateOnly> holidays) => new(holidays) { listOnly = true };

    /// <summary>The configured extra days (the computed ones are added per year).</summary>
    public IReadOnlySet<DateOnly> ExtraHolidays => extra;

    public bool IsHoliday(DateOnly d) => extra.Contains(d) || (!listOnly && Year(d.Year).Contains(d));

    public bool IsBusinessDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(d);

    /// <summary>The first business day strictly after <paramref name="d"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly d)
    {
        var next = d.AddDays(1);
        while (!IsBusinessDay(next)) next = next.AddDays(1);
        return next;
    }

    /// <summary>
    /// The day whose worklist dong staff work from on <paramref name="today"/>: today itself on a business day (the
    /// morning job builds today's list as of yesterday), otherwise the next business day (the list waiting for them).
    /// </summary>
    public DateOnly ListDayOn(DateOnly today) => IsBusinessDay(today) ? today : NextBusinessDay(today);

    /// <summary>
    /// The business day <paramref name="n"/> business days before <paramref name="d"/> (<paramref name="d"/> itself when
    /// <paramref name="n"/> is 0): the start of the worklists' relist window, "listed in the last n business days".
    /// </summary>
    public DateOnly BusinessDaysBefore(DateOnly d, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var from = d;
        for (var i = 0; i < n; i++)
        {
            from = from.AddDays(-1);
            while (!IsBusinessDay(from)) from = from.AddDays(-1);
        }
        return from;
    }

    HashSet<DateOnly> Year(int year)
    {
        lock (gate)
        {
            if (!computed.TryGetValue(year, out var days)) computed[year] = days = [.. KoreanHolidays.For(year)];
            return days;
        }
    }
}
