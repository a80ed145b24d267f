using System.Diagnostics;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Modeling;

/// <summary>What `score` did. <see cref="Failure"/> is set (and nothing stored) when there is no usable champion.</summary>
public sealed record ScoreReport(DateOnly AsOf, string? ModelVersion, int Scored, double FeatureSeconds, double ScoringSeconds, string? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Scores every household living in the district on a date (not moved out) with the champion, in batches through
/// IDataView, and stores the calibrated probabilities with their top Korean reasons (idempotent per date).
/// With no champion it stores nothing and says so: the worklists then fall back to tips (and rules), see docs/model.md.
/// </summary>
public sealed class ScoreService(IBlindSpotStore store, ILogger<ScoreService> logger, TimeProvider clock)
{
    /// <summary>Rows per IDataView batch: bounds memory at district size and beyond.</summary>
    public const int BatchSize = 50_000;

    public async Task<ScoreReport> ScoreAsync(DateOnly asOf, CancellationToken ct)
    {
        _ = clock; // dates come from the caller; kept for symmetry with the other use cases
        var champion = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (champion is null)
        {
            logger.LogWarning("No champion model: nothing scored as of {AsOf}", asOf);
            return new ScoreReport(asOf, null, 0, 0, 0, "No champion model yet: run `train` (or `promote VERSION`). Worklists fall back to tips and rules.");
        }
        var card = ModelCard.FromJson(champion.CardJson);
        if (card?.FeatureSchemaVersion != FeatureSchema.Version)
            return new ScoreReport(asOf, champion.Version, 0, 0, 0,
                $"Champion {champion.Version} needs feature schema {card?.FeatureSchemaVersion ?? "unknown"}, this build has {FeatureSchema.Version}: retrain.");

        var model = RiskModel.Load(await store.LoadModelBytesAsync(champion.Version, ct), card.Options.Seed);
        var watch = Stopwatch.StartNew();
        var data = await store.LoadDistrictAsync(asOf, ct);
        var features = new FeatureBuilder(data).BuildAll(asOf, ct);
        var featureSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var scores = new List<HouseholdScore>(features.Count);
        for (var start = 0; start < features.Count; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var batch = features.Skip(start).Take(BatchSize).ToList();
            foreach (var s in model.Score(batch, card.Options.TopReasons))
                scores.Add(new HouseholdScore(asOf, s.Features.HouseholdId, s.Features.Dong, champion.Version, s.Probability, s.Reasons));
        }
        var scoringSeconds = watch.Elapsed.TotalSeconds;
        await store.ReplaceScoresAsync(asOf, scores, ct);
        logger.LogInformation("Scored {Households} households as of {AsOf} with {Version}: features {FeatureSeconds:F1} s, scoring {ScoringSeconds:F1} s",
            scores.Count, asOf, champion.Version, featureSeconds, scoringSeconds);
        return new ScoreReport(asOf, champion.Version, scores.Count, featureSeconds, scoringSeconds, null);
    }
}
