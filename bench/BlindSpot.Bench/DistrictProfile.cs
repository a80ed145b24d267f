using System.Diagnostics;
using System.Globalization;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;
using BlindSpot.Resolution.Registry;
using BlindSpot.Storage;

namespace BlindSpot.Bench;

/// <summary>
/// `profile-district`: times the building blocks of a daily run one by one on an existing store (after
/// `play-district`), with wall time and the CPU time the process used (on a shared machine CPU time is the steadier
/// figure). Nothing is written to the store except the scores of the day and the registry copy (as the run would).
/// </summary>
internal static class DistrictProfile
{
    public static async Task<int> RunAsync(string db, DateOnly asOf, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        using var self = Process.GetCurrentProcess();
        var wall = Stopwatch.StartNew();
        var cpu = self.TotalProcessorTime;
        void Lap(string what)
        {
            self.Refresh();
            var now = self.TotalProcessorTime;
            Console.WriteLine(string.Create(inv, $"{what,-42} wall {wall.Elapsed.TotalSeconds,6:F2} s  cpu {(now - cpu).TotalSeconds,6:F2} s  heap {GC.GetTotalMemory(false) / 1e6,5:F0} MB"));
            cpu = now;
            wall.Restart();
        }

        await using var store = await StoreFactory.OpenAsync(db, ct);
        Lap("open + migrate");
        var files = await store.ListFilesAsync(ct);
        Lap($"list files ({files.Count})");
        var context = await store.LoadIngestContextAsync(ct);
        Lap($"ingest context ({context.Households.Count} households, {context.CrisisKeys.Count} crisis keys)");
        _ = BlindSpot.Resolution.ResolverCache.For(context);
        Lap("registry index for tip resolution");
        context = null;
        // Since issue 11's ingest pass: a day's tips and visits read their own keys, the registry from the copy kept for
        // its state (written once per snapshot by the first run that reads the registry), the index without parsing.
        var state = await store.RegistryStateAsync(ct);
        if (await store.LoadRegistryCacheAsync(state, ct) is not { } current || !KeptRegistry.TryRead(current, out _, out _, out _))
        {
            var registry = await store.LoadIngestContextAsync(IngestContextParts.Registry, ct);
            var fresh = new RegistryIndex(registry.Households.Values);
            await store.SaveRegistryCacheAsync(state, KeptRegistry.Write(registry.Households.Values, fresh), ct);
            Lap("(once per snapshot) registry read, indexed, copy kept");
        }
        var day = await store.LoadIngestContextAsync(IngestContextParts.TipIds | IngestContextParts.OutcomeKeys, ct);
        if (!KeptRegistry.TryReadIndexed((await store.LoadRegistryCacheAsync(state, ct))!, out var kept, out KeptIndex parts, out _)) throw new InvalidOperationException("unreadable registry copy");
        foreach (var h in kept) day.Households[h.HouseholdId] = h;
        Lap($"day's ingest context ({day.OutcomeKeys.Count} visit keys, {day.Households.Count} households from the kept copy)");
        _ = RegistryIndex.FromKept(kept, parts);
        Lap("registry index from the kept copy");
        day = null;
        kept = null;
        var data = await store.LoadDistrictAsync(asOf, ct);
        Lap($"load district ({data.HouseholdVersions.Count} versions, {data.Crisis.Count} crisis, {data.Tips.Count} tips, {data.Outcomes.Count} visits)");
        _ = data.Households.Count;
        Lap("resolve households");
        _ = await store.LoadDistrictAsync(asOf, ct);
        Lap("  again, warm: load district");
        {
            var opt = WorklistOptions.Default;
            var signalFrom = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-opt.SignalMonths);
            var tipped = data.Tips.Where(t => t.HouseholdId is not null).Select(t => t.HouseholdId!).ToHashSet(StringComparer.Ordinal);
            var crisisAny = data.Crisis.Select(c => c.HouseholdId).ToHashSet(StringComparer.Ordinal);
            var crisisSignal = data.Crisis.Where(c => c.Month >= signalFrom).Select(c => c.HouseholdId).ToHashSet(StringComparer.Ordinal);
            var living = data.Households.Where(h => !h.MovedOut).Select(h => h.HouseholdId).ToList();
            Console.WriteLine(string.Create(inv, $"living {living.Count}; with any tip {living.Count(tipped.Contains)}; any crisis row {living.Count(crisisAny.Contains)}; " +
                $"crisis in signal months {living.Count(crisisSignal.Contains)}; tip or signal crisis {living.Count(x => tipped.Contains(x) || crisisSignal.Contains(x))}; tip or any crisis {living.Count(x => tipped.Contains(x) || crisisAny.Contains(x))}"));
            wall.Restart();
        }
        var builder = new FeatureBuilder(data);
        Lap("feature index");
        var all = builder.BuildAll(asOf, ct);
        Lap($"features of all {all.Count} households (before: scoring scored all)");
        var rankable = ScoreNeeds.RankableIds(data, WorklistOptions.Default);
        var features = builder.BuildAll(asOf, rankable, ct);
        Lap($"features of {features.Count} rankable households (ScoreNeeds, as ScoreService now)");
        var champion = (await store.ListModelsAsync(ct)).First(m => m.Status == ModelStatus.Champion);
        var card = ModelCard.FromJson(champion.CardJson)!;
        var model = RiskModel.Load(await store.LoadModelBytesAsync(champion.Version, ct), card.Options);
        Lap("load model");
        _ = model.Probabilities(features.Take(1).ToList());
        Lap("first call: probabilities of 1 household");
        var scores = new List<HouseholdScore>(features.Count);
        for (var start = 0; start < features.Count; start += 50_000)
        {
            var batch = features.Skip(start).Take(50_000).ToList();
            var p = model.Probabilities(batch);
            for (var i = 0; i < batch.Count; i++) scores.Add(new HouseholdScore(asOf, batch[i].HouseholdId, batch[i].Dong, champion.Version, p[i], []));
        }
        Lap($"probabilities of {scores.Count} rankable households");
        foreach (var n in new[] { 1, 1_000, 10_000, features.Count })
        {
            _ = model.Probabilities(features.Take(n).ToList());
            Lap($"  again, warm: probabilities of {n} households");
        }
        _ = model.Score(features.Take(2_000).ToList(), 3).Count();
        Lap("reasons of 2,000 households (x95 = all, as before issue 11)");
        await store.ReplaceScoresAsync(asOf, scores, ct);
        Lap("store scores");
        var loaded = await store.LoadScoresAsync(asOf, ct);
        Lap($"load scores ({loaded.Count})");
        var calendar = new BusinessCalendar(BlindSpot.Hosting.Composition.PipelineSettings.Default.Worklists.Holidays);
        var date = calendar.NextBusinessDay(asOf);
        var earlier = await store.LoadWorklistsAsync(date.AddDays(-10), date.AddDays(-1), ct);
        Lap("load earlier worklists");
        var plan = WorklistPolicy.Build(date, data, scores, earlier, calendar, WorklistOptions.Default);
        Lap($"worklist policy ({plan.Entries.Count()} entries)");
        _ = WorklistPolicy.Build(date, data, scores, earlier, calendar, WorklistOptions.Default);
        Lap("  again, warm: worklist policy");
        Console.WriteLine(string.Create(inv, $"peak working set {self.PeakWorkingSet64 / 1e6:F0} MB; load average {File.ReadAllText("/proc/loadavg")[..14]}"));
        return 0;
    }
}
