using BlindSpot.Core.Worklists;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>What the worklist use case is configured with.</summary>
public sealed record WorklistSettings
{
    public WorklistOptions Policy { get; init; } = WorklistOptions.Default;

    /// <summary>Public holidays (no worklist): the shipped Korean list for 2024-2026 unless configured.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = KoreanHolidays.All;

    /// <summary>Scores are looked for on the as-of day and up to this many days before it (a Monday uses Friday's).</summary>
    public int ScoreLookbackDays { get; init; } = 7;

    public static WorklistSettings Default { get; } = new();
}
