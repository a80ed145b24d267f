using BlindSpot.Model.Evaluation;

namespace BlindSpot.Model.Registry;

/// <summary>
/// When a freshly trained model may replace the champion without an analyst:
/// 1. it beats BOTH baselines on precision@k on its test rows (else never, whatever else);
/// 2. with no champion yet, that is enough (the first champion);
/// 3. with a champion, it must beat the champion's precision@k on the same test rows AND not have more flagged fairness
///    groups than the champion has on those rows (no new disparity). A champion that cannot score the rows (another
///    feature schema) is not beaten automatically: an analyst decides with `promote`.
/// </summary>
public static class PromotionPolicy
{
    public static PromotionDecision Decide(EvaluationReport report, ChampionComparison? champion)
    {
        if (!report.BeatsBaselines)
            return new(false, $"Not promoted: precision@k {report.Model.PrecisionAtK:P1} does not beat both baselines " +
                              $"(rules {report.Rules.PrecisionAtK:P1}, tips-only {report.TipsOnly.PrecisionAtK:P1}).");
        if (champion is null)
            return new(true, "Promoted: first model, beats both baselines on precision@k.");
        if (champion.Metrics is null || champion.FairnessFlagged is null)
            return new(false, $"Not promoted: champion {champion.Version} cannot be compared ({champion.NotComparable}); an analyst may promote by command.");
        if (report.Model.PrecisionAtK <= champion.Metrics.PrecisionAtK)
            return new(false, $"Not promoted: precision@k {report.Model.PrecisionAtK:P1} does not beat champion {champion.Version} ({champion.Metrics.PrecisionAtK:P1}) on the same holdout.");
        if (report.Fairness.FlaggedCount > champion.FairnessFlagged)
            return new(false, $"Not promoted: fairness check failed ({report.Fairness.FlaggedCount} flagged groups, champion {champion.FairnessFlagged}).");
        return new(true, $"Promoted: precision@k {report.Model.PrecisionAtK:P1} beats champion {champion.Version} ({champion.Metrics.PrecisionAtK:P1}) and both baselines; fairness no worse.");
    }
}
