using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;

namespace BlindSpot.Model.UseCases;

/// <summary>A registry model ready to score: loaded once per <see cref="ModelUseCases"/> (a run scores and explains with it).</summary>
internal sealed record LoadedModel(string Version, ModelCard Card, RiskModel Model);

/// <summary>
/// The models one composition has loaded, by version: loading an ML.NET zip costs a fraction of a second, and a run
/// uses the champion twice (probabilities for every household, then reasons for the listed ones).
/// </summary>
internal sealed class ModelCache
{
    readonly Dictionary<string, LoadedModel> loaded = new(StringComparer.Ordinal);
    readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The model of a registry record, or a sentence saying why it cannot score with this build.</summary>
    public async Task<(LoadedModel? Model, string? Failure)> LoadAsync(IBlindSpotStore store, ModelRecord record, CancellationToken ct)
    {
        var card = ModelCard.FromJson(record.CardJson, out var problem);
        if (problem is not null) return (null, $"Champion {record.Version}'s card cannot be read ({problem}): promote another model or retrain.");
        if (card?.FeatureSchemaVersion != FeatureSchema.Version)
            return (null, $"Champion {record.Version} needs feature schema {card?.FeatureSchemaVersion ?? "unknown"}, this build has {FeatureSchema.Version}: retrain.");
        await gate.WaitAsync(ct);
        try
        {
            if (!loaded.TryGetValue(record.Version, out var model))
                loaded[record.Version] = model = new LoadedModel(record.Version, card,
                    RiskModel.Load(await store.LoadModelBytesAsync(record.Version, ct), card.Options));
            return (model, null);
        }
        finally
        {
            gate.Release();
        }
    }
}
