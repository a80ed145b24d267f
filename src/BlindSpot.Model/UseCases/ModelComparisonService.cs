using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;

namespace BlindSpot.Model.UseCases;

/// <summary>Two models measured now on the same held-out visits, or why they cannot be.</summary>
/// <param name="HoldoutVersion">The model whose test window is the holdout (the later one).</param>
/// <param name="Rows">The visits of the holdout, as the store holds them today.</param>
public sealed record HoldoutComparison(
    string HoldoutVersion, DateOnly From, DateOnly To, int K, int Rows, int Positives,
    ScorerMetrics? A, ScorerMetrics? B, string? Problem);

/// <summary>
/// Compares two registered models on the same holdout (issue 12, analysts): visits that neither stored model learned
/// from, rebuilt from the store exactly as training builds its test rows (labeled visits with features as of the day
/// before each visit, selection probabilities, the later model's k), each model scoring the same rows. A stored model
/// learned from every visit up to its as-of date when it was refitted on all rows (the default), else up to its
/// calibration window. The holdout starts the day after the later of the two; it ends at the later model's as-of date
/// when that model kept its test window held out (so it measures exactly its card's figures again), else today (the
/// visits recorded since). Refused, with the reason, when no such visit exists yet or a model has another feature schema.
/// </summary>
public sealed class ModelComparisonService(IBlindSpotStore store, TimeProvider clock)
{
    public async Task<HoldoutComparison> CompareAsync(string versionA, string versionB, CancellationToken ct)
    {
        var models = await store.ListModelsAsync(ct);
        var (a, problemA) = Find(models, versionA);
        var (b, problemB) = Find(models, versionB);
        if ((problemA ?? problemB) is { } unreadable) return Refused("", default, default, 0, unreadable);
        if (a is null || b is null) return Refused("", default, default, 0, "비교할 두 모델을 레지스트리에서 고르세요.");

        var holdout = (a.AsOf, a.TrainedAt).CompareTo((b.AsOf, b.TrainedAt)) >= 0 ? a : b;
        var fittedUpTo = FittedUpTo(a) > FittedUpTo(b) ? FittedUpTo(a) : FittedUpTo(b);
        var from = fittedUpTo.AddDays(1);
        var to = holdout.Options.RefitOnAllRows ? Core.Time.Kst.Today(clock) : holdout.AsOf;
        foreach (var card in new[] { a, b })
            if (card.FeatureSchemaVersion != FeatureSchema.Version)
                return Refused(holdout.Version, from, to, holdout.K,
                    $"{card.Version} 은(는) 지금과 다른 특성 스키마({card.FeatureSchemaVersion})로 학습되어 같은 행에서 잴 수 없습니다.");
        if (from > to)
            return Refused(holdout.Version, from, to, holdout.K, NoVisits(fittedUpTo));

        // The holdout as training builds it: labeled visits as of the later model's date, inside its test window.
        var data = await store.LoadDistrictAsync(to, ct);
        var labeled = LabelBuilder.Build(data, FeatureBuilders.For(data), ct);
        var firstVisit = labeled.Count == 0 ? to : labeled[0].VisitedOn;
        var listed = await store.LoadWorklistsAsync(firstVisit.AddDays(-SelectionCorrection.ListToVisitDays), to, ct);
        var rows = SelectionCorrection.Apply(labeled, listed).Where(e => e.VisitedOn >= from && e.VisitedOn <= to).ToList();
        if (rows.Count == 0) return Refused(holdout.Version, from, to, holdout.K, NoVisits(fittedUpTo));

        var features = rows.Select(e => e.Features).ToList();
        async Task<ScorerMetrics> MeasureAsync(ModelCard card)
        {
            var p = RiskModel.Load(await store.LoadModelBytesAsync(card.Version, ct), card.Options).Probabilities(features);
            return Evaluator.Evaluate(card.Version, rows, p, p, holdout.K);
        }
        return new HoldoutComparison(holdout.Version, from, to, holdout.K, rows.Count, rows.Count(r => r.Label),
            await MeasureAsync(a), await MeasureAsync(b), null);
    }

    /// <summary>The last visit day the stored model learned from (refitted on all rows: its as-of date).</summary>
    static DateOnly FittedUpTo(ModelCard card) => card.Options.RefitOnAllRows ? card.AsOf : card.CalibrationWindow.To;

    static string NoVisits(DateOnly fittedUpTo) =>
        $"두 모델이 배우지 않은 방문이 아직 없습니다: 두 모델 모두 {fittedUpTo:yyyy-MM-dd} 까지의 방문으로 학습했으므로, 그 뒤 방문 결과가 쌓이면 같은 방문으로 비교합니다.";

    /// <summary>The model's card; null without a problem when no such model is registered, null with one when its card cannot be read.</summary>
    static (ModelCard? Card, string? Problem) Find(IReadOnlyList<ModelRecord> models, string version)
    {
        if (models.FirstOrDefault(m => m.Version == version) is not { } m) return (null, null);
        var card = ModelCard.FromJson(m.CardJson, out var problem);
        return (card, problem is null ? null : $"{version} 의 모델 카드를 읽을 수 없어 비교하지 않았습니다: {problem}");
    }

    static HoldoutComparison Refused(string holdout, DateOnly from, DateOnly to, int k, string problem) =>
        new(holdout, from, to, k, 0, 0, null, null, problem);
}
