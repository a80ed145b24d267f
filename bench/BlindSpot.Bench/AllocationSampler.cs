using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace BlindSpot.Bench;

/// <summary>
/// The runtime's own allocation samples (GCAllocationTick: one event per ~100 KB allocated, naming the type of the
/// object that crossed the mark), summed by type and by second of the run. On with BLINDSPOT_BENCH_ALLOC=1 for
/// `run-district`: printed after the run as ALLOC lines (type, MB sampled), then ALLOC_BY_SECOND lines. A sample
/// stands for the ~100 KB before it, so the figures are estimates of where the bytes go, not exact counts.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    readonly Stopwatch watch = Stopwatch.StartNew();
    readonly Dictionary<string, long> byType = new(StringComparer.Ordinal);
    readonly Dictionary<(int Second, string Type), long> bySecond = [];
    readonly Lock gate = new();

    public static AllocationSampler? StartIfAsked() =>
        Environment.GetEnvironmentVariable("BLINDSPOT_BENCH_ALLOC") == "1" ? new AllocationSampler() : null;

    protected override void OnEventSourceCreated(EventSource source)
    {
        // GC keyword (0x1), verbose: the allocation ticks.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    readonly Dictionary<string, int> gcs = new(StringComparer.Ordinal);
    long largeBytes;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not null && e.EventName.StartsWith("GCStart", StringComparison.Ordinal) && e.Payload is not null)
        {
            var depth = e.PayloadNames!.IndexOf("Depth") is var d and >= 0 ? Convert.ToInt32(e.Payload[d], CultureInfo.InvariantCulture) : -1;
            var reason = e.PayloadNames.IndexOf("Reason") is var r and >= 0 ? Convert.ToInt32(e.Payload[r], CultureInfo.InvariantCulture) : -1;
            var kind = e.PayloadNames.IndexOf("Type") is var k and >= 0 ? Convert.ToInt32(e.Payload[k], CultureInfo.InvariantCulture) : -1;
            var key = FormattableString.Invariant($"gen{depth} reason{reason} type{kind} at{(int)watch.Elapsed.TotalSeconds}");
            lock (gate) gcs[key] = gcs.GetValueOrDefault(key) + 1;
            return;
        }
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        var second = (int)watch.Elapsed.TotalSeconds;
        var large = e.PayloadNames.IndexOf("AllocationKind") is var ak and >= 0 && Convert.ToInt32(e.Payload[ak], CultureInfo.InvariantCulture) == 1;
        lock (gate)
        {
            if (large) largeBytes += amount;
            byType[type] = byType.GetValueOrDefault(type) + amount;
            bySecond[(second, type)] = bySecond.GetValueOrDefault((second, type)) + amount;
        }
    }

    public void Print(TextWriter w, int top = 40)
    {
        var inv = CultureInfo.InvariantCulture;
        lock (gate)
        {
            var total = byType.Values.Sum();
            w.WriteLine(string.Create(inv, $"ALLOC total_sampled_mb={total / 1e6:F0} large_object_heap_mb={largeBytes / 1e6:F0}"));
            foreach (var (gc, n) in gcs.Where(kv => !kv.Key.StartsWith("gen0", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                w.WriteLine(string.Create(inv, $"GC {gc} x{n}"));
            foreach (var (type, bytes) in byType.OrderByDescending(kv => kv.Value).Take(top))
            {
                // The seconds of the run it was allocated in (MB), the largest first.
                var when = string.Join(' ', bySecond.Where(kv => kv.Key.Type == type).OrderByDescending(kv => kv.Value).Take(6)
                    .Select(kv => FormattableString.Invariant($"s{kv.Key.Second}:{kv.Value / 1e6:F0}")));
                w.WriteLine(string.Create(inv, $"ALLOC {bytes / 1e6,8:F1} MB {100.0 * bytes / total,5:F1}% {type} [{when}]"));
            }
            foreach (var g in bySecond.GroupBy(kv => kv.Key.Second).OrderBy(g => g.Key))
            {
                var top4 = string.Join(", ", g.OrderByDescending(kv => kv.Value).Take(4).Select(kv => FormattableString.Invariant($"{kv.Key.Type} {kv.Value / 1e6:F1}")));
                w.WriteLine(string.Create(inv, $"ALLOC_BY_SECOND {g.Key,3} {g.Sum(kv => kv.Value) / 1e6,7:F1} MB: {top4}"));
            }
        }
    }
}
