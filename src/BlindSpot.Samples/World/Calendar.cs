using BlindSpot.Core.Time;

namespace BlindSpot.Samples.World;

/// <summary>The dates that frame the synthetic district.</summary>
internal sealed class SimCalendar
{
    public SimCalendar(DateOnly asOf)
    {
        AsOf = asOf;
        WindowStart = asOf.AddMonths(-12).AddDays(1);
        var six = asOf.AddMonths(-6);
        FirstSnapshot = new DateOnly(six.Year, six.Month, 1).AddMonths(1).AddDays(-1);
        BaselineYear = asOf.Year - 1;
        SimStart = new DateOnly(BaselineYear, 1, 1).AddMonths(-3);
        Months = (asOf.Year - SimStart.Year) * 12 + asOf.Month - SimStart.Month + 1;
        var holidays = new List<DateOnly>();
        for (var y = SimStart.Year; y <= asOf.Year + 1; y++)
            foreach (var (m, d) in FixedHolidays) holidays.Add(new DateOnly(y, m, d));
        Business = BusinessCalendar.Fixed(holidays);
    }

    // Fixed-date public holidays only (the lunar ones move and are left out: a simplification).
    static readonly (int Month, int Day)[] FixedHolidays = [(1, 1), (3, 1), (5, 5), (6, 6), (8, 15), (10, 3), (10, 9), (12, 25)];

    public DateOnly AsOf { get; }
    /// <summary>First day covered by the inbox: the 12 months before as-of.</summary>
    public DateOnly WindowStart { get; }
    /// <summary>The older registry snapshot (end of the month six months before as-of); the newer one is as-of.</summary>
    public DateOnly FirstSnapshot { get; }
    /// <summary>The last calendar year: targets_baseline.csv counts its discoveries.</summary>
    public int BaselineYear { get; }
    /// <summary>The simulation starts early enough to run the baseline year's visits on a full history.</summary>
    public DateOnly SimStart { get; }
    public int Months { get; }
    public BusinessCalendar Business { get; }

    public DateOnly MonthStart(int m) => SimStart.AddMonths(m);
    public DateOnly MonthEnd(int m) => SimStart.AddMonths(m + 1).AddDays(-1);
    public int MonthOf(DateOnly d) => (d.Year - SimStart.Year) * 12 + d.Month - SimStart.Month;

    /// <summary>Crisis months written to the inbox: the 12 full months before as-of's month.</summary>
    public int FirstFeedMonth => MonthOf(AsOf) - 12;
    public int LastFeedMonth => MonthOf(AsOf) - 1;

    public DateOnly AddBusinessDays(DateOnly d, int n)
    {
        var x = d;
        for (var i = 0; i < n; i++) x = Business.NextBusinessDay(x);
        return n == 0 && !Business.IsBusinessDay(x) ? Business.NextBusinessDay(x) : x;
    }
}
