using System.Diagnostics;
using System.Globalization;
using BlindSpot.Hosting.Logging;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Microsoft.Extensions.Logging;

// dotnet run -c Release --project bench/BlindSpot.Bench -- generate <inbox> [households] [seed]
// dotnet run -c Release --project bench/BlindSpot.Bench -- ingest <inbox> sqlite <file.db>
// dotnet run -c Release --project bench/BlindSpot.Bench -- ingest <inbox> postgres [connection string | temp]
// dotnet run -c Release --project bench/BlindSpot.Bench -- score-national [--households 23000000] [--batch 50000]
//     [--reasons 1000000] [--district 20000] [--work /tmp/blindspot-bench]
// dotnet run -c Release --project bench/BlindSpot.Bench -- run-district <inbox> <file.db> <out> [as-of yyyy-MM-dd]
// dotnet run -c Release --project bench/BlindSpot.Bench -- play-district [--households 190000] [--days 3] [--seed 42] [--work /tmp/blindspot-play]
// dotnet run -c Release --project bench/BlindSpot.Bench -- profile-district <file.db> <as-of yyyy-MM-dd>
// dotnet run -c Release --project bench/BlindSpot.Bench -- national [--districts 20] [--households 190000] [--servers 1,2,3]
//     [--kill-in-pass 3] [--work /tmp/blindspot-national] [--jobs-dll path] [--invisibility-seconds 30] [--district-cache DIR]
// dotnet run -c Release --project bench/BlindSpot.Bench -- resolve-tips [--households 60000] [--tips 20000] [--seed 1]
//     [--threshold 0.7] [--sweep] [--misses] [--dump misses.tsv] [--no-notes]
// dotnet run -c Release --project bench/BlindSpot.Bench -- keep-registry <file.db>   (the registry copy of this build, for measuring daily runs)
// dotnet run -c Release --project bench/BlindSpot.Bench -- resolve-inbox <inbox> [--now yyyy-MM-ddTHH:mm] [--kept] [--index-repeat N] [--dump FILE]
//     (every tip of an inbox resolved as ingest does; prints a digest of every result: equal digests, equal resolutions)
// dotnet run -c Release --project bench/BlindSpot.Bench -- read-files <inbox> [file ...] [--repeat 8] [--now yyyy-MM-ddTHH:mm]
//     (files read as ingest reads them, several times: fastest and median time, bytes allocated, a digest of what each gave)
// (--no-notes: the resolver is not given the notes nor the reporter types, the evidence before issue 9's fourth session.)
// "temp" starts a throw-away PostgreSQL from the machine's binaries (tests/BlindSpot.Testing), like the tests do.
var inv = CultureInfo.InvariantCulture;
// The value after an option's name (--repeat 8), or the fallback.
string Opt(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
if (args is ["generate", var dir, ..])
{
    var households = args.Length > 2 ? int.Parse(args[2], inv) : 190_000;
    var seed = args.Length > 3 ? int.Parse(args[3], inv) : new SampleOptions().Seed;
    var watch = Stopwatch.StartNew();
    var manifest = new DistrictGenerator(new SampleOptions { Households = households, Seed = seed }).WriteInbox(dir);
    Console.WriteLine(string.Create(inv, $"generated {manifest.Files.Count} files, {manifest.Files.Sum(f => f.RowsWritten)} rows, " +
        $"{Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length) / 1e6:F1} MB in {watch.Elapsed.TotalSeconds:F1} s"));
    return 0;
}
if (args is ["ingest", var inbox, var engine, ..])
{
    PostgresServer? server = null;
    string db;
    if (engine == "sqlite")
    {
        db = args.Length > 3 ? args[3] : "bench.db";
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);
    }
    else
    {
        var target = args.Length > 3 ? args[3] : "temp";
        if (target == "temp")
        {
            server = await PostgresServer.SharedAsync();
            db = await server.CreateDatabaseAsync("bench");
        }
        else db = target;
    }

    using var logs = LoggingSetup.CreateLoggerFactory(new LoggingOptions { Console = false });
    await using var store = await StoreFactory.OpenAsync(db, CancellationToken.None);
    var service = new BlindSpot.Hosting.Composition.PipelineServices(store, logs, TimeProvider.System, BlindSpot.Hosting.Composition.PipelineSettings.Default).Ingest();
    var quarantine = Path.Combine(Path.GetTempPath(), "blindspot-bench-quarantine");
    var watch = Stopwatch.StartNew();
    var report = await service.IngestInboxAsync(inbox, quarantine, CancellationToken.None);
    var seconds = watch.Elapsed.TotalSeconds;
    var ledger = report.Files.Where(f => f.Ledger is not null).Select(f => f.Ledger!).ToList();
    var rows = ledger.Sum(f => f.RowsRead);
    var mb = Directory.EnumerateFiles(inbox).Sum(f => new FileInfo(f).Length) / 1e6;
    Console.WriteLine(string.Create(inv,
        $"{store.Engine}: {report.Files.Count} files, {mb:F1} MB, {rows} rows ({ledger.Sum(f => f.Accepted)} accepted, {ledger.Sum(f => f.Duplicate)} duplicate, " +
        $"{ledger.Sum(f => f.Quarantined)} quarantined) in {seconds:F1} s = {rows / seconds:F0} rows/s; " +
        $"managed heap at last GC {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; " +
        $"cpu {Environment.CpuUsage.TotalTime.TotalSeconds:F2} s, load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}"));
    if (server is not null) await server.DisposeAsync();
    return 0;
}
if (args is ["score-national", ..])
{
    var options = new BlindSpot.Bench.NationalOptions(
        Households: long.Parse(Opt("--households", "23000000"), inv),
        Batch: int.Parse(Opt("--batch", "50000"), inv),
        ReasonsHouseholds: long.Parse(Opt("--reasons", "1000000"), inv),
        District: int.Parse(Opt("--district", "20000"), inv),
        Work: Opt("--work", Path.Combine(Path.GetTempPath(), "blindspot-bench")));
    Directory.CreateDirectory(options.Work);
    return await BlindSpot.Bench.NationalScoring.RunAsync(options, CancellationToken.None);
}
if (args is ["run-district", var runInbox, var runDb, var runOut, ..])
{
    var asOf = args.Length > 4 ? DateOnly.ParseExact(args[4], "yyyy-MM-dd", inv) : new SampleOptions().AsOf;
    return await BlindSpot.Bench.DistrictRun.RunAsync(runInbox, runDb, runOut, asOf, CancellationToken.None);
}
if (args is ["day-files", var dayDb, var dayInbox, var dayDate, ..])
{
    // One calendar day's new files into an inbox, by the sample generator's continued district (DayFiles): that day's tips
    // and the results of its stored worklist. With a copy of a played store, one daily run can be measured again and again
    // (`run-district` on the copy). The seed and households are those `generate` was given (defaults alike).
    var day = DateOnly.ParseExact(dayDate, "yyyy-MM-dd", inv);
    var seed = args.Length > 4 ? int.Parse(args[4], inv) : new SampleOptions().Seed;
    var households = args.Length > 5 ? int.Parse(args[5], inv) : new SampleOptions().Households;
    await using var store = await StoreFactory.OpenAsync(dayDb, CancellationToken.None);
    var (files, problem) = await BlindSpot.Bench.DayFiles.OpenAsync(store, households, seed, day, CancellationToken.None);
    if (files is null)
    {
        Console.Error.WriteLine($"day-files: {problem}");
        return 2;
    }
    var (tips, visits) = await files.WriteAsync(store, day, dayInbox, CancellationToken.None);
    Console.WriteLine(string.Create(inv, $"{tips} tips, {visits} visits written to {dayInbox}"));
    return 0;
}
if (args is ["profile-district", var profileDb, var profileAsOf])
    return await BlindSpot.Bench.DistrictProfile.RunAsync(profileDb, DateOnly.ParseExact(profileAsOf, "yyyy-MM-dd", inv), CancellationToken.None);
