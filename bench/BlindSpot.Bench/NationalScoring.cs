using System.Diagnostics;
using System.Globalization;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Model.Features;
using BlindSpot.Model.Training;
using BlindSpot.Samples;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Bench;

/// <summary>Settings of `score-national` (docs/benchmarks.md).</summary>
/// <param name="Households">Synthetic households streamed through the model (the nation: ~23 million).</param>
/// <param name="Batch">Rows per IDataView batch (ScoreService uses 50,000).</param>
/// <param name="ReasonsHouseholds">Households scored a second time with reasons (feature contributions); 0 = skip.</param>
/// <param name="District">Households of the generated district the model is trained on and the rows are drawn from.</param>
/// <param name="Work">Scratch folder (inbox, SQLite file, quarantine); reused when the inbox exists.</param>
internal sealed record NationalOptions(long Households, int Batch, long ReasonsHouseholds, int District, string Work, int Seed = 7);

/// <summary>
/// National-scale scoring: trains a real model on a small generated district (generator -> real ingest -> TrainService
/// into SQLite), then streams synthetic feature rows - drawn from the district's real rows with jitter, generated
/// lazily batch by batch, never all in memory - through the model, one IDataView per batch.
/// </summary>
internal static class NationalScoring
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly DateOnly AsOf = new SampleOptions().AsOf;

    /// <summary>Households in Korea (design.md §6): the size every measurement is extrapolated to.</summary>
    const long NationalHouseholds = 23_000_000;

    public static async Task<int> RunAsync(NationalOptions o, CancellationToken ct)
    {
        Print($"load average at start: {LoadAverage()}");
        var (model, pool) = await PrepareAsync(o, ct);
        Print($"pool: {pool.Count} real feature rows of the district as of {AsOf:yyyy-MM-dd}, {pool.Count(f => f.Notes.Length > 0)} with tip notes");

        // Warm-up (JIT, ML.NET component catalog) outside the clock.
        _ = model.Probabilities(pool.Take(1000).ToList());
        _ = model.Score(pool.Take(1000).ToList()).Count();

        if (o.Households > 0) Measure("probabilities only", o.Households, pool, o, batch => model.Probabilities(batch).Length, ct);
        if (o.ReasonsHouseholds > 0)
            Measure("probabilities + top-3 reasons", o.ReasonsHouseholds, pool, o, batch => model.Score(batch, 3).Count(s => s.Reasons.Count > 0), ct);

        using var self = Process.GetCurrentProcess();
        Print($"process peak working set {self.PeakWorkingSet64 / 1e6:F0} MB (includes the district load and training above); " +
              $"load average at end: {LoadAverage()}");
        return 0;
    }

    /// <summary>Generates (once) and ingests a small district, trains a model on it and builds its feature rows as of the as-of date.</summary>
    static async Task<(RiskModel Model, IReadOnlyList<HouseholdFeatures> Pool)> PrepareAsync(NationalOptions o, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var inbox = Path.Combine(o.Work, $"inbox-{o.District}");
        if (!Directory.Exists(inbox)) new DistrictGenerator(new SampleOptions { Households = o.District }).WriteInbox(inbox);
        var db = Path.Combine(o.Work, $"national-{o.District}.db");
        foreach (var f in new[] { db, db + "-wal", db + "-shm" }) File.Delete(f);

        using var logs = LoggingSetup.CreateLoggerFactory(new LoggingOptions { Console = false });
        await using var store = await StoreFactory.OpenAsync(db, ct);
        var services = new PipelineServices(store, logs, TimeProvider.System, PipelineSettings.Default);
        await services.Ingest().IngestInboxAsync(inbox, Path.Combine(o.Work, "quarantine"), ct);
        var ingestSeconds = watch.Elapsed.TotalSeconds;
        var trained = await services.Train().TrainAsync(AsOf, null, ct);
        if (trained.Version is null) throw new InvalidOperationException($"No model trained: {trained.Failure}");
        var model = RiskModel.Load(await store.LoadModelBytesAsync(trained.Version, ct), trained.Card!.Options.Seed);
        var pool = new FeatureBuilder(await store.LoadDistrictAsync(AsOf, ct)).BuildAll(AsOf, ct);
        Print($"district of {o.District} households: generate+ingest {ingestSeconds:F1} s, train {trained.Version} + feature pool " +
              $"{watch.Elapsed.TotalSeconds - ingestSeconds:F1} s (test precision@k {trained.Card.Model.PrecisionAtK:F3}, AUC {trained.Card.Model.Auc:F3})");
        return (model, pool);
    }

    static void Measure(string what, long households, IReadOnlyList<HouseholdFeatures> pool, NationalOptions o, Func<IReadOnlyList<HouseholdFeatures>, int> score, CancellationToken ct)
    {
        GC.Collect();
        var startHeap = GC.GetTotalMemory(true);
        long maxHeap = 0, maxWorkingSet = 0, scored = 0, counted = 0;
        var generate = new Stopwatch();
        var scoring = new Stopwatch();
        var wall = Stopwatch.StartNew();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        using var self = Process.GetCurrentProcess();
        var lastReport = 0L;
        generate.Start();
        foreach (var batch in SyntheticRows.Batches(pool, households, o.Batch, o.Seed))
        {
            ct.ThrowIfCancellationRequested();
            generate.Stop();
            scoring.Start();
            counted += score(batch);
            scoring.Stop();
            scored += batch.Count;
            maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
            self.Refresh();
            maxWorkingSet = Math.Max(maxWorkingSet, self.WorkingSet64);
            if (scored - lastReport >= 1_000_000 || scored == households)
            {
                lastReport = scored;
                Console.Error.WriteLine(string.Create(Inv, $"  {what}: {scored:N0} rows, {scored / wall.Elapsed.TotalSeconds:F0} rows/s"));
            }
            generate.Start();
        }
        generate.Stop();
        Print($"{what}: {scored:N0} households in batches of {o.Batch:N0}: wall {wall.Elapsed.TotalSeconds:F1} s = {scored / wall.Elapsed.TotalSeconds:F0} households/s; " +
              $"scoring only {scoring.Elapsed.TotalSeconds:F1} s = {scored / scoring.Elapsed.TotalSeconds:F0}/s, generating rows {generate.Elapsed.TotalSeconds:F1} s; " +
              $"managed heap max {maxHeap / 1e6:F0} MB (before: {startHeap / 1e6:F0} MB), working set max {maxWorkingSet / 1e6:F0} MB; " +
              $"GCs gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}; check count {counted:N0}; " +
              $"extrapolated to {NationalHouseholds:N0}: {NationalHouseholds / (scored / wall.Elapsed.TotalSeconds) / 60:F1} min");
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    static void Print(string line) => Console.WriteLine(string.Create(Inv, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));
}
