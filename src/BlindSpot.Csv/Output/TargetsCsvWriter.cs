using System.Globalization;
using BlindSpot.Core.Targets;

namespace BlindSpot.Csv.Output;

/// <summary>
/// Writes targets/&lt;year&gt;.csv (contract §3.2): one row per dong, in the contract's dong order, columns
/// dong, baseline, target, discoveries_ytd, expected_ytd, pace, projected, status. Decimals have two places
/// (invariant culture); pace is empty when nothing is expected (target 0). The district total is printed, not written.
/// </summary>
public static class TargetsCsvWriter
{
    public static IReadOnlyList<string> Headers { get; } =
        ["dong", "baseline", "target", "discoveries_ytd", "expected_ytd", "pace", "projected", "status"];

    public static string PathFor(string outDir, int year) =>
        Path.Combine(outDir, "targets", year.ToString(CultureInfo.InvariantCulture) + ".csv");

    public static Task WriteAsync(string path, TargetReport report, CancellationToken ct) =>
        OutputCsv.WriteAsync(path, Headers, report.Dongs.Select(Fields), ct);

    /// <summary>The cells of a row as the file and the printed table show them.</summary>
    public static string?[] Fields(DongTarget t) =>
    [
        t.Dong,
        t.Baseline.ToString(CultureInfo.InvariantCulture),
        t.Target.ToString(CultureInfo.InvariantCulture),
        t.DiscoveriesYtd.ToString(CultureInfo.InvariantCulture),
        Two(t.ExpectedYtd),
        t.Pace is { } p ? Two(p) : null,
        Two(t.Projected),
        TargetReport.StatusName(t.Status),
    ];

    static string Two(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
