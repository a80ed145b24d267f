using System.Diagnostics;
using System.Globalization;
using BlindSpot.Hosting.Composition;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Bench;

/// <summary>
/// `run-district`: the CLI's whole `run` (RunService: ingest -> first model -> score -> worklists -> targets) on a
/// generated inbox, against the SQLite file given. Cold = the caller deleted the file; warm = the same file and as-of
/// again (every step finds its work done). Per-step durations come from the gaps between the timestamped log lines.
/// </summary>
internal static class DistrictRun
{
    public static async Task<int> RunAsync(string inbox, string db, string outDir, DateOnly asOf, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var cold = !File.Exists(db);
        using var allocations = AllocationSampler.StartIfAsked();
        using var logs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information)
            .AddProvider(new ElapsedConsoleLoggerProvider(LogLevel.Information)));
        var watch = Stopwatch.StartNew();
        await using var store = await StoreFactory.OpenAsync(db, ct);
        var open = watch.Elapsed.TotalSeconds;
        var services = new PipelineServices(store, logs, TimeProvider.System, PipelineSettings.Default);
        var report = await services.Run().RunAsync(inbox, outDir, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, "quarantine"), asOf, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(inv,
            $"{(cold ? "cold" : "warm")} run as of {asOf:yyyy-MM-dd} on {store.Engine}: {seconds:F1} s (store open {open:F1} s); " +
            $"{report.FilesIngested} files ingested, {report.FilesSkipped} skipped, {report.RowsRead} rows; model {report.ModelVersion ?? "none"}" +
            $"{(report.Training is { Version: { } v } ? $" (trained now: {v})" : "")}; scored {report.Scores?.Scored ?? 0}; " +
            $"succeeded {report.Succeeded}; process peak working set {self.PeakWorkingSet64 / 1e6:F0} MB; " +
            $"load average {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a")}"));
        // One machine-readable line for `play-district` (DistrictPlay), which runs each day in its own process.
        Console.WriteLine(string.Create(inv,
            $"PHASES {string.Join(' ', report.Phases.Select(p => $"{p.Name}={p.Seconds:F2} {p.Name}_cpu={p.CpuSeconds:F2}"))} cpu={Environment.CpuUsage.TotalTime.TotalSeconds:F2} features={report.Scores?.FeatureSeconds ?? 0:F2} " +
            $"scoring={report.Scores?.ScoringSeconds ?? 0:F2} total={seconds:F2} peak_mb={self.PeakWorkingSet64 / 1e6:F0} " +
            $"rows={report.RowsRead} listed={report.Worklists.Listed} scored={report.Scores?.Scored ?? 0} " +
            $"jit_s={System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()} " +
            $"gc_pause_s={GC.GetTotalPauseDuration().TotalSeconds:F2} alloc_mb={GC.GetTotalAllocatedBytes() / 1e6:F0} gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        allocations?.Print(Console.Out);
        return report.Succeeded ? 0 : 1;
    }
}
