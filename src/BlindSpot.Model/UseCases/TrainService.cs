using System.Security.Cryptography;
using System.Text;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Features;
using BlindSpot.Model.Registry;
using BlindSpot.Model.Training;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Model.UseCases;

/// <summary>What `train` did: a challenger with its card and the promotion decision, or why none was trained.</summary>
/// <param name="AlreadyExisted">The same data and options had produced this version before: nothing was saved again.</param>
public sealed record TrainReport(DateOnly AsOf, string? Failure, string? Version, ModelCard? Card, bool Promoted, bool AlreadyExisted)
{
    public bool Trained => Failure is null;

    /// <summary>The report as the main job tells it (Core's <see cref="TrainingSummary"/>).</summary>
    public TrainingSummary Summary() => new(AsOf, Failure, Version, Promoted, AlreadyExisted,
        Card is { } c ? new TrainingFigures(c.K, c.Model.Auc, c.Model.PrecisionAtK, c.Rules.PrecisionAtK, c.TipsOnly.PrecisionAtK) : null,
        Card?.Warnings ?? []);
}

/// <summary>
/// Trains a challenger as of a date: labeled visits -> features of the day before -> boosted trees trained on the past,
/// calibrated on the next slice, tested on the last weeks beside both baselines and the champion -> card -> registry,
/// and promotes it when <see cref="PromotionPolicy"/> allows.
/// </summary>
/// <param name="defaults">The configured training settings, used when a call passes none (null: <see cref="TrainOptions"/>' defaults).</param>
public sealed class TrainService(IBlindSpotStore store, ILogger<TrainService> logger, TimeProvider clock, TrainOptions? defaults = null) : IModelTraining
{
    /// <summary>The main job's first model: the configured settings, promoted when the policy allows.</summary>
    async Task<TrainingSummary> IModelTraining.TrainAsync(DateOnly asOf, CancellationToken ct) => (await TrainAsync(asOf, null, ct)).Summary();

    /// <summary>The card's trainer line for the learner a training run chose (<see cref="TrainOptions.Learner"/>).</summary>
    public static string TrainerName(string learner) => learner switch
    {
        Learners.Logistic => "ML.NET 5 L-BFGS logistic regression (standardised features) + calibrator",
        Learners.Gam => "ML.NET 5 GAM (generalised additive model, boosted one-feature stumps) + calibrator",
        Learners.LightGbm => "ML.NET 5 LightGbm (gradient-boosted trees, one thread, deterministic) + calibrator",
        _ => "ML.NET 5 FastTree (gradient-boosted trees) + calibrator",
    };

    /// <summary>Who promoted a model the policy promoted at training (the card's promotion record).</summary>
    public const string AutomaticPromoter = "automatic (train)";

    public Task<TrainReport> TrainAsync(DateOnly asOf, TrainOptions? options, CancellationToken ct) => TrainAsync(asOf, options, true, ct);

    /// <param name="promote">False (`train --no-promote`): the challenger is saved and evaluated, never promoted; the card
    /// says what the policy would have decided.</param>
    public async Task<TrainReport> TrainAsync(DateOnly asOf, TrainOptions? options, bool promote, CancellationToken ct)
    {
        var o = options ?? defaults ?? new TrainOptions();
        var data = await store.LoadDistrictAsync(asOf, ct);
        var builder = FeatureBuilders.For(data);
        var labeled = LabelBuilder.Build(data, builder, ct);
        // Selection correction: each visit carries the selection probability its worklist logged (docs/model.md).
        var firstVisit = labeled.Count == 0 ? asOf : labeled[0].VisitedOn;
        var listed = await store.LoadWorklistsAsync(firstVisit.AddDays(-SelectionCorrection.ListToVisitDays), asOf, ct);
        var visits = SelectionCorrection.Apply(labeled, listed);
        var sampled = NegativeSampler.Sample(data, builder, visits, o, ct);
        var examples = sampled.Count == 0 ? visits : [.. visits, .. sampled];
        var k = data.Capacity.Sum(c => c.DailyVisits);
        logger.LogInformation("Training as of {AsOf}: {LabeledVisits} labeled visits ({ExplorationVisits} from exploration, {ListedVisits} with a logged selection probability), {SampledNegatives} sampled negatives, k = {K}",
            asOf, visits.Count, visits.Count(v => v.Explored), visits.Count(v => v.SelectionProbability < 1), sampled.Count, k);

        var result = ModelTrainer.TrainAndEvaluate(examples, asOf, k, o, ct);
        if (result.Trained is not { } trained)
        {
            logger.LogWarning("No model trained as of {AsOf}: {Failure}", asOf, result.Failure);
            return new TrainReport(asOf, result.Failure, null, null, false, false);
        }

        var version = Version(asOf, trained.DataFingerprint, o);
        var models = await store.ListModelsAsync(ct);
        if (models.FirstOrDefault(m => m.Version == version) is { } existing)
        {
            logger.LogInformation("Model {Version} was already trained on the same data and options: kept as is", version);
            return new TrainReport(asOf, null, version, ModelCard.FromJson(existing.CardJson), false, true); // our own card: a JSON error is a bug, thrown
        }

        var champion = models.FirstOrDefault(m => m.Status == ModelStatus.Champion);
        var comparison = champion is null ? null : await CompareAsync(champion, trained, o, ct);
        var report = trained.Report;
        var decision = PromotionPolicy.Decide(report, comparison);
        if (!promote)
            decision = new PromotionDecision(false, $"Not promoted: trained with --no-promote (the policy would have said: {decision.Reason})");

        var warnings = new List<string>();
        if (!report.BeatsBaselines)
            warnings.Add("The model does NOT beat both baselines on precision@k: kept as challenger, never promoted automatically.");
        if (report.Model.Auc > 0.9)
            warnings.Add($"AUC {report.Model.Auc:F3} > 0.9: real welfare risk models reach 0.66-0.84; on synthetic data this means the data is too easy.");
        if (trained.Model.CalibrationProblem is { } calibration)
            warnings.Add(calibration);
        if (report.Model.Selected == report.Model.Rows)
            warnings.Add("The test window has no more labeled visits than k: precision@k equals the base rate for every scorer and cannot rank them.");

        var trainedAt = Kst.Now(clock);
        var card = new ModelCard(version, FeatureSchema.Version, asOf, trainedAt, trained.TrainingTime.TotalSeconds, TrainerName(trained.Model.Learner), o,
            trained.DataFingerprint, report.Train, report.Calibration, report.Test, report.K, report.TestDays,
            [.. FeatureSchema.Numeric.Select(f => f.Name), $"note_char_ngrams_1_{o.NgramLength}_hashed_{1 << o.NgramBits}"],
            report.Model, report.Rules, report.TipsOnly, comparison, report.Fairness, report.BeatsBaselines, decision, warnings,
            report.WithSampledNegatives, report.ModelIntervals, report.Exploration,
            decision.Promote ? [new PromotionRecord(trainedAt, AutomaticPromoter, decision.Reason, champion?.Version)] : null);

        await store.SaveModelAsync(new ModelRecord(version, ModelStatus.Challenger, trainedAt, asOf, card.ToJson()), trained.Model.ToBytes(), ct);
        if (decision.Promote) await store.PromoteAsync(version, ct);

        foreach (var w in warnings) logger.LogWarning("Model {Version}: {Warning}", version, w);
        logger.LogInformation(
            "Trained {Version} in {Seconds:F1} s: AUC {Auc:F3}, precision@k {PrecisionAtK:F3} (rules {RulesPrecisionAtK:F3}, tips-only {TipsPrecisionAtK:F3}); {Decision}",
            version, trained.TrainingTime.TotalSeconds, report.Model.Auc, report.Model.PrecisionAtK, report.Rules.PrecisionAtK,
            report.TipsOnly.PrecisionAtK, decision.Reason);
        return new TrainReport(asOf, null, version, card, decision.Promote, false);
    }

