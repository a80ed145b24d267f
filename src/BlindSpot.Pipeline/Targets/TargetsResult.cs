using BlindSpot.Core.Targets;

namespace BlindSpot.Pipeline.Targets;

/// <summary>What <see cref="TargetsService.ReportAsync"/> produced; <see cref="Error"/> set (and nothing written) on an expected failure.</summary>
public sealed record TargetsResult(TargetReport? Report, string? File, string? Error)
{
    public bool Succeeded => Error is null;
}
