namespace BlindSpot.Core.Targets;

public enum TargetStatus { Ahead, OnTrack, Behind }

/// <summary>One dong's standing against its +10% target (contract §3.2), or the district total.</summary>
/// <param name="BaselineYear">The year the baseline row came from (normally year - 1), null when there was none (baseline 0).</param>
/// <param name="Pace">discoveries / expected; null when nothing is expected yet (target 0).</param>
public sealed record DongTarget(
    string Dong,
    int? BaselineYear,
    int Baseline,
    int Target,
    int DiscoveriesYtd,
    decimal ExpectedYtd,
    decimal? Pace,
    decimal Projected,
    TargetStatus Status);

/// <summary>The target report of a year as of a day.</summary>
/// <param name="ShareElapsed">DaysElapsed / DaysInYear: the as-of day counts as elapsed (Jan 1 = 1/365, Dec 31 = 1).</param>
/// <param name="Unattributed">Discoveries of households the registry never knew (no dong): counted nowhere.</param>
public sealed record TargetReport(
    int Year,
    DateOnly AsOf,
    int DaysElapsed,
    int DaysInYear,
    decimal ShareElapsed,
    IReadOnlyList<DongTarget> Dongs,
    DongTarget Total,
    int Unattributed)
{
    public const string TotalName = "합계";

    public static string StatusName(TargetStatus s) => s switch
    {
        TargetStatus.Ahead => "ahead",
        TargetStatus.OnTrack => "on_track",
        TargetStatus.Behind => "behind",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
