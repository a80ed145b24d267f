using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;

namespace BlindSpot.Pipeline.Modeling;

/// <summary>Two models measured now on the same held-out visits, or why they cannot be.</summary>
/// <param name="HoldoutVersion">The model whose test window is the holdout (the later one).</param>
/// <param name="Rows">The visits of the holdout, as the store holds them today.</param>
public sealed record HoldoutComparison(
    string HoldoutVersion, DateOnly From, DateOnly To, int K, int Rows, int Positives,
    ScorerMetrics? A, ScorerMetrics? B, string? Problem);

/// <summary>
/// Compares two registered models on the same holdout (issue 12, analysts): the test window of the later one, rebuilt
/// from the store exactly as training builds it (labeled visits as of that model's date, the same window, the same k),
/// each model scoring the same rows. Refused, with the reason, when either model was trained or calibrated on visits
/// inside that window (it would be judged on rows it learned from) or was built on another feature schema.
/// </summary>
public sealed class ModelComparisonService(IBlindSpotStore store)
{
    public async Task<HoldoutComparison> CompareAsync(string versionA, string versionB, CancellationToken ct)
    {
        var models = await store.ListModelsAsync(ct);
        var (a, b) = (Find(models, versionA), Find(models, versionB));
        if (a is null || b is null) return Refused("", default, default, 0, "비교할 두 모델을 레지스트리에서 고르세요.");

        var holdout = (a.AsOf, a.TrainedAt).CompareTo((b.AsOf, b.TrainedAt)) >= 0 ? a : b;
        var to = holdout.AsOf;
        var from = to.AddDays(-(holdout.Options.TestDays - 1));
        foreach (var card in new[] { a, b })
        {
            if (card.FeatureSchemaVersion != FeatureSchema.Version)
                return Refused(holdout.Version, from, to, holdout.K,
                    $"{card.Version} 은(는) 지금과 다른 특성 스키마({card.FeatureSchemaVersion})로 학습되어 같은 행에서 잴 수 없습니다.");
            if (card.CalibrationWindow.Rows > 0 && card.CalibrationWindow.To >= from)
                return Refused(holdout.Version, from, to, holdout.K,
                    $"{card.Version} 은(는) {card.CalibrationWindow.To:yyyy-MM-dd} 까지의 방문으로 학습·보정되어 평가 구간({from:yyyy-MM-dd}~)과 겹칩니다: 같은 구간에서 비교할 수 없습니다.");
        }

        // The holdout as training builds it: labeled visits as of the later model's date, inside its test window.
        var data = await store.LoadDistrictAsync(to, ct);
        var labeled = LabelBuilder.Build(data, FeatureBuilders.For(data), ct);
        var firstVisit = labeled.Count == 0 ? to : labeled[0].VisitedOn;
        var listed = await store.LoadWorklistsAsync(firstVisit.AddDays(-SelectionCorrection.ListToVisitDays), to, ct);
        var rows = SelectionCorrection.Apply(labeled, listed).Where(e => e.VisitedOn >= from && e.VisitedOn <= to).ToList();
        if (rows.Count == 0) return Refused(holdout.Version, from, to, holdout.K, "평가 구간에 결과가 있는 방문이 없습니다.");

        var features = rows.Select(e => e.Features).ToList();
        async Task<ScorerMetrics> MeasureAsync(ModelCard card)
        {
            var p = RiskModel.Load(await store.LoadModelBytesAsync(card.Version, ct), card.Options.Seed).Probabilities(features);
            return Evaluator.Evaluate(card.Version, rows, p, p, holdout.K);
        }
        return new HoldoutComparison(holdout.Version, from, to, holdout.K, rows.Count, rows.Count(r => r.Label),
            await MeasureAsync(a), await MeasureAsync(b), null);
    }

    static ModelCard? Find(IReadOnlyList<ModelRecord> models, string version) =>
        models.FirstOrDefault(m => m.Version == version) is { } m ? ModelCard.FromJson(m.CardJson, out _) : null;

    static HoldoutComparison Refused(string holdout, DateOnly from, DateOnly to, int k, string problem) =>
        new(holdout, from, to, k, 0, 0, null, null, problem);
}