if (args is ["national", ..])
{
    var options = new BlindSpot.Bench.NationalOptions2(
        Districts: int.Parse(Opt("--districts", "20"), inv),
        Households: int.Parse(Opt("--households", "190000"), inv),
        Work: Opt("--work", Path.Combine(Path.GetTempPath(), "blindspot-national")),
        Servers: Opt("--servers", "1,2,3").Split(',').Select(x => int.Parse(x, inv)).ToArray(),
        KillInPass: int.Parse(Opt("--kill-in-pass", "3"), inv),
        JobsDll: Opt("--jobs-dll", Path.Combine(AppContext.BaseDirectory, "BlindSpot.Jobs.dll")),
        Invisibility: TimeSpan.FromSeconds(int.Parse(Opt("--invisibility-seconds", "30"), inv)),
        DistrictCache: Opt("--district-cache", "") is { Length: > 0 } cache ? Path.GetFullPath(cache) : null);
    Directory.CreateDirectory(options.Work);
    return await BlindSpot.Bench.NationalRun.RunAsync(options, CancellationToken.None);
}
if (args is ["play-district", ..])
{
    var work = Opt("--work", Path.Combine(Path.GetTempPath(), "blindspot-play"));
    Directory.CreateDirectory(work);
    return await BlindSpot.Bench.DistrictPlay.RunAsync(work, int.Parse(Opt("--households", "190000"), inv), int.Parse(Opt("--days", "3"), inv),
        int.Parse(Opt("--seed", "42"), inv), CancellationToken.None);
}
if (args is ["resolve-tips", ..])
{
    var th = Opt("--threshold", "");
    return BlindSpot.Bench.TipResolutionBench.Run(int.Parse(Opt("--households", "60000"), inv), int.Parse(Opt("--tips", "20000"), inv),
        int.Parse(Opt("--seed", "1"), inv), th.Length > 0 ? double.Parse(th, inv) : null, args.Contains("--sweep"),
        args.Contains("--misses"), Opt("--dump", "") is { Length: > 0 } dump ? dump : null, notes: !args.Contains("--no-notes"));
}
if (args is ["keep-registry", var keepDb])
{
    // The registry copy a run of this build keeps (RegistryCache: the registry read from its versions, the copy written for
    // its state), written into a store whose copy another build wrote (a build reads only its own): a daily run measured on
    // it then reads the copy, as every daily run after the first does. Run with the measured build's BlindSpot.*.dll.
    await using var store = await StoreFactory.OpenAsync(keepDb, CancellationToken.None);
    var state = await store.RegistryStateAsync(CancellationToken.None);
    var context = new BlindSpot.Core.Ingest.IngestContext();
    await store.LoadIngestContextPartsAsync(context, BlindSpot.Core.Ingest.IngestContextParts.Registry, CancellationToken.None);
    var copy = new BlindSpot.Resolution.RegistryTipResolution().RegistryCopy(context);
    await store.SaveRegistryCacheAsync(state, copy, CancellationToken.None);
    Console.WriteLine(string.Create(inv, $"kept a copy of the registry ({context.Households.Count:N0} households, {copy.Length / 1e6:F1} MB)"));
    return 0;
}
if (args is ["read-files", var readInbox, ..])
{
    var names = args.Skip(2).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    return BlindSpot.Bench.FileReadBench.Run(readInbox, names, int.Parse(Opt("--repeat", "8"), inv), DateTime.Parse(Opt("--now", "2026-11-05T00:00"), inv));
}
if (args is ["resolve-inbox", var resolveInbox, ..])
{
    return BlindSpot.Bench.InboxResolutionBench.Run(resolveInbox, DateTime.Parse(Opt("--now", "2026-11-05T00:00"), inv), args.Contains("--kept"),
        int.Parse(Opt("--index-repeat", "1"), inv), Opt("--dump", "") is { Length: > 0 } d ? d : null);
}
Console.Error.WriteLine("usage: generate <inbox> [households] [seed] | ingest <inbox> sqlite <file.db> | ingest <inbox> postgres [connection string|temp] " +
    "| score-national [--households N] [--batch N] [--reasons N] [--district N] [--work DIR] | run-district <inbox> <file.db> <out> [as-of] | day-files <file.db> <inbox> <date> [seed] [households] " +
    "| play-district [--households N] [--days N] [--seed N] [--work DIR] | resolve-tips [--households N] [--tips N] [--seed N] [--threshold P] [--sweep] [--misses] [--dump FILE] [--no-notes] " +
    "| keep-registry <file.db> | resolve-inbox <inbox> [--now yyyy-MM-ddTHH:mm] [--kept] [--index-repeat N] [--dump FILE] " +
    "| national [--districts N] [--households N] [--servers 1,2,3] [--kill-in-pass N] [--work DIR] [--invisibility-seconds N] [--district-cache DIR]");
return 2;
