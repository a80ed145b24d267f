using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Samples;
using BlindSpot.Simulation.Logistic;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Simulation;

/// <summary>
/// One policy playing the district: its own copy of the day-0 store, its own inbox folder (only the files written
/// after day 0: the day-0 inbox is in the store already), its own view of the district (what its visits changed).
/// </summary>
internal sealed class PolicyRun : IAsyncDisposable
{
    /// <summary>The product with the former tier (every recent tip before every score): ADR 0005's comparison.</summary>
    public const string ProductTipsFirst = "model-tipsfirst";
    public const string Product = "model", Tips = "tips", Rules = "rules", TipsThenRules = "tips+rules", Logistic = "logreg", RandomPolicy = "random";
    public static readonly string[] All = [Product, ProductTipsFirst, Tips, Rules, TipsThenRules, Logistic, RandomPolicy];

    /// <summary>A known policy, or a product variant (<see cref="ProductVariant"/>: <c>model:key=value:...</c>).</summary>
    public static bool IsKnown(string name) => All.Contains(name) || ProductVariant.Parse(name) is not null
        || name.StartsWith(Logistic + ":retrain=", StringComparison.Ordinal);
    public static readonly string[] Default = [Product, Tips, Rules, TipsThenRules, Logistic];

    /// <summary>The independent baseline retrains after this many days (weekly; <c>logreg:retrain=N</c> changes it).</summary>
    int LogisticRetrainDays => Name.StartsWith(Logistic + ":retrain=", StringComparison.Ordinal)
        ? int.Parse(Name[(Logistic.Length + ":retrain=".Length)..], System.Globalization.CultureInfo.InvariantCulture) : 7;

    readonly IBlindSpotStore store;
    readonly PipelineServices services;
    readonly int seed;
    readonly ProductVariant? variant;
    DateOnly? lastAsOf;
    DateOnly? lastTrained;
    LogisticModel? logistic;
    DateOnly logisticTrainedOn;

    PolicyRun(string name, string dir, IBlindSpotStore store, PipelineServices services, DistrictView view, int seed, ProductVariant? variant)
    {
        Name = name;
        this.variant = variant;
        Inbox = Path.Combine(dir, "inbox");
        OutDir = Path.Combine(dir, "out");
        Quarantine = Path.Combine(dir, "quarantine");
        Directory.CreateDirectory(Inbox);
        this.store = store;
        this.services = services;
        View = view;
        this.seed = seed;
        Tally = new Tally(name);
    }

    public string Name { get; }
    public string Inbox { get; }
    public string OutDir { get; }
    public string Quarantine { get; }
    public DistrictView View { get; }
    public Tally Tally { get; }
    public IBlindSpotStore Store => store;
    public List<string> Notes { get; } = [];

