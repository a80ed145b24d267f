using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Model.UseCases;

/// <summary>
/// The top Korean reasons of the few households a worklist names (docs/adr/0006-daily-run-in-proportion.md). Scoring
/// stores the calibrated probability of every household; a reason costs 7-9 times a probability (feature
/// contributions through every tree), and at most a few hundred households can be listed on a day. The reasons are
/// computed with the model that scored, from the district as of the scores' day: the same features through the same
/// model, so the same reasons as when every household got them.
/// </summary>
public sealed class ReasonService : IHouseholdReasons
{
    readonly IBlindSpotStore store;
    readonly ILogger<ReasonService> logger;
    readonly ModelCache models;

    public ReasonService(IBlindSpotStore store, ILogger<ReasonService> logger) : this(store, logger, new ModelCache()) { }

    internal ReasonService(IBlindSpotStore store, ILogger<ReasonService> logger, ModelCache models)
    {
        this.store = store;
        this.logger = logger;
        this.models = models;
    }

    /// <summary>
    /// Reasons of <paramref name="householdIds"/> as of <paramref name="asOf"/> by <paramref name="modelVersion"/>; empty
    /// when that model is not in the registry or cannot score with this build (the caller keeps what it has).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReasonsAsync(
        DateOnly asOf, string modelVersion, IReadOnlyCollection<string> householdIds, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (householdIds.Count == 0 || await LoadAsync(modelVersion, householdIds.Count, ct) is not { } loaded) return result;

        var builder = FeatureBuilders.For(await store.LoadDistrictAsync(asOf, ct));
        var rows = householdIds.Select(id => builder.Build(id, asOf)).OfType<Features.HouseholdFeatures>().ToList();
        foreach (var s in loaded.Model.Score(rows, loaded.Card.Options.TopReasons))
            result[s.Features.HouseholdId] = s.Reasons;
        return result;
    }

    /// <summary>
    /// The scores <see cref="ScoreService"/> would have stored for <paramref name="householdIds"/> as of
    /// <paramref name="asOf"/> by <paramref name="modelVersion"/> had it scored every household: the same households
    /// (living there on that day, not moved out; the others get none), features and model. With
    /// <paramref name="withReasons"/> they carry their reasons. Empty when the model cannot be used.
    /// </summary>
    public async Task<IReadOnlyList<HouseholdScore>> ScoreAsync(
        DateOnly asOf, string modelVersion, IReadOnlySet<string> householdIds, bool withReasons, CancellationToken ct)
    {
        if (householdIds.Count == 0 || await LoadAsync(modelVersion, householdIds.Count, ct) is not { } loaded) return [];
        var rows = FeatureBuilders.For(await store.LoadDistrictAsync(asOf, ct)).BuildAll(asOf, householdIds, ct);
        if (withReasons)
            return loaded.Model.Score(rows, loaded.Card.Options.TopReasons)
                .Select(s => new HouseholdScore(asOf, s.Features.HouseholdId, s.Features.Dong, modelVersion, s.Probability, s.Reasons)).ToList();
        var probabilities = loaded.Model.Probabilities(rows);
        return rows.Select((r, i) => new HouseholdScore(asOf, r.HouseholdId, r.Dong, modelVersion, probabilities[i], [])).ToList();
    }

    /// <summary>
    /// Completes a day's scores for the households a list names, in one synchronous call (what
    /// <see cref="Core.Worklists.WorklistPolicy"/> asks once its selection is made): a household with a stored score gets
    /// its reasons (<see cref="ReasonsAsync"/>'s way), one without gets its score with reasons (<see cref="ScoreAsync"/>'s
    /// way). The district as of <paramref name="asOf"/> and the models of <paramref name="scores"/> are loaded here.
    /// </summary>
    public async Task<Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, HouseholdScore>>> CompleterAsync(
        DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct)
    {
        var byId = new Dictionary<string, HouseholdScore>(scores.Count, StringComparer.Ordinal);
        foreach (var s in scores) byId.TryAdd(s.HouseholdId, s);
        var majority = scores.Count == 0 ? null
            : scores.GroupBy(s => s.ModelVersion).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var loaded = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        foreach (var version in scores.Select(s => s.ModelVersion).Distinct())
            if (await LoadAsync(version, 0, ct) is { } m) loaded[version] = m;
        var builder = FeatureBuilders.For(await store.LoadDistrictAsync(asOf, ct));

        return ids =>
        {
            var result = new Dictionary<string, HouseholdScore>(StringComparer.Ordinal);
            var scored = ids.Where(byId.ContainsKey).GroupBy(id => byId[id].ModelVersion, StringComparer.Ordinal);
            foreach (var group in scored)
            {
                if (!loaded.TryGetValue(group.Key, out var model)) continue;
                var rows = group.Select(id => builder.Build(id, asOf)).OfType<Features.HouseholdFeatures>().ToList();
                foreach (var s in model.Model.Score(rows, model.Card.Options.TopReasons))
                    result[s.Features.HouseholdId] = byId[s.Features.HouseholdId] with { Reasons = s.Reasons };
            }
            var unscored = ids.Where(id => !byId.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
            if (unscored.Count > 0 && majority is not null && loaded.TryGetValue(majority, out var champion))
                foreach (var s in champion.Model.Score(builder.BuildAll(asOf, unscored), champion.Card.Options.TopReasons))
                    result[s.Features.HouseholdId] = new HouseholdScore(asOf, s.Features.HouseholdId, s.Features.Dong, majority, s.Probability, s.Reasons);
            logger.LogInformation("Reasons computed for {Households} listed households, {Scored} of them scored now (scores as of {ScoresAsOf})",
                result.Count, result.Values.Count(s => !byId.ContainsKey(s.HouseholdId)), asOf);
            return result;
        };
    }

    async Task<LoadedModel?> LoadAsync(string modelVersion, int households, CancellationToken ct)
    {
        var record = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Version == modelVersion);
        if (record is null)
        {
            logger.LogWarning("No scores or reasons for {Households} households: model {ModelVersion} is not in the registry", households, modelVersion);
            return null;
        }
        var (loaded, failure) = await models.LoadAsync(store, record, ct);
        if (loaded is null) logger.LogWarning("No scores or reasons for {Households} households: {Failure}", households, failure);
        return loaded;
    }
}
