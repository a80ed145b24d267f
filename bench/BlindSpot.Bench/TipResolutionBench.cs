using System.Diagnostics;
using System.Globalization;
using BlindSpot.Core.Domain;
using BlindSpot.Resolution;
using BlindSpot.Resolution.Registry;
using BlindSpot.Samples;
using BlindSpot.Samples.Measurement;
using BlindSpot.Samples.Population;

namespace BlindSpot.Bench;

/// <summary>
/// Measures tip resolution against a labelled set (<see cref="ResolutionSample"/>): generates a district, spells tips
/// about its households in every style of issue 9's table, resolves them all and prints, per style, the share of tips
/// about a real household linked to the right one, the precision of the links, the share left with candidates (and
/// how often the right household is among them) and unresolved. With --sweep it prints precision and recall at each
/// link threshold (how the default threshold was chosen). Prints no personal data: counts only.
/// </summary>
internal static class TipResolutionBench
{
    public static int Run(int households, int tips, int seed, double? threshold, bool sweep)
    {
        var inv = CultureInfo.InvariantCulture;
        var watch = Stopwatch.StartNew();
        var sample = ResolutionSample.Draw(new SampleOptions { Households = households, Seed = seed }, tips, seed * 31 + 7);
        var drawSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var cpu = Cpu();
        var index = new RegistryIndex(sample.Registry);
        var indexSeconds = watch.Elapsed.TotalSeconds;
        var indexCpu = Cpu() - cpu;
        var options = threshold is { } t ? ResolutionOptions.Default with { LinkThreshold = t } : ResolutionOptions.Default;
        var resolver = new TipResolver(index, options);

        watch.Restart();
        cpu = Cpu();
        var results = new List<(LabelledTip Tip, TipResolution R)>(sample.Tips.Count);
        foreach (var tip in sample.Tips)
        {
            var dong = tip.DongGiven ? tip.Dong : index.InferDong(tip.Address);
            results.Add((tip, resolver.Resolve(new TipEvidence(tip.Address, dong, tip.DongGiven, tip.SubjectName, tip.Phone))));
        }
        var resolveSeconds = watch.Elapsed.TotalSeconds;
        var resolveCpu = Cpu() - cpu;

        Console.WriteLine(string.Create(inv, $"district {households:N0} households (seed {seed}), registry {index.Count:N0}, tips {sample.Tips.Count:N0} " +
            $"({sample.Tips.Count(x => x.TrueHouseholdId is null):N0} about nobody in the registry); link threshold {options.LinkThreshold:0.###}"));
        Console.WriteLine(string.Create(inv, $"time: district + tips {drawSeconds:F1} s, index {indexSeconds:F2} s (CPU {indexCpu:F2} s), " +
            $"resolving {resolveSeconds:F2} s (CPU {resolveCpu:F2} s, {resolveCpu * 1e6 / Math.Max(1, sample.Tips.Count):F0} µs a tip); load average {LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| how the address was written | tips | linked right | linked wrong | precision | candidates (right among them) | unresolved |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var style in Enum.GetValues<SpellingStyle>())
            Row(style.ToString(), results.Where(r => r.Tip.Style == style).ToList());
        Row("**all**", results);
        var nobody = results.Where(r => r.Tip.TrueHouseholdId is null).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"tips about nobody in the registry: {nobody.Count}, wrongly linked {nobody.Count(r => r.R.Status == TipLinkStatus.Linked)}, " +
            $"with candidates {nobody.Count(r => r.R.Status == TipLinkStatus.Candidates)}"));
        Console.WriteLine(string.Create(inv, $"links by method: {string.Join(", ", results.Where(r => r.R.Status == TipLinkStatus.Linked).GroupBy(r => r.R.Method).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}"));

        if (sweep)
        {
            Console.WriteLine();
            Console.WriteLine("| threshold | linked right (of tips about a real household) | precision |");
            Console.WriteLine("|---|---|---|");
            var real = results.Count(r => r.Tip.TrueHouseholdId is not null);
            foreach (var th in new[] { 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.999 })
            {
                var linked = results.Where(r => r.R.Candidates.Count > 0 && r.R.Candidates[0].Probability >= th).ToList();
                var right = linked.Count(r => r.R.Candidates[0].HouseholdId == r.Tip.TrueHouseholdId);
                Console.WriteLine(string.Create(inv, $"| {th:0.###} | {100.0 * right / real:F1}% | {100.0 * right / Math.Max(1, linked.Count):F2}% ({linked.Count - right} wrong of {linked.Count}) |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
        return 0;
    }

    static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    static void Row(string label, List<(LabelledTip Tip, TipResolution R)> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var real = rows.Where(r => r.Tip.TrueHouseholdId is not null).ToList();
        if (real.Count == 0) return;
        var linked = rows.Where(r => r.R.Status == TipLinkStatus.Linked).ToList();
        var right = linked.Count(r => r.R.HouseholdId == r.Tip.TrueHouseholdId);
        var candidates = real.Where(r => r.R.Status == TipLinkStatus.Candidates).ToList();
        var rightAmong = candidates.Count(r => r.R.Candidates.Any(c => c.HouseholdId == r.Tip.TrueHouseholdId));
        var unresolved = real.Count(r => r.R.Status == TipLinkStatus.Unresolved);
        Console.WriteLine(string.Create(inv,
            $"| {label} | {real.Count} | {100.0 * right / real.Count:F1}% | {linked.Count - right} | {(linked.Count == 0 ? "-" : $"{100.0 * right / linked.Count:F2}%")} | " +
            $"{100.0 * candidates.Count / real.Count:F1}% ({(candidates.Count == 0 ? "-" : $"{100.0 * rightAmong / candidates.Count:F0}%")}) | {100.0 * unresolved / real.Count:F1}% |"));
    }
}
