using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>What the worklist use case is configured with.</summary>
public sealed record WorklistSettings
{
    public WorklistOptions Policy { get; init; } = WorklistOptions.Default;

    /// <summary>
    /// Extra holidays (no worklist) on top of the computed Korean public holidays: election days and temporary
    /// holidays. Default: those announced so far (<see cref="KoreanHolidays.Announced"/>).
    /// </summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = KoreanHolidays.Announced;

    /// <summary>Scores are looked for on the as-of day and up to this many days before it (a Monday uses Friday's).</summary>
    public int ScoreLookbackDays { get; init; } = 7;

    /// <summary>
    /// An urgent tip not linked to a household stays in its dong's tips-to-resolve file this many days; other unlinked
    /// tips stay <see cref="WorklistOptions.TipWindowDays"/> days.
    /// </summary>
    public int TipsToResolveUrgentDays { get; init; } = 90;

    public static WorklistSettings Default { get; } = new();
}
