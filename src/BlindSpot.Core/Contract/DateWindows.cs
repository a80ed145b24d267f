namespace BlindSpot.Core.Contract;

/// <summary>
/// The plausible range of every date of the contract (docs/data-contract.md §1 "Date windows"), the same for both
/// engines and every feed: a date outside it is quarantined (in a file name: the file is refused), so nothing stored
/// can make features, labels or the lists fail on an absurd day.
/// </summary>
public static class DateWindows
{
    /// <summary>No date of the contract is before this (moved_in of the oldest residents, birth years).</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>Events (visits, tips, crisis months, registry snapshots) at most this many years before the ingest day.</summary>
    public const int EventYearsBack = 20;

    /// <summary>The first plausible day of an event ingested on <paramref name="today"/>.</summary>
    public static DateOnly EarliestEvent(DateOnly today) => today.AddYears(-EventYearsBack);

    /// <summary>The first and last day a pipeline run may be "as of": the years whose public holidays are computed.</summary>
    public static readonly DateOnly FirstAsOf = new(Worklists.KoreanHolidays.FirstYear, 1, 1),
        LastAsOf = new(Worklists.KoreanHolidays.LastYear, 12, 1);

    public static bool IsPlausibleAsOf(DateOnly d) => d >= FirstAsOf && d <= LastAsOf;
}
