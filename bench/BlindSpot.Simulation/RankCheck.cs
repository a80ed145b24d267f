using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Metrics;
using BlindSpot.Hosting.Composition;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Features;
using BlindSpot.Model.Training;
using BlindSpot.Samples;
using BlindSpot.Simulation.Logistic;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Simulation;

/// <summary>
/// `--rank-check`: the ranking alone, against the hidden truth, without the loop. On day 0 every scorer (the product's
/// model under each variant's training settings, the independent logistic regression, the rules score, tips then rules)
/// ranks every household eligible for the first list day; we count how many of each scorer's top N are in crisis that
/// day (N = the capacity of 10 business days) and the AUC over all eligible households. Far less noisy than the loop (it
/// reads the truth instead of 360 visits), so it is the instrument for choosing training settings; the loop then
/// confirms with visits.
/// </summary>
internal static class RankCheck
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<string> RunAsync(int households, int seed, DateOnly day0, double tipRate, string workDir,
        IReadOnlyList<string> variants, TextWriter progress, CancellationToken ct)
    {
        if (Directory.Exists(workDir)) Directory.Delete(workDir, recursive: true);
        Directory.CreateDirectory(workDir);
        var generator = new DistrictGenerator(new SampleOptions { Households = households, Seed = seed, AsOf = day0, TipRate = tipRate });
        var inbox = Path.Combine(workDir, "inbox0");
        generator.WriteInbox(inbox);
        var district = generator.Continue();

        await using var store = await StoreFactory.OpenAsync(Path.Combine(workDir, "store.db"), ct);
        var services = new PipelineServices(store, NullLoggerFactory.Instance, TimeProvider.System, PipelineSettings.Default);
        await services.Ingest().IngestInboxAsync(inbox, Path.Combine(workDir, "quarantine"), ct);
        var listDay = services.Calendar.NextBusinessDay(day0);
        var data = await store.LoadDistrictAsync(day0, ct);
        var options = services.Settings.Worklists.Policy;
        var eligible = Eligibility.Build(listDay, data, [], services.Calendar, options, $"rank-{seed}").SelectMany(d => d.Random).ToList();
        var n = Math.Min(eligible.Count, 10 * data.Capacity.Sum(c => c.DailyVisits));
        district.AdvanceTo(listDay);
        var truth = eligible.Select(e => district.TruthOf(e.HouseholdId, listDay)).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(Inv, $"### Ranking check, {households:N0} households, seed {seed}, tip rate x{tipRate:0.##}: {eligible.Count:N0} eligible for {listDay:yyyy-MM-dd}, {truth.Count(t => t):N0} of them in crisis; top {n}"));
        sb.AppendLine();
        sb.AppendLine("| scorer | in crisis in top N | share | AUC | note |");
        sb.AppendLine("|---|---:|---:|---:|---|");
        var foundBefore = data.Outcomes.Where(o => o.Result == VisitResult.Discovered).Select(o => o.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var tipped = data.Tips.Where(t => t.HouseholdId is not null).Select(t => t.HouseholdId!).ToHashSet(StringComparer.Ordinal);
        var recent = Eligibility.RecentUnvisitedTips(listDay, data, options);
        void Row(string name, double[] scores, string note)
        {
            var topIdx = Enumerable.Range(0, eligible.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(n).ToList();
            var top = topIdx.Count(i => truth[i]);
            // Where each scorer's top N comes from (in crisis / picked), to see what it believes.
            string Part(string label, Func<int, bool> test) =>
                string.Create(Inv, $"{label} {topIdx.Count(i => test(i) && truth[i])}/{topIdx.Count(test)}");
            progress.WriteLine($"seed {seed}: {name} top {n} by kind: " + string.Join(", ",
                Part("recent tip", i => recent.ContainsKey(eligible[i].HouseholdId)),
                Part("older tip only", i => !recent.ContainsKey(eligible[i].HouseholdId) && tipped.Contains(eligible[i].HouseholdId)),
                Part("indicators, no tip", i => !tipped.Contains(eligible[i].HouseholdId) && eligible[i].Score > 0),
                Part("no signal", i => !tipped.Contains(eligible[i].HouseholdId) && eligible[i].Score <= 0),
                Part("found before", i => foundBefore.Contains(eligible[i].HouseholdId))));
            var auc = RankQuality.Auc(scores, truth);
            sb.AppendLine(string.Create(Inv, $"| {name} | {top} | {top / (double)n:P1} | {auc:F3} | {note} |"));
            progress.WriteLine(string.Create(Inv, $"seed {seed}: {name}: {top} of top {n} in crisis, AUC {auc:F3} {note}"));
        }

        var rules = eligible.Select(e => e.Score).ToArray();
        Row("rules", rules, "distinct indicators, 3 months");
        var recentTip = Eligibility.RecentUnvisitedTips(listDay, data, options);
        Row("tips+rules", eligible.Select(e => (recentTip.ContainsKey(e.HouseholdId) ? 1000 : 0) + e.Score).ToArray(), "");

        var lf = new LogisticFeatures(data);
        var logistic = LogisticModel.Train(data, lf, seed);
        var byId = data.Households.ToDictionary(h => h.HouseholdId, StringComparer.Ordinal);
        if (logistic is not null)
            Row("logreg", logistic.Score(eligible.Select(e => byId[e.HouseholdId]).ToArray(), lf, day0).Select(p => (double)p).ToArray(), $"{logistic.Rows} rows");

        var builder = new FeatureBuilder(data);
        var features = eligible.Select(e => builder.Build(e.HouseholdId, day0)!).ToList();
        var probabilities = new List<double[]>();
        foreach (var name in variants)
        {
            var variant = ProductVariant.Parse(name) ?? throw new ArgumentException($"not a product variant: {name}");
            var train = await services.Train().TrainAsync(day0, variant.Settings.Training, promote: false, ct);
            if (train.Card is not { } card) { sb.AppendLine($"| {name} | | | | no model: {train.Failure} |"); continue; }
            var model = RiskModel.Load(await store.LoadModelBytesAsync(train.Version!, ct), card.Options.Seed);
            probabilities.Add(model.Probabilities(features));
            Row(name, probabilities[^1], string.Create(Inv, $"{card.Trainer.Split(' ')[2]}; test AUC {card.Model.Auc:F3}, P@k {card.Model.PrecisionAtK:F3}, beats baselines {card.BeatsBaselines}"));
        }
        if (probabilities.Count == 2)
            Row("mean of the two variants", probabilities[0].Zip(probabilities[1], (a, b) => (a + b) / 2).ToArray(), "an ensemble, for comparison");
        return sb.ToString();
    }
}
