using System.Globalization;
using System.Text;
using BlindSpot.Core.Scoring;
using BlindSpot.Model.Evaluation;

namespace BlindSpot.Model.Registry;

/// <summary>Renders a card as a readable Markdown page (docs/model-card-template.md describes each section).</summary>
public static class ModelCardMarkdown
{
    public static string Render(ModelCard c, ModelStatus status)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Model card {c.Version}");
        s.AppendLine();
        s.AppendLine(inv, $"- Status: **{status.ToString().ToLowerInvariant()}**");
        s.AppendLine(inv, $"- Decision at training: {c.Decision.Reason}");
        foreach (var p in c.Promotions ?? [])
            s.AppendLine(inv, $"- Promoted {p.At:yyyy-MM-dd HH:mm} (KST) by {p.By}{(p.Former is null ? "" : $", replacing {p.Former}")}: {p.Reason}");
        s.AppendLine(inv, $"- Trained at {c.TrainedAt:yyyy-MM-dd HH:mm:ss} (KST) as of {c.AsOf:yyyy-MM-dd} in {c.TrainingSeconds:F1} s; {c.Trainer}; seed {c.Options.Seed}");
        s.AppendLine(inv, $"- Feature schema {c.FeatureSchemaVersion}; data fingerprint `{c.DataFingerprint}` (SHA-256 of the labeled rows, no personal data)");
        s.AppendLine(inv, $"- Options: trees {c.Options.NumberOfTrees}, leaves {c.Options.NumberOfLeaves}, min leaf {c.Options.MinimumExampleCountPerLeaf}, learning rate {c.Options.LearningRate}, char n-grams 1-{c.Options.NgramLength} hashed to 2^{c.Options.NgramBits}, calibrator {c.Options.Calibrator}");
        if (c.Options.RefitOnAllRows)
            s.AppendLine(inv, $"- Deployed model: the same learner and settings refitted on every labeled visit and sampled row up to {c.AsOf:yyyy-MM-dd} (the calibration and test windows included), with the calibrator fitted below. The figures on this card are those of the held-out model (trained before the calibration window): they describe the recipe; the deployed model has learned from newer visits.");
        foreach (var w in c.Warnings) s.AppendLine(inv, $"- **Warning:** {w}");
        s.AppendLine();
        s.AppendLine("## Data window (labeled visits: 발굴 = 1, 비해당 = 0; features as of the day before each visit)");
        s.AppendLine();
        s.AppendLine("| slice | from | to | rows | 발굴 |");
        s.AppendLine("|---|---|---|---:|---:|");
        foreach (var (name, w) in new[] { ("train", c.TrainWindow), ("calibration", c.CalibrationWindow), ("test", c.TestWindow) })
            s.AppendLine(inv, $"| {name} | {w.From:yyyy-MM-dd} | {w.To:yyyy-MM-dd} | {w.Rows} | {w.Positives} |");
        s.AppendLine();
        s.AppendLine(inv, $"## Metrics on the test rows (k = {c.K} = district daily capacity; {c.TestDays} test days; precision@k = the k test visits ranked highest; daily = top k of each day)");
        s.AppendLine();
        s.AppendLine("| scorer | AUC | AUPRC | precision@k | recall@k | 발굴 in top k | daily precision@k | daily recall@k | Brier |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rows = new List<ScorerMetrics> { c.Model, c.Rules, c.TipsOnly };
        if (c.Champion?.Metrics is { } cm) rows.Add(cm with { Scorer = $"champion {c.Champion.Version}" });
        foreach (var m in rows)
            s.AppendLine(inv, $"| {m.Scorer} | {m.Auc:F3} | {m.Auprc:F3} | {m.PrecisionAtK:F3} | {m.RecallAtK:F3} | {m.Hits}/{m.Selected} | {m.DailyPrecisionAtK:F3} | {m.DailyRecallAtK:F3} | {m.Brier:F4} |");
        if (c.Champion is { Metrics: null } nc) s.AppendLine(inv, $"\nChampion {nc.Version} not comparable: {nc.NotComparable}");
        s.AppendLine();
        if (c.ModelIntervals is { } mi)
        {
            s.AppendLine(inv, $"95% bootstrap intervals ({mi.Replicates} resamples of the test rows): precision@k {mi.PrecisionAtK.Point:F3} ({mi.PrecisionAtK.Low:F3}-{mi.PrecisionAtK.High:F3}), AUC {mi.Auc.Point:F3} ({mi.Auc.Low:F3}-{mi.Auc.High:F3}).");
            if (c.Champion?.Gain is { } g)
                s.AppendLine(inv, $"Gain over the champion (paired): precision@k {g.PrecisionAtK.Point:+0.000;-0.000} ({g.PrecisionAtK.Low:+0.000;-0.000} to {g.PrecisionAtK.High:+0.000;-0.000}), AUC {g.Auc.Point:+0.000;-0.000} ({g.Auc.Low:+0.000;-0.000} to {g.Auc.High:+0.000;-0.000}). Automatic promotion needs an interval above zero (docs/model.md).");
            s.AppendLine();
        }
        if (c.TestWithSampledNegatives is { } sn)
        {
            s.AppendLine(inv, $"## Second evaluation: visited test rows + {sn.SampledTestRows} sampled unvisited households (presumed 비해당)");
            s.AppendLine();
            s.AppendLine(inv, $"Trained with {sn.SampledTrainRows} sampled negatives ({c.Options.SampledNegativesPerVisit} per labeled visit, weight {c.Options.SampledNegativeWeight}, pool {c.Options.SampledNegativePool}, unvisited for {c.Options.SampledNegativeHorizonDays} days). {sn.Rows} rows, {sn.Positives} 발굴. Some sampled households are really in crisis: precision here is a lower bound, for ranking scorers against each other only.");
            s.AppendLine();
            s.AppendLine("| scorer | AUC | AUPRC | precision@k | recall@k | 발굴 in top k |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var m in new[] { sn.Model, sn.Rules, sn.TipsOnly })
                s.AppendLine(inv, $"| {m.Scorer} | {m.Auc:F3} | {m.Auprc:F3} | {m.PrecisionAtK:F3} | {m.RecallAtK:F3} | {m.Hits}/{m.Selected} |");
            s.AppendLine();
        }
        s.AppendLine("## Reliability (model, 10 bins of the calibrated probability)");
        s.AppendLine();
        s.AppendLine("| bin | rows | mean predicted | observed 발굴 rate |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var b in c.Model.Reliability)
            s.AppendLine(inv, $"| {b.From:F1}-{b.To:F1} | {b.Count} | {b.MeanPredicted:F3} | {b.ObservedRate:F3} |");
        s.AppendLine();
        s.AppendLine("## Calibration on exploration visits (탐색: drawn at random from the eligible households; test window)");
        s.AppendLine();
        if (c.ExplorationCalibration is { } ec)
        {
            s.AppendLine(inv, $"{ec.Rows} visits, {ec.Positives} 발굴: mean predicted {ec.MeanPredicted:F3}, observed rate {ec.ObservedRate:F3}, Brier {ec.Brier:F4}. Selection weights: 1 / logged selection probability, clipped at {c.Options.MaxSelectionWeight}.");
            s.AppendLine();
            s.AppendLine("| bin | rows | mean predicted | observed 발굴 rate |");
            s.AppendLine("|---|---:|---:|---:|");
            foreach (var b in ec.Reliability.Where(b => b.Count > 0))
                s.AppendLine(inv, $"| {b.From:F1}-{b.To:F1} | {b.Count} | {b.MeanPredicted:F3} | {b.ObservedRate:F3} |");
        }
        else s.AppendLine("No exploration visit in the test window (no stored worklists yet): calibration holds for visited households only.");
        s.AppendLine();
        s.AppendLine(inv, $"## Fairness audit (selected = among the k test visits ranked highest; ratios to the largest group; flagged outside {FairnessAudit.Low}-{FairnessAudit.High} when the ratio's 95% interval excludes 1, else within noise; too small = < {FairnessAudit.MinRows} rows or < {FairnessAudit.MinClass} of a class)");
        s.AppendLine();
        s.AppendLine(inv, $"Flagged groups: {c.Fairness.FlaggedCount}");
        s.AppendLine();
        s.AppendLine("| attribute | group | rows | 발굴 | selection rate | precision | FPR | FNR | SR ratio | precision ratio | FPR ratio | FNR ratio | status |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var g in c.Fairness.Groups)
        {
            var status_ = g.IsReference ? "reference" : g.TooSmall ? "too small" : g.Flagged ? "FLAGGED: " + string.Join(", ", g.FlaggedMetrics)
                : g.WithinNoiseMetrics is { Count: > 0 } noise ? "ok (within noise: " + string.Join(", ", noise) + ")" : "ok";
            s.AppendLine(inv, $"| {g.Attribute} | {g.Group} | {g.Rows} | {g.Positives} | {g.SelectionRate:F3} | {F(g.Precision)} | {F(g.Fpr)} | {F(g.Fnr)} | {F(g.SelectionRateRatio)} | {F(g.PrecisionRatio)} | {F(g.FprRatio)} | {F(g.FnrRatio)} | {status_} |");
        }
        s.AppendLine();
        s.AppendLine("## Features");
        s.AppendLine();
        s.AppendLine(string.Join(", ", c.Features.Select(f => $"`{f}`")));
        return s.ToString();
    }

    static string F(double? v) => v is { } x ? x.ToString("F3", CultureInfo.InvariantCulture) : "-";
}
