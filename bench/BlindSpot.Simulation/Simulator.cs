using System.Diagnostics;
using System.Globalization;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Samples;
using BlindSpot.Storage;

namespace BlindSpot.Simulation;

/// <summary>
/// One seed, day after day. The generator writes a day-0 inbox, which is ingested once into a base store where the
/// first champion is trained; every policy starts from a copy of that store. Then, for each business day: every policy
/// runs as of the evening before and lists households for the day; the district is drawn up to that day (shared by all
/// policies: new tips, onsets and endings, moves, month-end feeds); each policy visits its listed households (results
/// from its own view of the hidden truth); and each policy's inbox gets the outcomes file and the day's upstream files
/// (tips of the days since the last run, and on month ends the crisis feed and the registry snapshot). The next
/// evening's run ingests them, exactly like production.
/// </summary>
/// <param name="parallel">Policies build their lists side by side (each on its own store); the per-policy seconds are then wall time under contention.</param>
internal sealed class Simulator(int households, int days, int seed, DateOnly day0, double tipRate, string workDir, TextWriter progress, bool parallel = true)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<SimulationResult> RunAsync(IReadOnlyList<string> policies, CancellationToken ct)
    {
        if (Directory.Exists(workDir)) Directory.Delete(workDir, recursive: true);
        Directory.CreateDirectory(workDir);
        using var logs = LoggingSetup.CreateLoggerFactory(new LoggingOptions { Console = false, File = Path.Combine(workDir, "simulation.log") });

        var watch = Stopwatch.StartNew();
        var generator = new DistrictGenerator(new SampleOptions { Households = households, Seed = seed, AsOf = day0, TipRate = tipRate });
        var inbox0 = Path.Combine(workDir, "inbox0");
        generator.WriteInbox(inbox0);
        var district = generator.Continue();
        progress.WriteLine(string.Create(Inv, $"seed {seed}: generated {households:N0} households (as of {day0:yyyy-MM-dd}) in {watch.Elapsed.TotalSeconds:F1} s"));

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
        progress.WriteLine(string.Create(Inv, $"seed {seed}: day 0 ingest + training in {watch.Elapsed.TotalSeconds:F1} s; {modelLine}"));

        var runs = new List<PolicyRun>();
        foreach (var p in policies) runs.Add(await PolicyRun.OpenAsync(p, workDir, baseDb, district, day0, logs, seed, ct));
        var world = new WorldTally();
        var listDays = new List<DateOnly>();
        try
        {
            var asOf = day0;
            for (var step = 0; step < days; step++)
            {
                var listDay = calendar.NextBusinessDay(asOf);
                listDays.Add(listDay);
                var day = asOf;
                async Task<IReadOnlyList<Core.Worklists.WorklistEntry>> List(PolicyRun run)
                {
                    var clock = Stopwatch.StartNew();
                    var list = await run.ListAsync(day, listDay, ct);
                    run.Tally.Elapsed += clock.Elapsed;
                    return list;
                }
                var lists = new List<IReadOnlyList<Core.Worklists.WorklistEntry>>();
                if (parallel) lists.AddRange(await Task.WhenAll(runs.Select(r => Task.Run(() => List(r), ct))));
                else foreach (var run in runs) lists.Add(await List(run));

                district.AdvanceTo(listDay);
                for (var d = asOf.AddDays(1); d <= listDay; d = d.AddDays(1)) world.Add(district.EventsOn(d), district.TipsOn(d));
                if (step == 0) (world.LivingDay1, world.InCrisisDay1) = district.CountOn(listDay);

                for (var i = 0; i < runs.Count; i++)
                {
                    var run = runs[i];
                    var results = new List<(string, string, VisitResult)>(lists[i].Count);
                    foreach (var e in lists[i])
                    {
                        var outcome = run.View.Visit(e.HouseholdId, listDay);
                        run.Tally.Add(e, listDay, outcome.Result, outcome.InCrisis);
                        results.Add((e.HouseholdId, e.Dong, outcome.Result));
                    }
                    OutcomeFile.Write(run.Inbox, listDay, results);
                    run.View.WriteDays(asOf, listDay, run.Inbox);
                }
                var line = string.Join(", ", runs.Select(r => string.Create(Inv, $"{r.Name} {r.Tally.Discovered.Count}/{r.Tally.Visits} ({r.Tally.Elapsed.TotalSeconds:F0} s)")));
                progress.WriteLine(string.Create(Inv, $"seed {seed}: {listDay:yyyy-MM-dd} found/visits {line}"));
                asOf = listDay;
            }

            foreach (var run in runs) CountUrgentTips(run, district, day0, listDays[^1]);
            var linking = await MeasureLinkingAsync(runs[0], district, day0, listDays[^1], ct);
            return new SimulationResult(households, seed, day0, listDays, modelLine, world, linking,
                runs.Select(r => r.Tally).ToList(), runs.SelectMany(r => r.Notes.Select(n => $"{r.Name}: {n}")).ToList(), tipRate);
        }
        finally
        {
            foreach (var run in runs) await run.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Urgent tips about registry households that reached this policy's inbox during the run (received after day 0 and
    /// before the last list day), and how many of them were not followed by a visit to that household within 14 days
    /// (or by the end of the run).
    /// </summary>
    static void CountUrgentTips(PolicyRun run, LiveDistrict district, DateOnly day0, DateOnly lastListDay)
    {
        for (var d = day0.AddDays(1); d < lastListDay; d = d.AddDays(1))
            foreach (var t in district.TipsOn(d))
            {
                if (!t.Urgent || t.HouseholdId is not { } id || !run.View.Received(t.TipId)) continue;
                run.Tally.UrgentTips++;
                var visited = run.Tally.VisitDays.TryGetValue(id, out var vs) && vs.Any(v => v > d && v.DayNumber - d.DayNumber <= 14);
                if (!visited) run.Tally.UrgentTipsUnvisited++;
            }
    }

    /// <summary>Of the tips received after day 0 about registry households, how many the store linked to the right one, and wrong links.</summary>
    static async Task<Linking> MeasureLinkingAsync(PolicyRun run, LiveDistrict district, DateOnly day0, DateOnly last, CancellationToken ct)
    {
        var data = await run.Store.LoadDistrictAsync(last, ct);
        int about = 0, right = 0, wrong = 0, linked = 0, total = 0;
        var endOfDay0 = day0.ToDateTime(TimeOnly.MaxValue);
        foreach (var t in data.Tips)
        {
            if (t.ReceivedAt <= endOfDay0) continue;
            total++;
            var truth = district.TrueHouseholdOfTip(t.TipId);
            if (truth is not null) about++;
            if (t.HouseholdId is null) continue;
            linked++;
            if (t.HouseholdId == truth) right++; else wrong++;
        }
        return new Linking(total, about, right, wrong, linked);
    }
}

/// <summary>Tip linking over the tips of the run (one policy's store; the others ingest the same tips but for the few a discovery silenced).</summary>
internal sealed record Linking(int Tips, int AboutRegistryHouseholds, int LinkedRight, int LinkedWrong, int Linked)
{
    public double RightShare => AboutRegistryHouseholds == 0 ? 0 : LinkedRight / (double)AboutRegistryHouseholds;
    public double Precision => Linked == 0 ? 0 : LinkedRight / (double)Linked;
}

/// <summary>What the shared district did over the run (before any policy's intervention).</summary>
internal sealed class WorldTally
{
    public int Days { get; private set; }
    public int WeekendDaysWithTips { get; private set; }
    public int WeekendDays { get; private set; }
    public int Onsets { get; private set; }
    public int Endings { get; private set; }
    public int MovedOut { get; private set; }
    public int MovedIn { get; private set; }
    public int Tips { get; private set; }
    public int UrgentTips { get; private set; }
    public int TipsAboutCrisis { get; private set; }
    public int TipsAboutNobody { get; private set; }
    public int CrisisMonths { get; private set; }
    public int InCrisisDay1 { get; set; }
    public int LivingDay1 { get; set; }
    readonly HashSet<string> tipped = new(StringComparer.Ordinal);
    readonly HashSet<string> tippedInCrisis = new(StringComparer.Ordinal);

    public void Add(DayEvents e, IReadOnlyList<TipTruth> tips)
    {
        Days++;
        if (e.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            WeekendDays++;
            if (e.Tips > 0) WeekendDaysWithTips++;
        }
        Onsets += e.Onsets;
        Endings += e.Endings;
        MovedOut += e.MovedOut;
        MovedIn += e.MovedIn;
        Tips += e.Tips;
        UrgentTips += e.UrgentTips;
        TipsAboutCrisis += e.TipsAboutCrisis;
        if (e.CrisisRows is not null) CrisisMonths++;
        foreach (var t in tips)
        {
            if (t.HouseholdId is null) { TipsAboutNobody++; continue; }
            tipped.Add(t.HouseholdId);
            if (t.InCrisis) tippedInCrisis.Add(t.HouseholdId);
        }
    }

    public int TippedHouseholds => tipped.Count;
    public double TippedNotInCrisisShare => tipped.Count == 0 ? 0 : 1 - tippedInCrisis.Count / (double)tipped.Count;
}
