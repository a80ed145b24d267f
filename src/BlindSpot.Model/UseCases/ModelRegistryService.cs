using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Model.Registry;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Model.UseCases;

/// <summary>One line of `models`: the registry entry with its key metrics (from the card).</summary>
public sealed record ModelSummary(
    string Version, ModelStatus Status, DateTime TrainedAt, DateOnly AsOf,
    double? Auc, double? PrecisionAtK, double? RulesPrecisionAtK, double? TipsPrecisionAtK, bool? BeatsBaselines, int? FairnessFlagged);

/// <summary>The result of an analyst's promote / roll-back.</summary>
public sealed record PromoteReport(bool Succeeded, string Message, string? FormerChampion);

/// <summary>The model registry for analysts: list, read a card, promote or roll back by hand.</summary>
public sealed class ModelRegistryService(IBlindSpotStore store, ILogger<ModelRegistryService> logger, TimeProvider clock)
{
    public async Task<IReadOnlyList<ModelSummary>> ListAsync(CancellationToken ct)
    {
        var models = await store.ListModelsAsync(ct);
        return models.Select(m =>
        {
            var c = Card(m);
            return new ModelSummary(m.Version, m.Status, m.TrainedAt, m.AsOf, c?.Model.Auc, c?.Model.PrecisionAtK,
                c?.Rules.PrecisionAtK, c?.TipsOnly.PrecisionAtK, c?.BeatsBaselines, c?.Fairness.FlaggedCount);
        }).ToList();
    }

    /// <summary>The card as Markdown, or null for an unknown version.</summary>
    public async Task<string?> CardMarkdownAsync(string version, CancellationToken ct)
    {
        var m = (await store.ListModelsAsync(ct)).FirstOrDefault(x => x.Version == version);
        if (m is null) return null;
        return Card(m) is { } card ? ModelCardMarkdown.Render(card, m.Status) : m.CardJson;
    }

    /// <summary>
    /// Makes <paramref name="version"/> the champion (the former one is retired). Rolling back is promoting an
    /// earlier version. An analyst may promote a model the automatic policy refused; the message says so.
    /// </summary>
    public Task<PromoteReport> PromoteAsync(string version, CancellationToken ct) => PromoteAsync(version, "analyst", "no reason given", ct);

    /// <param name="by">Who decided (the analyst's user name): kept on the model's card with <paramref name="reason"/>.</param>
    public async Task<PromoteReport> PromoteAsync(string version, string by, string reason, CancellationToken ct)
    {
        var models = await store.ListModelsAsync(ct);
        var target = models.FirstOrDefault(m => m.Version == version);
        if (target is null) return new PromoteReport(false, $"등록된 모델 중에 '{version}' 버전이 없습니다 (`models`로 확인하세요).", null);
        var former = models.FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (former?.Version == version) return new PromoteReport(true, $"{version} is already the champion.", version);
        await store.PromoteAsync(version, ct);
        var card = Card(target);
        if (card is not null)
        {
            // Who promoted and why, on the card in the registry (the model bytes are saved again unchanged).
            var record = new PromotionRecord(Kst.Now(clock), by, reason, former?.Version);
            var updated = card with { Promotions = [.. card.Promotions ?? [], record] };
            await store.SaveModelAsync(target with { Status = ModelStatus.Champion, CardJson = updated.ToJson() },
                await store.LoadModelBytesAsync(version, ct), ct);
        }
        var note = card is { BeatsBaselines: false } ? " Note: this model does not beat both baselines on precision@k." : "";
        logger.LogWarning("Analyst promoted {Version} to champion (former {FormerChampion})", version, former?.Version);
        return new PromoteReport(true, $"{version} is now the champion{(former is null ? "" : $"; {former.Version} retired")}.{note}", former?.Version);
    }

    /// <summary>The record's card, or null with a warning naming the version when it cannot be read (shown as stored).</summary>
    ModelCard? Card(ModelRecord m)
    {
        var card = ModelCard.FromJson(m.CardJson, out var problem);
        if (problem is not null) logger.LogWarning("Model card of {Version} cannot be read: {Problem}", m.Version, problem);
        return card;
    }
}
