using BlindSpot.Core.Targets;

namespace BlindSpot.Pipeline.Dashboard;

/// <summary>
/// The planners' figures as of a day: counts and rates only, no household is named (planners and analysts see no
/// personal data). Computed from one load of the district by <see cref="DashboardService"/>.
/// </summary>
/// <param name="LastResult">The latest day a stored visit result was made (up to <paramref name="AsOf"/>; null: none
/// yet). Discoveries are counted from results: a planner reads the rates knowing how recent the results are.</param>
public sealed record Dashboard(
    DateOnly AsOf,
    TargetReport Targets,
    IReadOnlyList<MonthPoint> Trend,
    IReadOnlyList<SelectionYield> Yields,
    IReadOnlyList<TipWeek> TipWeeks,
    IReadOnlyList<ListCompletion> Completion,
    DateOnly CompletionFrom,
    DateOnly? LastResult)
{
    /// <summary>Results older than this many days by the dashboard's day are flagged on the planners' page.</summary>
    public const int StaleResultDays = 7;

    /// <summary>Days between the last stored result and the dashboard's day (null: no result yet).</summary>
    public int? DaysSinceLastResult => LastResult is { } d ? AsOf.DayNumber - d.DayNumber : null;

    /// <summary>No result for more than <see cref="StaleResultDays"/> days: the year's discoveries may be behind the visits made.</summary>
    public bool ResultsStale => DaysSinceLastResult is not { } days || days > StaleResultDays;
}

/// <summary>A month of the year: discoveries so far (cumulative, as the target counts them) against the target line at month end.</summary>
/// <param name="Dongs">Cumulative discoveries per dong, in contract dong order.</param>
public sealed record MonthPoint(int Month, DateOnly End, int Discoveries, decimal ExpectedTarget, IReadOnlyList<int> Dongs);

/// <summary>Visits of the year by why the household was listed (긴급제보, 제보, 모델, 탐색, or not on any list).</summary>
public sealed record SelectionYield(string Selection, int Visits, int Discoveries)
{
    public decimal? Per100Visits => Visits == 0 ? null : Math.Round(100m * Discoveries / Visits, 1);
}

/// <summary>Tips received in a week (Monday start) by channel, and how many of them reached a household.</summary>
public sealed record TipWeek(DateOnly WeekStart, int Officer, int OfficerResolved, int Hotline, int HotlineResolved);

/// <summary>A dong's listed households over recent business days and how many have a visit result on or after their list day.</summary>
public sealed record ListCompletion(string Dong, int Listed, int Completed)
{
    public decimal? Percent => Listed == 0 ? null : Math.Round(100m * Completed / Listed, 1);
}
