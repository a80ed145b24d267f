using BlindSpot.Core.Files;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Targets;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Targets;

/// <summary>The target use case: discoveries per dong against ceil(1.10 x last year), as of a day (docs/targets.md).</summary>
public sealed class TargetsService(IBlindSpotStore store, ILogger<TargetsService> logger, TargetOptions options, IOutputFiles files)
{
    /// <summary>
    /// Computes the report of <paramref name="year"/> as of <paramref name="asOf"/> (clamped to Dec 31 for a past
    /// year) and, when <paramref name="outDir"/> is given, writes outDir/targets/&lt;year&gt;.csv.
    /// </summary>
    public async Task<TargetsResult> ReportAsync(int year, DateOnly asOf, string? outDir, CancellationToken ct)
    {
        if (year is < 1900 or > 9998) return new TargetsResult(null, null, $"--year는 2026 같은 연도여야 합니다 (받은 값 {year}).");
        if (TargetCalculator.ClampAsOf(year, asOf) is not { } day)
            return new TargetsResult(null, null, $"{year}년은 기준일 {asOf:yyyy-MM-dd}에 아직 시작되지 않았습니다.");
        if (options.Validate() is { } invalid) return new TargetsResult(null, null, invalid);

        var data = await store.LoadDistrictAsync(day, ct);
        var report = TargetCalculator.Compute(year, day, data, options);
        string? file = null;
        if (outDir is not null) file = await files.WriteTargetsAsync(outDir, year, report, ct);

        var behind = report.Dongs.Count(d => d.Status == TargetStatus.Behind);
        logger.LogInformation("Targets {Year} as of {AsOf}: {Discoveries} discoveries of target {Target}, {Behind} dongs behind",
            year, day, report.Total.DiscoveriesYtd, report.Total.Target, behind);
        if (report.Unattributed > 0)
            logger.LogWarning("{Unattributed} discoveries of {Year} belong to households the registry does not know: counted in no dong", report.Unattributed, year);
        return new TargetsResult(report, file, null);
    }
}
