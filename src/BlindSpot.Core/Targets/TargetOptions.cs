namespace BlindSpot.Core.Targets;

/// <summary>The +10% goal and the pace thresholds (docs/targets.md). Decimal, so 1.10 x 10 is exactly 11.</summary>
public sealed record TargetOptions
{
    /// <summary>target = ceil(Rate x baseline).</summary>
    public decimal Rate { get; init; } = 1.10m;

    /// <summary>pace at or above this is ahead.</summary>
    public decimal AheadFrom { get; init; } = 1.10m;

    /// <summary>pace at or above this (below <see cref="AheadFrom"/>) is on_track; below it behind.</summary>
    public decimal OnTrackFrom { get; init; } = 0.90m;

    public static TargetOptions Default { get; } = new();

    public string? Validate() =>
        Rate <= 0 ? "Rate는 0보다 커야 합니다."
        : OnTrackFrom < 0 || OnTrackFrom > AheadFrom ? "기준은 0 <= OnTrackFrom <= AheadFrom이어야 합니다."
        : null;
}
