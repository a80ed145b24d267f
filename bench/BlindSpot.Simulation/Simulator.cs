using System.Diagnostics;
using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Logging;
using BlindSpot.Pipeline;
using BlindSpot.Samples;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Simulation;

/// <summary>
/// Day after day: each policy starts from a copy of the same store (day-0 inbox ingested, first champion trained),
/// lists households for the next business day, "visits" them (results from the hidden truth, <see cref="VisitModel"/>),
/// writes the results as an outcomes file into its own inbox and ingests it the next day, exactly like production.
/// </summary>
internal sealed class Simulator(int households, int days, int seed, DateOnly day0, string workDir, TextWriter progress)
{
    public static readonly string[] AllPolicies = ["model", "tips", "rules", "tips+rules", "random"];
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<SimulationResult> RunAsync(IReadOnlyList<string> policies, CancellationToken ct)
    {
        if (Directory.Exists(workDir)) Directory.Delete(workDir, recursive: true);
        Directory.CreateDirectory(workDir);
        using var logs = LoggingSetup.CreateLoggerFactory(new LoggingOptions { Console = false, File = Path.Combine(workDir, "simulation.log") });

        var watch = Stopwatch.StartNew();
        var district = new DistrictGenerator(new SampleOptions { Households = households, Seed = seed, AsOf = day0 });
        var inbox0 = Path.Combine(workDir, "inbox0");
        district.WriteInbox(inbox0);
        progress.WriteLine(string.Create(Inv, $"generated {households:N0} households (seed {seed}, as of {day0:yyyy-MM-dd}) in {watch.Elapsed.TotalSeconds:F1} s"));

        // Day 0: ingest and train the first champion, once; every policy starts from a copy of this store.
        watch.Restart();
        var baseDb = Path.Combine(workDir, "base", "store.db");
        Directory.CreateDirectory(Path.GetDirectoryName(baseDb)!);
        string modelLine;
        BusinessCalendar calendar;
        await using (var store = await StoreFactory.OpenAsync(baseDb, ct))
        {
            var services = new PipelineServices(store, logs, TimeProvider.System, PipelineSettings.Default);
            calendar = services.Calendar;
            await services.Ingest().IngestInboxAsync(inbox0, Path.Combine(workDir, "base", "quarantine"), ct);
            var train = await services.Train().TrainAsync(day0, null, ct);
            modelLine = train.Card is { } card
                ? string.Create(Inv, $"first champion {train.Version}: validation AUC {card.Model.Auc:F3}, precision@{card.K} {card.Model.PrecisionAtK:F3} (rules {card.Rules.PrecisionAtK:F3}, tips-only {card.TipsOnly.PrecisionAtK:F3}), promoted {train.Promoted}")
                : $"no first model: {train.Failure}";
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        progress.WriteLine(string.Create(Inv, $"day 0 ingest + training in {watch.Elapsed.TotalSeconds:F1} s; {modelLine}"));

        var simDays = new List<DateOnly>();
        for (var d = day0; simDays.Count < days;) simDays.Add(d = calendar.NextBusinessDay(d));
        var truth = Truth(district, simDays);
        progress.WriteLine(string.Create(Inv,
            $"{simDays.Count} business days {simDays[0]:yyyy-MM-dd}..{simDays[^1]:yyyy-MM-dd}; living here and in crisis on day 1: {truth.InCrisisDay1:N0} " +
            $"of {truth.LivingDay1:N0} ({truth.InCrisisDay1 / (double)truth.LivingDay1:P1}); in crisis on some simulated day: {truth.InCrisisAnyDay:N0}"));

        var visitModel = new VisitModel(district, seed);
        var tallies = new List<Tally>();
        foreach (var policy in policies)
        {
            watch.Restart();
            var tally = await RunPolicyAsync(policy, baseDb, inbox0, simDays, visitModel, logs, ct);
            tally.Elapsed = watch.Elapsed;
            tallies.Add(tally);
            progress.WriteLine(string.Create(Inv,
                $"{policy,-11} {tally.Visits,6} visits, {tally.Discovered.Count,5} discoveries, precision {tally.Precision:P1} in {tally.Elapsed.TotalSeconds:F0} s"));
        }
        return new SimulationResult(households, days, seed, day0, simDays, modelLine, truth, tallies);
    }

    async Task<Tally> RunPolicyAsync(string policy, string baseDb, string inbox0, List<DateOnly> simDays, VisitModel visits, ILoggerFactory logs, CancellationToken ct)
    {
        var dir = Path.Combine(workDir, policy.Replace('+', '_'));
        var inbox = Path.Combine(dir, "inbox");
        var outDir = Path.Combine(dir, "out");
        var quarantine = Path.Combine(dir, "quarantine");
        Directory.CreateDirectory(inbox);
        foreach (var f in Directory.EnumerateFiles(inbox0)) File.Copy(f, Path.Combine(inbox, Path.GetFileName(f)));
        var db = Path.Combine(dir, "store.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(baseDb + suffix)) File.Copy(baseDb + suffix, db + suffix);

        var tally = new Tally(policy);
        await using var store = await StoreFactory.OpenAsync(db, ct);
        var services = new PipelineServices(store, logs, TimeProvider.System, PipelineSettings.Default);
        var options = services.Settings.Worklists.Policy;
        var asOf = day0;
        foreach (var day in simDays)
        {
            IReadOnlyList<WorklistEntry> entries;
            if (policy == "model")
            {
                var report = await services.Run().RunAsync(inbox, outDir, quarantine, asOf, ct);
                if (report.WorklistDate != day || report.Worklists.Error is not null)
                    throw new InvalidOperationException($"run as of {asOf:yyyy-MM-dd} made lists for {report.WorklistDate:yyyy-MM-dd}: {report.Worklists.Error}");
                entries = await store.LoadWorklistAsync(day, ct);
            }
            else
            {
                await services.Ingest().IngestInboxAsync(inbox, quarantine, ct);
                var data = await store.LoadDistrictAsync(asOf, ct);
                var earlier = await store.LoadWorklistsAsync(day.AddDays(-21), day.AddDays(-1), ct);
                entries = BaselinePolicies.Build(Parse(policy), day, data, earlier, services.Calendar, options, seed);
                await store.ReplaceWorklistAsync(day, entries.ToList(), ct);
            }

            var results = new List<(string, string, VisitResult)>(entries.Count);
            foreach (var e in entries)
            {
                var (result, inCrisis) = visits.Visit(e.HouseholdId, day);
                tally.Add(e, result, inCrisis);
                results.Add((e.HouseholdId, e.Dong, result));
            }
            tally.ListedPerDay.Add(entries.Count);
            OutcomeFile.Write(inbox, day, results);
            asOf = day;
        }
        return tally;
    }

    static Baseline Parse(string policy) => policy switch
    {
        "tips" => Baseline.TipsFirst,
        "rules" => Baseline.Rules,
        "tips+rules" => Baseline.TipsThenRules,
        "random" => Baseline.Random,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    static TruthSummary Truth(DistrictGenerator district, List<DateOnly> simDays)
    {
        var ids = district.HouseholdIds;
        var inCrisisAny = ids.Count(id => simDays.Any(d => district.TruthOf(id, d)));
        var day1 = ids.Count(id => district.TruthOf(id, simDays[0]));
        var last = ids.Count(id => district.TruthOf(id, simDays[^1]));
        return new TruthSummary(district.Figures.HouseholdsAsOf, day1, last, inCrisisAny);
    }
}

internal sealed record TruthSummary(int LivingDay1, int InCrisisDay1, int InCrisisLastDay, int InCrisisAnyDay);

internal sealed record SimulationResult(int Households, int Days, int Seed, DateOnly Day0, List<DateOnly> SimDays, string ModelLine, TruthSummary Truth, List<Tally> Tallies)
{
    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"households {Households:N0}, seed {Seed}, day 0 {Day0:yyyy-MM-dd}, {Days} business days {SimDays[0]:yyyy-MM-dd}..{SimDays[^1]:yyyy-MM-dd}"));
        sb.AppendLine(ModelLine);
        sb.AppendLine(string.Create(inv, $"truth: {Truth.InCrisisDay1:N0} in crisis on day 1, {Truth.InCrisisLastDay:N0} on the last day, {Truth.InCrisisAnyDay:N0} on some simulated day (the denominator of 'reached')"));
        sb.AppendLine();
        sb.AppendLine("| policy | visits | visits to households in crisis | discoveries | precision | in-crisis households reached | discovered share | seconds |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in Tallies)
            sb.AppendLine(string.Create(inv,
                $"| {t.Policy} | {t.Visits:N0} | {t.VisitsInCrisis:N0} | {t.Discovered.Count:N0} | {t.Precision:P1} | {t.ReachedInCrisis.Count / (double)Truth.InCrisisAnyDay:P1} | {t.Discovered.Count / (double)Truth.InCrisisAnyDay:P1} | {t.Elapsed.TotalSeconds:F0} |"));
        sb.AppendLine();
        sb.AppendLine("By selection tier (visits / discoveries / yield):");
        sb.AppendLine();
        sb.AppendLine("| policy | 긴급제보 | 제보 | 모델 (baselines: rules) | 탐색 (baselines: random) |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var t in Tallies)
        {
            string Cell(Selection s) => t.BySelection.TryGetValue(s, out var x) && x.Visits > 0
                ? string.Create(inv, $"{x.Visits} / {x.Found} / {x.Found / (double)x.Visits:P1}") : "-";
            sb.AppendLine($"| {t.Policy} | {Cell(Selection.UrgentTip)} | {Cell(Selection.Tip)} | {Cell(Selection.Model)} | {Cell(Selection.Exploration)} |");
        }
        return sb.ToString();
    }
}