    public static async Task<PolicyRun> OpenAsync(string name, string workDir, string baseDb, LiveDistrict district, DateOnly day0, ILoggerFactory logs, int seed, CancellationToken ct)
    {
        // A variant's name holds ':' and '=', which a store path may not (StoreFactory refuses them as a mistyped connection string).
        var dir = Path.Combine(workDir, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "store.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(baseDb + suffix)) File.Copy(baseDb + suffix, db + suffix, overwrite: true);
        var store = await StoreFactory.OpenAsync(db, ct);
        var variant = ProductVariant.Parse(name);
        var settings = variant?.Settings ?? PipelineSettings.Default;
        var services = new PipelineServices(store, logs, TimeProvider.System, settings);
        var run = new PolicyRun(name, dir, store, services, district.NewView(name), seed, variant) { lastTrained = day0 };
        if (variant is { OwnFirstModel: true })
        {
            // A variant with its own training settings replaces the day-0 champion (trained with the defaults) by its own,
            // under the first-model rule of the promotion policy (beats both baselines), promoted as an analyst would.
            var train = await services.Train().TrainAsync(day0, null, promote: false, ct);
            var first = train.Card is { BeatsBaselines: true };
            if (first) await services.Registry().PromoteAsync(train.Version!, "simulation", "variant's own first model", ct);
            run.Notes.Add($"own first model {train.Version ?? train.Failure}: promoted {first}");
        }
        return run;
    }

    /// <summary>The evening run as of <paramref name="asOf"/>: ingest the day's files, then this policy's lists for <paramref name="listDay"/>.</summary>
    public async Task<IReadOnlyList<WorklistEntry>> ListAsync(DateOnly asOf, DateOnly listDay, CancellationToken ct)
    {
        // The Saturday the jobs host's weekly retrain (Sundays, as of Saturday) ran for since the last list, if any.
        DateOnly? saturday = null;
        if (lastAsOf is { } previous)
            for (var d = asOf; d > previous; d = d.AddDays(-1))
                if (d.DayOfWeek == DayOfWeek.Saturday) { saturday = d; break; }
        lastAsOf = asOf;
        if (variant is not null)
        {
            var retrain = variant.RetrainDays is { } every
                ? lastTrained is not { } t || asOf.DayNumber - t.DayNumber >= every
                : saturday is not null;
            if (retrain && variant.RetrainDays is not null)
            {
                await services.Ingest().IngestInboxAsync(Inbox, Quarantine, ct);
                var train = await services.Train().TrainAsync(asOf, null, promote: !variant.PromoteAlways, ct);
                var promoted = train.Promoted;
                if (variant.PromoteAlways && train.Card is { BeatsBaselines: true })
                    promoted = (await services.Registry().PromoteAsync(train.Version!, "simulation", "promote=always", ct)).Succeeded;
                lastTrained = asOf;
                Notes.Add($"retrained as of {asOf:yyyy-MM-dd}: {train.Version ?? train.Failure}, promoted {promoted}");
            }
            else if (retrain)
            {
                // The jobs host retrains on Sundays as of Saturday (docs/operations.md); same here.
                await services.Ingest().IngestInboxAsync(Inbox, Quarantine, ct);
                var train = await services.Train().TrainAsync(saturday!.Value, null, ct);
                Notes.Add($"retrained as of {saturday:yyyy-MM-dd}: {train.Version ?? train.Failure}, promoted {train.Promoted}");
            }
            var report = await services.Run().RunAsync(Inbox, OutDir, Quarantine, asOf, ct);
            if (report.WorklistDate != listDay || report.Worklists.Error is not null)
                throw new InvalidOperationException($"run as of {asOf:yyyy-MM-dd} made lists for {report.WorklistDate:yyyy-MM-dd}: {report.Worklists.Error}");
            return await store.LoadWorklistAsync(listDay, ct);
        }

        await services.Ingest().IngestInboxAsync(Inbox, Quarantine, ct);
        var data = await store.LoadDistrictAsync(asOf, ct);
        var earlier = await store.LoadWorklistsAsync(listDay.AddDays(-21), listDay.AddDays(-1), ct);
        var options = services.Settings.Worklists.Policy;
        var entries = Name switch
        {
            Tips => BaselinePolicies.Build(Baseline.TipsFirst, listDay, data, earlier, services.Calendar, options, seed),
            Rules => BaselinePolicies.Build(Baseline.Rules, listDay, data, earlier, services.Calendar, options, seed),
            TipsThenRules => BaselinePolicies.Build(Baseline.TipsThenRules, listDay, data, earlier, services.Calendar, options, seed),
            RandomPolicy => BaselinePolicies.Build(Baseline.Random, listDay, data, earlier, services.Calendar, options, seed),
            _ when Name == Logistic || Name.StartsWith(Logistic + ":", StringComparison.Ordinal) => LogisticList(listDay, data, earlier, options),
            _ => throw new ArgumentOutOfRangeException(nameof(Name), Name, null),
        };
        await store.ReplaceWorklistAsync(listDay, entries, [], ct);
        return entries;
    }

    /// <summary>
    /// Urgent tips of the product's urgent window first (beyond capacity, as everywhere), then every other eligible
    /// household by the logistic model's probability; before the first model, tips-then-rules.
    /// </summary>
    List<WorklistEntry> LogisticList(DateOnly listDay, DistrictData data, IReadOnlyList<WorklistEntry> earlier, WorklistOptions options)
    {
        var features = new LogisticFeatures(data);
        if (logistic is null || data.AsOf.DayNumber - logisticTrainedOn.DayNumber >= LogisticRetrainDays)
        {
            var trained = LogisticModel.Train(data, features, seed);
            if (trained is not null)
            {
                logistic = trained;
                logisticTrainedOn = data.AsOf;
                Notes.Add($"logreg trained as of {data.AsOf:yyyy-MM-dd} on {trained.Rows} rows ({trained.Positives} 발굴)");
            }
        }
        if (logistic is null) return BaselinePolicies.Build(Baseline.TipsThenRules, listDay, data, earlier, services.Calendar, options, seed);

        var recentTip = Eligibility.RecentUnvisitedTips(listDay, data, options);
        var households = data.Households.ToDictionary(h => h.HouseholdId, StringComparer.Ordinal);
        var eligible = Eligibility.Build(listDay, data, earlier, services.Calendar, options, $"logreg-{seed}");
        var all = eligible.SelectMany(d => d.Random).ToList();
        var p = logistic.Score(all.Select(e => households[e.HouseholdId]).ToArray(), features, data.AsOf);
        var score = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++) score[all[i].HouseholdId] = p[i];

        var result = new List<WorklistEntry>();
        foreach (var dong in eligible)
        {
            var urgent = dong.Random.Where(e => e.Selection == Selection.UrgentTip).OrderByDescending(e => score[e.HouseholdId])
                .Select(e => (e, Selection.UrgentTip, score[e.HouseholdId]));
            var rest = dong.Random.Where(e => e.Selection != Selection.UrgentTip).OrderByDescending(e => score[e.HouseholdId])
                .Select(e => (e, recentTip.ContainsKey(e.HouseholdId) ? Selection.Tip : Selection.Model, score[e.HouseholdId]));
            result.AddRange(Eligibility.Cut(dong, urgent.Concat(rest), "baseline-logreg"));
        }
        return result;
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
