using System.Diagnostics;
using System.Globalization;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Hangfire;
using Npgsql;

namespace BlindSpot.Bench;

/// <param name="Servers">Server counts to run one pass with each, e.g. 1,2,3 (each pass is the next business day).</param>
/// <param name="KillInPass">The pass (1-based) in which the first server is killed after the first district completes; 0 for none.</param>
/// <param name="DistrictCache">A folder the servers keep each district's history in between runs (BlindSpot:DistrictCache;
/// all servers of this machine share it), or null: none, the jobs host's default for PostgreSQL.</param>
internal sealed record NationalOptions2(int Districts, int Households, string Work, int[] Servers, int KillInPass, string JobsDll, TimeSpan Invisibility,
    string? DistrictCache = null);

/// <summary>
/// `national`: the national fan-out on this machine (docs/adr/0007-national-fan-out-database-per-district.md). A real
/// PostgreSQL server (tests/BlindSpot.Testing) holds one database per generated district and Hangfire's queue in the
/// national database; job servers are separate processes of the jobs host (jobs/BlindSpot.Jobs) with one worker each.
/// Pass 0 is every district's first run (ingest, train, score, lists) on all servers; then one pass per server count,
/// each the next business day's run of every district, one Hangfire job per district, after that day's new tips and visit
/// results (and those of the weekend before it) were written into each district's inbox (<see cref="DayFiles"/>). In the
/// kill pass the first server is killed (SIGKILL) once a district has completed; its district is finished by the others
/// after Hangfire's invisibility timeout. Prints per pass: wall time, completions per server, per-district job time, peak
/// RSS per server; and checks that each district's run completed exactly once per day (its job-run ledger).
/// </summary>
internal static class NationalRun
{
    public static async Task<int> RunAsync(NationalOptions2 o, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("national");
        var districts = Enumerable.Range(1, o.Districts).Select(i => $"d{i:D2}").ToArray();
        var inboxRoot = Path.Combine(o.Work, "inbox");
        var outRoot = Path.Combine(o.Work, "out");
        var options = new SampleOptions { Households = o.Households };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < districts.Length; i++)
        {
            var inbox = Path.Combine(inboxRoot, districts[i]);
            if (!Directory.Exists(inbox)) new DistrictGenerator(options with { Seed = 1000 + i }).WriteInbox(inbox);
            await DistrictDatabases.EnsureCreatedAsync(national, districts[i], ct);
        }
        Console.WriteLine(string.Create(inv, $"{districts.Length} districts x {o.Households} households: inboxes and databases ready in {watch.Elapsed.TotalSeconds:F1} s (load {Load()})"));

