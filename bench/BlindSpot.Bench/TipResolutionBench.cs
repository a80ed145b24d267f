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
    public static int Run(int households, int tips, int seed, double? threshold, bool sweep, bool misses = false, string? dump = null, bool notes = true)
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
            results.Add((tip, resolver.Resolve(Evidence(tip, dong, notes))));
        }
        var resolveSeconds = watch.Elapsed.TotalSeconds;
        var resolveCpu = Cpu() - cpu;

        Console.WriteLine(string.Create(inv, $"district {households:N0} households (seed {seed}), registry {index.Count:N0}, tips {sample.Tips.Count:N0} " +
            $"({sample.Tips.Count(x => x.TrueHouseholdId is null):N0} about nobody in the registry); link threshold {options.LinkThreshold:0.###}"));
        Console.WriteLine(string.Create(inv, $"time: district + tips {drawSeconds:F1} s, index {indexSeconds:F2} s (CPU {indexCpu:F2} s), " +
            $"resolving {resolveSeconds:F2} s (CPU {resolveCpu:F2} s, {resolveCpu * 1e6 / Math.Max(1, sample.Tips.Count):F0} µs a tip); load average {LoadAverage()}"));
        // How often building names repeat (what "building name only" tips are up against): named buildings per name,
        // across the district and within one dong.
        var named = sample.Registry.Select(h => (Building: h.Address.Split(',')[0], h.Dong, Name: BuildingName(h.Address)))
            .Where(b => b.Name is not null).Distinct().ToList();
        var perName = named.GroupBy(b => b.Name).Select(g => g.Count()).ToList();
        var perNameInDong = named.GroupBy(b => (b.Name, b.Dong)).Select(g => g.Count()).ToList();
        Console.WriteLine(string.Create(inv, $"building names: {perName.Count:N0} names over {named.Count:N0} named buildings, " +
            $"{(double)named.Count / Math.Max(1, perName.Count):F1} buildings a name ({(double)perNameInDong.Sum() / Math.Max(1, perNameInDong.Count):F1} within a dong)"));
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
        Console.WriteLine(string.Create(inv, $"links by method: {string.Join(", ", results.Where(r => r.R.Status == TipLinkStatus.Linked).GroupBy(r => r.R.Method).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()} ({g.Count(r => r.R.HouseholdId != r.Tip.TrueHouseholdId)} wrong)"))}"));

        if (misses || dump is not null) Misses(results, new TipResolver(index, options with { LinkThreshold = 0, MaxCandidates = int.MaxValue }), index, sample.Registry, dump, notes);

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

    /// <summary>
    /// Why the tips about a real household that were not linked right missed, by spelling style: the right household
    /// was not a candidate at all (no candidate / only others), was the best candidate but below the threshold (sent to
    /// staff as candidates, or unresolved), ranked below another candidate, or another household was linked. With a
    /// dump file (written owner-only: synthetic names and addresses), one line per miss for reading.
    /// </summary>
    static void Misses(List<(LabelledTip Tip, TipResolution R)> results, TipResolver all, RegistryIndex index, IReadOnlyList<BlindSpot.Core.Ingest.HouseholdRef> registry, string? dump, bool notes)
    {
        var inv = CultureInfo.InvariantCulture;
        string Reason(LabelledTip tip, TipResolution r, TipResolution full)
        {
            if (r.Status == TipLinkStatus.Linked) return "wrong link";
            if (full.Candidates.Count == 0) return "no candidate";
            var rank = full.Candidates.ToList().FindIndex(c => c.HouseholdId == tip.TrueHouseholdId);
            if (rank < 0) return "right not a candidate";
            if (rank > 0) return "ranked below another";
            return r.Status == TipLinkStatus.Candidates ? "best, below threshold (to staff)" : "best, below threshold (unresolved)";
        }
        var rows = new List<(LabelledTip Tip, string Reason, TipResolution Full)>();
        foreach (var (tip, r) in results)
        {
            if (tip.TrueHouseholdId is null || r.Status == TipLinkStatus.Linked && r.HouseholdId == tip.TrueHouseholdId) continue;
            var dong = tip.DongGiven ? tip.Dong : index.InferDong(tip.Address);
            var full = all.Resolve(Evidence(tip, dong, notes));
            rows.Add((tip, Reason(tip, r, full), full));
        }
        var reasons = new[] { "no candidate", "right not a candidate", "ranked below another", "best, below threshold (to staff)", "best, below threshold (unresolved)", "wrong link" };
        var real = results.Count(r => r.Tip.TrueHouseholdId is not null);
        Console.WriteLine();
        Console.WriteLine($"misses of tips about a real household ({rows.Count} of {real}), by why:");
        Console.WriteLine("| style | " + string.Join(" | ", reasons) + " |");
        Console.WriteLine("|---|" + string.Concat(reasons.Select(_ => "---|")));
        foreach (var style in Enum.GetValues<SpellingStyle>().Cast<SpellingStyle?>().Append(null))
        {
            var of = rows.Where(r => style is null || r.Tip.Style == style).ToList();
            Console.WriteLine($"| {style?.ToString() ?? "**all**"} | " + string.Join(" | ", reasons.Select(x => of.Count(r => r.Reason == x).ToString(inv))) + " |");
        }
        // A right household with exactly the probability of the best is tied with it: no evidence in the tip tells them
        // apart (no unit or only a floor at a building of several households, no name or a common one), so no scoring can
        // link it right; the figure's ceiling on this set is the share of tips outside these ties.
        var tied = rows.Count(r => r.Reason != "wrong link" && r.Full.Candidates.Count > 1
            && r.Full.Candidates.FirstOrDefault(c => c.HouseholdId == r.Tip.TrueHouseholdId) is { } right
            && Math.Abs(right.Probability - r.Full.Candidates[0].Probability) < 1e-9
            && r.Full.Candidates.Count(c => Math.Abs(c.Probability - right.Probability) < 1e-9) > 1);
        Console.WriteLine(string.Create(inv, $"of the misses, the right household tied with the best candidate (others exactly as likely): {tied}; " +
            $"ceiling of linked right without new evidence {100.0 * (real - tied) / real:F1}%"));
        if (dump is null) return;
        using var w = new StreamWriter(dump);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dump, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var byId = registry.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.SnapshotDate)!);
        foreach (var (tip, reason, full) in rows.OrderBy(r => r.Tip.Style).ThenBy(r => r.Reason))
        {
            var truth = full.Candidates.ToList().FindIndex(c => c.HouseholdId == tip.TrueHouseholdId);
            var others = string.Join(" ", full.Candidates.Take(4).Select(c => string.Create(inv, $"{c.HouseholdId}:{c.Probability:F3}:{c.Method}")))
                + " | " + string.Join(" | ", full.Candidates.Take(2).Select(c => $"{byId[c.HouseholdId].Address} / {byId[c.HouseholdId].HeadName}"));
            w.WriteLine(string.Create(inv, $"{tip.Style}\t{reason}\t{tip.Address}\t{tip.SubjectName}\t{tip.ReporterType}\t{tip.Note.ReplaceLineEndings(" ")}\t{(tip.DongGiven ? tip.Dong : "-")}\t{tip.Phone}\t" +
                $"true {tip.TrueHouseholdId} [{byId[tip.TrueHouseholdId!].Address} / {byId[tip.TrueHouseholdId!].HeadName}] rank {truth} p {(truth >= 0 ? full.Candidates[truth].Probability : 0):F3}\t{others} (of {full.Candidates.Count})"));
        }
    }

    /// <summary>What the resolver is given of a labelled tip; without <paramref name="notes"/>, no note nor reporter (the evidence before them).</summary>
    static TipEvidence Evidence(LabelledTip tip, string? dong, bool notes) => notes
        ? new TipEvidence(tip.Address, dong, tip.DongGiven, tip.SubjectName, tip.Phone, Note: tip.Note, ReporterType: tip.ReporterType)
        : new TipEvidence(tip.Address, dong, tip.DongGiven, tip.SubjectName, tip.Phone);

    static string? BuildingName(string registryAddress)
    {
        var open = registryAddress.LastIndexOf('(');
        if (open < 0) return null;
        var inside = registryAddress[(open + 1)..].TrimEnd(')').Split(',', StringSplitOptions.TrimEntries);
        return inside.Length > 0 && !inside[^1].EndsWith('동') ? inside[^1] : null;
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
