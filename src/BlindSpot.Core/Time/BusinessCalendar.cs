namespace BlindSpot.Core.Time;

/// <summary>Business days: Monday to Friday, minus a configurable list of public holidays.</summary>
public sealed class BusinessCalendar(IEnumerable<DateOnly>? holidays = null)
{
    readonly HashSet<DateOnly> holidays = [.. holidays ?? []];

    public IReadOnlySet<DateOnly> Holidays => holidays;

    public bool IsBusinessDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d);

    /// <summary>The first business day strictly after <paramref name="d"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly d)
    {
        var next = d.AddDays(1);
        while (!IsBusinessDay(next)) next = next.AddDays(1);
        return next;
    }
}
