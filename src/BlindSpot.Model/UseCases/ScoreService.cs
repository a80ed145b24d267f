using System.Diagnostics;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Model.Features;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Model.UseCases;

/// <summary>
/// Scores the households living in the district on a date (not moved out) that a worklist can rank by probability
/// (<see cref="ScoreNeeds"/>: a known tip or a recent crisis indicator; every household when the policy's
/// <see cref="WorklistOptions.ModelTierRequiresSignal"/> is off) with the champion, in batches through IDataView, and
/// stores the calibrated probabilities (idempotent per date). The others can only be drawn for exploration: the
/// worklist computes a drawn household's probability, and the reasons of every listed household, through
/// <see cref="ReasonService"/> from the same features and model (docs/adr/0006-daily-run-in-proportion.md).
/// With no champion it stores nothing and says so: the worklists then fall back to tips (and rules), see docs/model.md.
/// </summary>
public sealed class ScoreService : IModelScoring
{
    /// <summary>Rows per IDataView batch: bounds memory at district size and beyond.</summary>
    public const int BatchSize = 50_000;

    readonly IBlindSpotStore store;
    readonly ILogger<ScoreService> logger;
    readonly ModelCache models;
    // The policy whose rankable households are scored (the lists' own options).
    readonly WorklistOptions policy;

    internal ScoreService(IBlindSpotStore store, ILogger<ScoreService> logger, ModelCache models, WorklistOptions policy)
    {
        this.store = store;
        this.logger = logger;
        this.models = models;
        this.policy = policy;
    }

    /// <summary>The champion read and deserialized on the thread pool into the models this composition shares (keyed by
    /// version: <see cref="ScoreAsync"/> finds it loaded when the champion is the same, and loads its own otherwise).</summary>
    public Task LoadChampionAheadAsync(CancellationToken ct) => Task.Run(async () =>
    {
        try
        {
            if ((await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion) is { } champion)
                await models.LoadAsync(store, champion, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Scoring loads it again and reports what fails.
            logger.LogInformation("The champion could not be loaded ahead ({ErrorType}): scoring loads it", e.GetType().Name);
        }
    }, CancellationToken.None);

    public async Task<ScoreReport> ScoreAsync(DateOnly asOf, CancellationToken ct)
    {
        var champion = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (champion is null)
        {
            logger.LogWarning("No champion model: nothing scored as of {AsOf}", asOf);
            return new ScoreReport(asOf, null, 0, 0, 0, "운영 모델이 아직 없습니다: `train`(또는 `promote 버전`)을 실행하세요. 그때까지 방문 목록은 제보와 규칙 점수로 만듭니다.");
        }
        // The model is read and deserialized on the second core while the district loads (each store read has its own
        // connection); a model that cannot score this build is reported before anything else is done with the district.
        var loading = Task.Run(() => models.LoadAsync(store, champion, ct), ct);
        var watch = Stopwatch.StartNew();
        var data = await store.LoadDistrictAsync(asOf, ct);
        var (loaded, failure) = await loading;
        if (loaded is null) return new ScoreReport(asOf, champion.Version, 0, 0, 0, failure);
        var builder = FeatureBuilders.For(data);
        var features = builder.BuildAll(asOf, ScoreNeeds.RankableIds(data, policy), ct);
        // No household can be ranked (a district without tips or recent crisis rows): all are scored, so that the
        // lists still run on the model (its version, exploration entries with their probability) as before.
        if (features.Count == 0) features = builder.BuildAll(asOf, ct);
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
        logger.LogInformation("Scored {Households} rankable households of {Living} living as of {AsOf} with {Version}: features {FeatureSeconds:F1} s, probabilities {ScoringSeconds:F1} s",
            scores.Length, data.Households.Count(h => !h.MovedOut), asOf, champion.Version, featureSeconds, scoringSeconds);
        return new ScoreReport(asOf, champion.Version, scores.Length, featureSeconds, scoringSeconds, null);
    }
}
