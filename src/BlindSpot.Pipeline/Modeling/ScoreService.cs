using System.Diagnostics;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Features;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Modeling;

/// <summary>What `score` did. <see cref="Failure"/> is set (and nothing stored) when there is no usable champion.</summary>
public sealed record ScoreReport(DateOnly AsOf, string? ModelVersion, int Scored, double FeatureSeconds, double ScoringSeconds, string? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Scores every household living in the district on a date (not moved out) with the champion, in batches through
/// IDataView, and stores the calibrated probabilities (idempotent per date). Reasons are not computed here: only the
/// households a worklist names get them, from <see cref="ReasonService"/> (docs/adr/0006-daily-run-in-proportion.md).
/// With no champion it stores nothing and says so: the worklists then fall back to tips (and rules), see docs/model.md.
/// </summary>
public sealed class ScoreService
{
    /// <summary>Rows per IDataView batch: bounds memory at district size and beyond.</summary>
    public const int BatchSize = 50_000;

    readonly IBlindSpotStore store;
    readonly ILogger<ScoreService> logger;
    readonly ModelCache models;

    public ScoreService(IBlindSpotStore store, ILogger<ScoreService> logger, TimeProvider clock) : this(store, logger, new ModelCache()) => _ = clock;

    internal ScoreService(IBlindSpotStore store, ILogger<ScoreService> logger, ModelCache models)
    {
        this.store = store;
        this.logger = logger;
        this.models = models;
    }

    public async Task<ScoreReport> ScoreAsync(DateOnly asOf, CancellationToken ct)
    {
        var champion = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (champion is null)
        {
            logger.LogWarning("No champion model: nothing scored as of {AsOf}", asOf);
            return new ScoreReport(asOf, null, 0, 0, 0, "No champion model yet: run `train` (or `promote VERSION`). Worklists fall back to tips and rules.");
        }
        var (loaded, failure) = await models.LoadAsync(store, champion, ct);
        if (loaded is null) return new ScoreReport(asOf, champion.Version, 0, 0, 0, failure);

        var watch = Stopwatch.StartNew();
        var data = await store.LoadDistrictAsync(asOf, ct);
        var features = FeatureBuilders.For(data).BuildAll(asOf, ct);
        var featureSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var scores = new HouseholdScore[features.Count];
        var batch = new List<HouseholdFeatures>(Math.Min(BatchSize, features.Count));
        for (var start = 0; start < features.Count; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            batch.Clear();
            for (var i = start; i < Math.Min(features.Count, start + BatchSize); i++) batch.Add(features[i]);
            var probabilities = loaded.Model.Probabilities(batch);
            for (var i = 0; i < batch.Count; i++)
                scores[start + i] = new HouseholdScore(asOf, batch[i].HouseholdId, batch[i].Dong, champion.Version, probabilities[i], []);
        }
        var scoringSeconds = watch.Elapsed.TotalSeconds;
        await store.ReplaceScoresAsync(asOf, scores, ct);
        logger.LogInformation("Scored {Households} households as of {AsOf} with {Version}: features {FeatureSeconds:F1} s, probabilities {ScoringSeconds:F1} s",
            scores.Length, asOf, champion.Version, featureSeconds, scoringSeconds);
        return new ScoreReport(asOf, champion.Version, scores.Length, featureSeconds, scoringSeconds, null);
    }
}
