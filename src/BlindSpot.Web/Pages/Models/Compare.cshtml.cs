using System.Globalization;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Registry;
using BlindSpot.Model.UseCases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Models;

/// <summary>
/// Two models side by side: first both measured now on the same holdout (<see cref="ModelComparisonService"/>: the
/// later model's test window, rebuilt from the store), then what their cards say. In the card table the same holdout is
/// used where the registry measured it (a challenger's card holds the champion of the time scored on the challenger's
/// own test rows); otherwise the note says the test windows differ.
/// </summary>
public sealed class CompareModel(IBlindSpotStore store, ModelComparisonService comparison) : PageModel
{
    /// <summary>Both models on the same held-out visits, or why not.</summary>
    public HoldoutComparison? Holdout { get; private set; }
    public IReadOnlyList<Row> HoldoutRows { get; private set; } = [];

    public sealed record Row(string Name, string A, string B);

    public ModelCard? A { get; private set; }
    public ModelCard? B { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    public string HoldoutNote { get; private set; } = "";

    public async Task OnGetAsync(string? a, string? b, CancellationToken ct)
    {
        var models = await store.ListModelsAsync(ct);
        A = models.FirstOrDefault(m => m.Version == a) is { } ma ? ModelCard.FromJson(ma.CardJson) : null;
        B = models.FirstOrDefault(m => m.Version == b) is { } mb ? ModelCard.FromJson(mb.CardJson) : null;
        if (A is null || B is null) { Error = "비교할 두 모델을 레지스트리에서 고르세요."; return; }

        Holdout = await comparison.CompareAsync(A.Version, B.Version, ct);
        if (Holdout is { A: { } ha, B: { } hb })
            HoldoutRows =
            [
                new("AUC", F(ha.Auc), F(hb.Auc)),
                new("AUPRC", F(ha.Auprc), F(hb.Auprc)),
                new($"precision@k (k={Holdout.K})", F(ha.PrecisionAtK), F(hb.PrecisionAtK)),
                new("recall@k", F(ha.RecallAtK), F(hb.RecallAtK)),
                new("Brier", F(ha.Brier), F(hb.Brier)),
            ];

        // Same holdout: the newer card's champion comparison, when it names the older model.
        var (newer, older) = A.TrainedAt >= B.TrainedAt ? (A, B) : (B, A);
        ScorerMetrics? olderOnNewerHoldout = newer.Champion is { Version: var v, Metrics: { } m } && v == older.Version ? m : null;
        ScorerMetrics MetricsOf(ModelCard c) => c == older && olderOnNewerHoldout is not null ? olderOnNewerHoldout : c.Model;
        HoldoutNote = olderOnNewerHoldout is not null
            ? $"같은 평가 구간: 두 모델 모두 {newer.Version} 의 평가 구간 ({newer.TestWindow.From:yyyy-MM-dd}~{newer.TestWindow.To:yyyy-MM-dd}) 에서 측정한 값입니다."
            : "평가 구간이 다릅니다: 각 모델이 자기 카드의 평가 구간에서 측정한 값이므로 직접 비교에 주의하세요.";

        var ma2 = MetricsOf(A);
        var mb2 = MetricsOf(B);
        static string W(TimeSlice t) => $"{t.From:yyyy-MM-dd}~{t.To:yyyy-MM-dd} ({t.Rows}행, 양성 {t.Positives})";
        Rows =
        [
            new("학습 시각", A.TrainedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), B.TrainedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
            new("학습 구간", W(A.TrainWindow), W(B.TrainWindow)),
            new("평가 구간 (카드)", W(A.TestWindow), W(B.TestWindow)),
            new("평가 행 / 양성", $"{ma2.Rows} / {ma2.Positives}", $"{mb2.Rows} / {mb2.Positives}"),
            new("AUC", F(ma2.Auc), F(mb2.Auc)),
            new("AUPRC", F(ma2.Auprc), F(mb2.Auprc)),
            new($"precision@k (k={A.K} / {B.K})", F(ma2.PrecisionAtK), F(mb2.PrecisionAtK)),
            new("recall@k", F(ma2.RecallAtK), F(mb2.RecallAtK)),
            new("Brier", F(ma2.Brier), F(mb2.Brier)),
            new("규칙 기준선 precision@k (카드)", F(A.Rules.PrecisionAtK), F(B.Rules.PrecisionAtK)),
            new("제보만 기준선 precision@k (카드)", F(A.TipsOnly.PrecisionAtK), F(B.TipsOnly.PrecisionAtK)),
            new("공정성 경고 그룹", A.Fairness.FlaggedCount.ToString(CultureInfo.InvariantCulture), B.Fairness.FlaggedCount.ToString(CultureInfo.InvariantCulture)),
            new("학습기", A.Trainer, B.Trainer),
            new("자동 승격 판단", A.Decision.Reason, B.Decision.Reason),
        ];
    }

    static string F(double d) => double.IsFinite(d) ? d.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
