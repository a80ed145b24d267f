using System.Diagnostics;
using System.Globalization;
using BlindSpot.Simulation;

// dotnet run -c Release --project bench/BlindSpot.Simulation -- [--households N] [--days D] [--seeds 42,7,1] [--out DIR]
//   [--as-of yyyy-MM-dd] [--policies model,tips,rules,tips+rules,logreg,random] [--quick] [--sequential]
// A benchmark tool, not a test: see docs/simulation.md.
var inv = CultureInfo.InvariantCulture;
var households = 60_000;
var days = 20;
int[] seeds = [42, 7, 1];
var asOf = new DateOnly(2026, 10, 30);
string? outDir = null;
IReadOnlyList<string> policies = PolicyRun.Default;
var parallel = true;
var tipRate = 1.0;
var rankCheck = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--households": households = int.Parse(Next(), inv); break;
        case "--days": days = int.Parse(Next(), inv); break;
        case "--seed" or "--seeds": seeds = Next().Split(',').Select(s => int.Parse(s, inv)).ToArray(); break;
        case "--out": outDir = Next(); break;
        case "--as-of": asOf = DateOnly.ParseExact(Next(), "yyyy-MM-dd", inv); break;
        case "--policies": policies = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
        case "--quick": households = 8_000; days = 5; seeds = [42]; break;
        case "--sequential": parallel = false; break;
        case "--tip-rate": tipRate = double.Parse(Next(), inv); break;
        case "--rank-check": rankCheck = true; break;
        default:
            Console.Error.WriteLine("usage: [--households N] [--days D] [--seeds 42,7,1] [--out DIR] [--as-of yyyy-MM-dd] [--policies model,tips,rules,tips+rules,logreg,random] [--quick] [--sequential] [--tip-rate X] [--rank-check]");
            return 2;
    }
}
if (days < 1 || seeds.Length == 0 || policies.Count == 0 || policies.Any(p => !PolicyRun.IsKnown(p)))
{
    Console.Error.WriteLine($"--days must be 1 or more, --seeds at least one; policies are {string.Join(",", PolicyRun.All)}");
    return 2;
}
outDir = Path.GetFullPath(outDir ?? Path.Combine(Path.GetTempPath(), string.Create(inv, $"blindspot-sim-{households}")));

var watch = Stopwatch.StartNew();
if (rankCheck)
{
    // The ranking alone against the truth on day 0 (RankCheck): the product variants among --policies, beside the baselines.
    var checks = new List<string>();
    foreach (var seed in seeds)
        checks.Add(await RankCheck.RunAsync(households, seed, asOf, tipRate, Path.Combine(outDir, string.Create(inv, $"rank-{seed}")),
            policies.Where(p => ProductVariant.Parse(p) is not null).ToList(), Console.Out, CancellationToken.None));
    Console.WriteLine(string.Join("\n", checks));
    File.WriteAllText(Path.Combine(outDir, "rank-check.md"), string.Join("\n", checks));
    return 0;
}
var results = new List<SimulationResult>();
foreach (var seed in seeds)
{
    var sim = new Simulator(households, days, seed, asOf, tipRate, Path.Combine(outDir, string.Create(inv, $"seed-{seed}")), Console.Out, parallel);
    var result = await sim.RunAsync(policies, CancellationToken.None);
    results.Add(result);
    Console.WriteLine();
    Console.Write(result.Format());
    Console.WriteLine();
}
var summary = SimulationResult.Summary(results);
Console.Write(summary);
File.WriteAllText(Path.Combine(outDir, "results.md"), string.Join("\n", results.Select(r => r.Format())) + "\n" + summary);
Console.WriteLine(string.Create(inv, $"total {watch.Elapsed.TotalSeconds:F0} s; results in {Path.Combine(outDir, "results.md")}"));
return 0;
