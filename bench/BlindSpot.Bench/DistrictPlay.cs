using System.Diagnostics;
using System.Globalization;
using BlindSpot.Core.Time;
using BlindSpot.Samples;

namespace BlindSpot.Bench;

/// <summary>
/// `play-district`: plays a generated district for several days, each run in its own process like the nightly CLI
/// `run`. Day 0 is the first run on an empty store (the generated inbox: ingest, train, score, lists); every business
/// day after it the inbox gets that day's new tips and visit results (no new registry snapshot) from
/// <see cref="DayFiles"/> (the sample generator's continued district) and the run goes again as of that day. Prints each run's phases and peak memory, and the
/// load average. The work folder keeps the inbox between invocations; the store is recreated.
/// </summary>
internal static class DistrictPlay
{
    public static async Task<int> RunAsync(string work, int households, int days, int seed, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = new SampleOptions { Households = households, Seed = seed };
        var inbox = Path.Combine(work, $"inbox-{households}-{seed}");
        if (!Directory.Exists(inbox))
        {
            var gen = Stopwatch.StartNew();
            new DistrictGenerator(options).WriteInbox(inbox);
            Console.WriteLine(string.Create(inv, $"generated {inbox} in {gen.Elapsed.TotalSeconds:F1} s"));
        }
        // The days' files go to a copy of the inbox, so that the generated one stays as generated.
        var play = Path.Combine(work, "play");
        if (Directory.Exists(play)) Directory.Delete(play, recursive: true);
        var playInbox = Directory.CreateDirectory(Path.Combine(play, "inbox")).FullName;
        foreach (var f in Directory.EnumerateFiles(inbox)) File.Copy(f, Path.Combine(playInbox, Path.GetFileName(f)));
        var db = Path.Combine(play, "blindspot.db");
        var outDir = Path.Combine(play, "out");

        var calendar = new BusinessCalendar(BlindSpot.Hosting.Composition.PipelineSettings.Default.Worklists.Holidays);
        var asOf = options.AsOf;
        Console.WriteLine("wall seconds [CPU seconds of the process in brackets]; peak = process peak working set");
        Console.WriteLine($"day              | ingest        train         score         (features scoring) worklists     targets      | total         | peak MB | rows   listed | load");
        var first = await RunDayAsync(db, playInbox, outDir, asOf, "first", ct);
        if (first != 0) return first;

        DayFiles? files = null;
        for (var i = 0; i < days; i++)
        {
            var next = calendar.NextBusinessDay(asOf);
            await using (var store = await BlindSpot.Storage.StoreFactory.OpenAsync(db, ct))
            {
                if (files is null)
                {
                    var (opened, problem) = await DayFiles.OpenAsync(store, households, seed, asOf.AddDays(1), ct);
                    files = opened ?? throw new InvalidOperationException(problem);
                }
                for (var d = asOf.AddDays(1); d <= next; d = d.AddDays(1))
                {
                    var (tips, visits) = await files.WriteAsync(store, d, playInbox, ct);
                    Console.WriteLine(string.Create(inv, $"  {d:yyyy-MM-dd}: {tips} tips, {visits} visits written"));
                }
            }
            asOf = next;
            var code = await RunDayAsync(db, playInbox, outDir, asOf, "daily", ct);
            if (code != 0) return code;
        }
        return 0;
    }

    static async Task<int> RunDayAsync(string db, string inbox, string outDir, DateOnly asOf, string kind, CancellationToken ct)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(DistrictPlay).Assembly.Location;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!Path.GetFileNameWithoutExtension(self).Equals("BlindSpot.Bench", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(dll);
        foreach (var a in new[] { "run-district", inbox, db, outDir, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var errTask = p.StandardError.ReadToEndAsync(ct);
        var output = await p.StandardOutput.ReadToEndAsync(ct);
        var err = await errTask;
        await p.WaitForExitAsync(ct);
        await File.AppendAllTextAsync(Path.Combine(Path.GetDirectoryName(db)!, "runs.log"), $"== {kind} {asOf:yyyy-MM-dd}\n{output}{err}", ct);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("PHASES ", StringComparison.Ordinal));
        if (p.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"run as of {asOf:yyyy-MM-dd} failed ({p.ExitCode}); see runs.log");
            return p.ExitCode == 0 ? 1 : p.ExitCode;
        }
        var v = line["PHASES ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        string G(string k) => v.GetValueOrDefault(k, "-");
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        string P(string k) => $"{G(k),6} [{G(k + "_cpu"),5}]";
        Console.WriteLine($"{asOf:yyyy-MM-dd} {kind,-5} | {P("ingest")} {P("train")} {P("score")} ({G("features"),6} {G("scoring"),6}) {P("worklists")} {P("targets")} | {G("total"),6} [{G("cpu"),6}] | {G("peak_mb"),6}  | {G("rows"),6} {G("listed"),5} | {load}");
        return 0;
    }
}