        var storage = HangfireStorageFactory.Create(new JobsOptions { QueuePollInterval = TimeSpan.FromSeconds(1), InvisibilityTimeout = o.Invisibility }, national);
        var client = new BackgroundJobClient(storage);
        var calendar = new BlindSpot.Core.Time.BusinessCalendar(BlindSpot.Hosting.Composition.PipelineSettings.Default.Worklists.Holidays);
        var asOf = options.AsOf;
        var passes = new List<(string Name, int Servers, bool Kill)> { ("first runs", o.Servers.Max(), false) };
        passes.AddRange(o.Servers.Select((n, k) => ($"daily, {n} server{(n > 1 ? "s" : "")}", n, k + 1 == o.KillInPass)));
        foreach (var (name, count, kill) in passes)
        {
            if (name != "first runs")
            {
                // A daily pass is a real day: each district's new tips and the results of its stored worklist, for every
                // calendar day since the last pass (a weekend's tips arrive with Monday's), written before the pass starts.
                var next = calendar.NextBusinessDay(asOf);
                watch.Restart();
                var (tips, visits) = (0, 0);
                for (var i = 0; i < districts.Length; i++)
                {
                    var (t, v) = await WriteDaysAsync(national, districts[i], o.Households, 1000 + i, asOf.AddDays(1), next, Path.Combine(inboxRoot, districts[i]), ct);
                    (tips, visits) = (tips + t, visits + v);
                }
                Console.WriteLine(string.Create(inv, $"{asOf.AddDays(1):yyyy-MM-dd}..{next:yyyy-MM-dd}: {tips} tips and {visits} visit results written into the {districts.Length} inboxes in {watch.Elapsed.TotalSeconds:F1} s (not timed in the pass)"));
                asOf = next;
            }
            var code = await PassAsync(o, national, client, districts, asOf, name, count, kill, server.ProcessId, ct);
            if (code != 0) return code;
        }
        await server.DisposeAsync();
        return 0;
    }

    static async Task<int> PassAsync(NationalOptions2 o, string national, BackgroundJobClient client, string[] districts, DateOnly asOf,
        string name, int count, bool kill, int? postgres, CancellationToken ct)
    {
        var postgresCpu = ProcessTreeCpu(postgres);
        var inv = CultureInfo.InvariantCulture;
        var logs = Directory.CreateDirectory(Path.Combine(o.Work, "logs", $"{asOf:yyyyMMdd}")).FullName;
        var servers = new List<(Process Process, string Log, long PeakKb, double CpuSeconds)>();
        for (var s = 0; s < count; s++)
        {
            var log = Path.Combine(logs, $"server{s + 1}.log");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[]
            {
                o.JobsDll, "--db", national, "--inbox", Path.Combine(o.Work, "inbox"), "--out", Path.Combine(o.Work, "out"),
                "--quarantine", Path.Combine(o.Work, "quarantine"), "--workers", "1",
                // National servers, as deployed: the national database holds only the queue (no store of their own there).
                "--districts", string.Join(',', districts),
                "--BlindSpot:Jobs:RegisterSchedule=false", "--BlindSpot:Logging:File=", "--BlindSpot:Jobs:QueuePollInterval=00:00:01",
                $"--BlindSpot:Jobs:InvisibilityTimeout={o.Invisibility:c}",
                // The bench writes each inbox whole before it enqueues (as a clerk copies files before a run): the jobs host's
                // minute of quiet for files still being written would defer every file just written to the next run.
                "--BlindSpot:Ingest:QuietPeriod=00:00:00",
            }) start.ArgumentList.Add(a);
            if (o.DistrictCache is { } cache) start.ArgumentList.Add($"--BlindSpot:DistrictCache={cache}");
            var p = Process.Start(start)!;
            var writer = new StreamWriter(log) { AutoFlush = true };
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            servers.Add((p, log, 0, 0));
        }

        var watch = Stopwatch.StartNew();
        foreach (var d in districts) client.Enqueue<DistrictRunJob>(j => j.RunAsync(d, asOf, CancellationToken.None));
        var key = asOf.ToString("yyyy-MM-dd", inv);
        var done = new Dictionary<string, int>();
        var killedAt = -1.0;
        string? killedDistrict = null;
        // Each live server's peak and CPU so far (a killed server keeps its last sample).
        void Sample()
        {
            for (var s = 0; s < servers.Count; s++)
                if (!servers[s].Process.HasExited)
                    servers[s] = servers[s] with
                    {
                        PeakKb = Math.Max(servers[s].PeakKb, PeakKb(servers[s].Process.Id)),
                        CpuSeconds = Math.Max(servers[s].CpuSeconds, Cpu(servers[s].Process.Id, withChildren: false) ?? 0),
                    };
        }
        while (done.Count < districts.Length && watch.Elapsed < TimeSpan.FromMinutes(60))
        {
            await Task.Delay(500, ct);
            Sample();
            foreach (var d in districts.Where(d => !done.ContainsKey(d)))
                if (await CompletedAsync(national, d, key, ct) is var n and > 0) done[d] = n;
            // Kill server 1 mid-way: once a district has completed somewhere and server 1 is in the middle of one.
            if (kill && killedAt < 0 && done.Count > 0 && InFlight(servers[0].Log) is { } district)
            {
                servers[0].Process.Kill(entireProcessTree: true);
                killedAt = watch.Elapsed.TotalSeconds;
                killedDistrict = district;
            }
        }
        var wall = watch.Elapsed.TotalSeconds;
        Sample();
        postgresCpu = ProcessTreeCpu(postgres) - postgresCpu;
        foreach (var s in servers.Where(s => !s.Process.HasExited)) s.Process.Kill(entireProcessTree: true);
        foreach (var s in servers) await s.Process.WaitForExitAsync(ct);
        await Task.Delay(300, ct);

        var logLines = servers.Select(s => File.ReadAllLines(s.Log)).ToList();
        var finisher = killedDistrict is null ? -1 : logLines.FindIndex(lines => lines.Any(l => l.Contains($"Job district-run for {killedDistrict}|", StringComparison.Ordinal) && l.Contains(" completed in ", StringComparison.Ordinal)));
        var killed = killedAt >= 0 ? string.Create(inv, $"; server 1 killed at {killedAt:F1} s in the middle of {killedDistrict}, which server {finisher + 1} finished") : "";
        Console.WriteLine(string.Create(inv, $"== {name} as of {key}: {done.Count}/{districts.Length} districts in {wall:F1} s wall (load {Load()}){killed}"));
        // Exactly once: one "completed" line per district over every server's log, and every district's ledger says completed.
        var completions = logLines.SelectMany(lines => lines)
            .Where(l => l.Contains("Job district-run for", StringComparison.Ordinal) && l.Contains(" completed in ", StringComparison.Ordinal))
            .Select(l => l.Split("Job district-run for ")[1].Split('|')[0].Trim()).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var skipped = logLines.SelectMany(lines => lines).Count(l => l.Contains("already completed: nothing to do", StringComparison.Ordinal));
        var exactlyOnce = done.Count == districts.Length && districts.All(d => completions.GetValueOrDefault(d) == 1);
        Console.WriteLine($"   each district's run completed exactly once: {exactlyOnce} (ledger: {done.Count} completed; logs: {completions.Values.Sum()} completions, {skipped} duplicate deliveries skipped)");
        // CPU of the pass: the servers' own (the killed one's up to its last sample), and PostgreSQL's (its processes, ended
        // backends included): what a district's run costs the machines, whatever the servers waited for.
        var serversCpu = servers.Sum(s => s.CpuSeconds);
        Console.WriteLine(string.Create(inv,
            $"   CPU: servers {serversCpu:F1} s, PostgreSQL {postgresCpu:F1} s; per district {serversCpu / districts.Length:F2} + {postgresCpu / districts.Length:F2} s"));
        // A run that left its files for later did not do the pass's work: the figures would time empty runs.
        var deferred = logLines.SelectMany(lines => lines).Count(l => l.Contains(" Deferred ", StringComparison.Ordinal));
        if (deferred > 0)
        {
            Console.Error.WriteLine($"   {deferred} files were deferred by the runs (not read): the pass did not measure what it says");
            return 1;
        }
        for (var s = 0; s < servers.Count; s++)
        {
            var lines = logLines[s];
            var completed = lines.Where(l => l.Contains("Job district-run for", StringComparison.Ordinal) && l.Contains(" completed in ", StringComparison.Ordinal)).ToList();
            var ms = completed.Select(l => double.Parse(l.Split(" completed in ")[1].Split(' ')[0], inv)).ToList();
            var started = lines.Count(l => l.Contains("Job district-run for", StringComparison.Ordinal) && l.Contains(" started (", StringComparison.Ordinal));
            Console.WriteLine(string.Create(inv,
                $"   server {s + 1}: {completed.Count} districts completed ({started} started), per district {(ms.Count > 0 ? ms.Average() / 1000 : 0):F1} s avg " +
                $"({(ms.Count > 0 ? ms.Min() / 1000 : 0):F1}-{(ms.Count > 0 ? ms.Max() / 1000 : 0):F1}), throughput {(ms.Count > 0 ? completed.Count / wall * 3600 : 0):F0} districts/h, " +
                $"peak RSS {servers[s].PeakKb / 1024.0:F0} MB{(s == 0 && killedAt >= 0 ? " (killed)" : "")}"));
        }
        return done.Count == districts.Length ? 0 : 1;
    }

    /// <summary>One district's days <paramref name="from"/>..<paramref name="to"/> written into its inbox by the generator's
    /// continued district (<see cref="DayFiles"/>, as `day-files` writes them), opened on the district's own database.</summary>
    static async Task<(int Tips, int Visits)> WriteDaysAsync(string national, string district, int households, int seed, DateOnly from, DateOnly to,
        string inbox, CancellationToken ct)
    {
        await using var store = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(national, district), ct);
        var (files, problem) = await DayFiles.OpenAsync(store, households, seed, from, ct);
        if (files is null) throw new InvalidOperationException($"{district}: {problem}");
        var (tips, visits) = (0, 0);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (t, v) = await files.WriteAsync(store, day, inbox, ct);
            (tips, visits) = (tips + t, visits + v);
        }
        return (tips, visits);
    }

    static async Task<int> CompletedAsync(string national, string district, string key, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(DistrictDatabases.ConnectionString(national, district));
        await c.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM job_runs WHERE job = @j AND run_key = @k AND status = 'completed'", c);
        cmd.Parameters.AddWithValue("j", DistrictRunJob.Id);
        cmd.Parameters.AddWithValue("k", district + "|" + key);
        try { return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture); }
        // No job_runs table yet: the schema is created by the first server that opens the district. Any other error
        // (a login, a lost connection) stops the bench rather than read as "not completed" until the wait runs out.
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable) { return 0; }
    }

    /// <summary>The district a server's log shows started and not completed (its current job), if any.</summary>
    static string? InFlight(string log)
    {
        string[] lines;
        try { lines = File.ReadAllLines(log); } catch (IOException) { return null; }
        string? current = null;
        foreach (var l in lines.Where(l => l.Contains("Job district-run for ", StringComparison.Ordinal)))
        {
            var d = l.Split("Job district-run for ")[1].Split('|')[0];
            if (l.Contains(" started (", StringComparison.Ordinal)) current = d;
            else if (l.Contains(" completed in ", StringComparison.Ordinal) && current == d) current = null;
        }
        return current;
    }

    /// <summary>
    /// The numbers of /proc/&lt;pid&gt;/stat after the command (which may hold spaces, in parentheses): [1] is the parent's
    /// pid, [11] and [12] user and system ticks, [13] and [14] those of its ended, waited-for children; null when the
    /// process is gone.
    /// </summary>
    static long[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return [.. stat[(stat.LastIndexOf(')') + 2)..].Split(' ').Skip(1).Take(14).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).Prepend(0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>User + system CPU seconds of a process (with its ended children's when asked), or null. USER_HZ is 100 on Linux.</summary>
    static double? Cpu(int pid, bool withChildren) =>
        Stat(pid) is not { } f ? null : (f[11] + f[12] + (withChildren ? f[13] + f[14] : 0)) / 100.0;

    /// <summary>A server's CPU seconds: its main process with its ended children, and its live children (PostgreSQL's backends).</summary>
    static double ProcessTreeCpu(int? pid)
    {
        if (pid is not { } main || !Directory.Exists("/proc")) return 0;
        var total = Cpu(main, withChildren: true) ?? 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            // A backend that ended meanwhile has no stat: its time is in the main process's children's now.
            if (int.TryParse(Path.GetFileName(dir), out var child) && child != main && Stat(child) is { } f && f[1] == main)
                total += (f[11] + f[12]) / 100.0;
        }
        return total;
    }

    static long PeakKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
