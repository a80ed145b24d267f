using System.Diagnostics;
using System.Globalization;
using BlindSpot.Simulation;

// dotnet run -c Release --project bench/BlindSpot.Simulation -- --households N --days D --seed S [--out DIR] [--as-of yyyy-MM-dd]
//   [--policies model,tips,rules,tips+rules,random]
// A benchmark tool, not a test: see docs/simulation.md.
var inv = CultureInfo.InvariantCulture;
var households = 30_000;
var days = 20;
var seed = 42;
var asOf = new DateOnly(2026, 10, 30);
string? outDir = null;
var policies = Simulator.AllPolicies;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--households": households = int.Parse(Next(), inv); break;
        case "--days": days = int.Parse(Next(), inv); break;
        case "--seed": seed = int.Parse(Next(), inv); break;
        case "--out": outDir = Next(); break;
        case "--as-of": asOf = DateOnly.ParseExact(Next(), "yyyy-MM-dd", inv); break;
        case "--policies": policies = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
        default:
            Console.Error.WriteLine("usage: --households N --days D --seed S [--out DIR] [--as-of yyyy-MM-dd] [--policies model,tips,rules,tips+rules,random]");
            return 2;
    }
}
if (days < 1 || policies.Any(p => !Simulator.AllPolicies.Contains(p)))
{
    Console.Error.WriteLine($"--days must be 1 or more; policies are {string.Join(",", Simulator.AllPolicies)}");
    return 2;
}
outDir ??= Path.Combine(Path.GetTempPath(), string.Create(inv, $"blindspot-sim-{households}-{seed}"));

var watch = Stopwatch.StartNew();
var sim = new Simulator(households, days, seed, asOf, Path.GetFullPath(outDir), Console.Out);
var result = await sim.RunAsync(policies, CancellationToken.None);
Console.WriteLine();
Console.Write(result.Format());
Console.WriteLine(string.Create(inv, $"total {watch.Elapsed.TotalSeconds:F0} s; work folder {Path.GetFullPath(outDir)}"));
return 0;