    /// <summary>
    /// The champion scored on the challenger's test rows (same holdout, same k, same tie-break). Not comparable when the
    /// champion has another feature schema, or was trained or calibrated on visits inside this test window (a challenger
    /// trained as of an earlier date than the champion): it would be judged on rows it learned from.
    /// </summary>
    async Task<ChampionComparison> CompareAsync(ModelRecord champion, TrainedModel trained, TrainOptions o, CancellationToken ct)
    {
        var card = ModelCard.FromJson(champion.CardJson, out var problem);
        if (problem is not null)
        {
            logger.LogWarning("Champion card of {Version} cannot be read: {Problem}", champion.Version, problem);
            return new ChampionComparison(champion.Version, null, null, $"its card cannot be read ({problem})");
        }
        if (card?.FeatureSchemaVersion != FeatureSchema.Version)
            return new ChampionComparison(champion.Version, null, null, $"feature schema {card?.FeatureSchemaVersion ?? "unknown"}, current {FeatureSchema.Version}");
        // A refitted champion learned from every visit up to its as-of date, not only up to its calibration window.
        var fittedUpTo = card.Options.RefitOnAllRows ? card.AsOf : card.CalibrationWindow.To;
        var inside = fittedUpTo >= trained.Report.Test.From;
        // A refresh (the champion's own recipe on newer visits) is judged on fairness on the same rows: the champion has
        // learned from some of them, so its precision there is optimistic and no gain is computed, but the flagged groups
        // compare like with like (a card of another window flagged other groups for other reasons).
        var refresh = inside && card.Options.RefitOnAllRows && card.Options == o && card.AsOf < trained.Report.Test.To;
        var why = inside ? $"the champion was fitted on visits up to {fittedUpTo:yyyy-MM-dd}, inside this test window (from {trained.Report.Test.From:yyyy-MM-dd})" : null;
        if (inside && !refresh) return new ChampionComparison(champion.Version, null, null, why);

        var model = RiskModel.Load(await store.LoadModelBytesAsync(champion.Version, ct), card.Options);
        var test = trained.TestRows;
        var rows = test.Select(e => e.Features).ToList();
        var k = trained.Report.K;
        var p = model.Probabilities(rows);
        var flagged = FairnessAudit.Run(test, p, k).FlaggedCount;
        if (refresh) return new ChampionComparison(champion.Version, null, flagged, why, SameRecipe: true);
        var gain = Bootstrap.Gain(test, trained.HeldOut.Probabilities(rows), p, k, o.Seed, o.BootstrapReplicates);
        return new ChampionComparison(champion.Version, Evaluator.Evaluate("champion", test, p, p, k), flagged, null, gain);
    }

    /// <summary>m-yyyyMMdd-hash: the hash covers the training rows, the options and the feature schema.</summary>
    public static string Version(DateOnly asOf, string fingerprint, TrainOptions o)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{fingerprint}|{o}|{FeatureSchema.Version}"));
        return $"m-{asOf:yyyyMMdd}-{Convert.ToHexStringLower(hash)[..8]}";
    }
}
