using System.Globalization;
using BlindSpot.Model.Evaluation;

namespace BlindSpot.Model.Registry;

/// <summary>
/// When a freshly trained model may replace the champion without an analyst:
/// 1. it beats BOTH baselines on precision@k on its test rows (else never, whatever else);
/// 2. with no champion yet, that is enough (the first champion: the alternative is the rules fallback);
/// 3. with a champion, its gain on the same test rows must be **outside the noise**: the 95% paired bootstrap interval
///    of the precision@k gain lies above zero, or that of the AUC gain does while precision@k is not lower; and it must
///    not have more flagged fairness groups than the champion on those rows (no new disparity). A one-household
///    difference in the top k is inside the noise. A champion that cannot score the rows (another feature schema) is
///    not beaten automatically: an analyst decides with `promote`.
/// 4. a refresh: a champion refitted on every visit up to its as-of date has learned from the challenger's test window, so
///    the two cannot be compared on it. When the challenger is the champion's own recipe (same settings, same features)
///    on newer visits, passing rule 1 and a fairness count no worse than the champion's on the same rows is enough: the recipe was
///    judged when it first won, and newer visits are what the refresh is for (docs/adr/0002-model-choice.md).
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
        if (champion.Metrics is null || champion.FairnessFlagged is null || champion.Gain is not { } gain)
        {
            if (champion is { SameRecipe: true, Metrics: null, FairnessFlagged: { } cardFlagged })
                return report.Fairness.FlaggedCount > cardFlagged
                    ? new(false, $"Not promoted: refresh of champion {champion.Version}'s recipe, but fairness check failed ({report.Fairness.FlaggedCount} flagged groups, champion {cardFlagged} on the same rows).")
                    : new(true, $"Promoted: refresh of champion {champion.Version}'s recipe (same settings and features) on newer visits; " +
                                $"the champion cannot be scored on this test window ({champion.NotComparable}); beats both baselines; fairness no worse than the champion's on the same rows.");
            return new(false, $"Not promoted: champion {champion.Version} cannot be compared ({champion.NotComparable}); an analyst may promote by command.");
        }
        if (report.Fairness.FlaggedCount > champion.FairnessFlagged)
            return new(false, $"Not promoted: fairness check failed ({report.Fairness.FlaggedCount} flagged groups, champion {champion.FairnessFlagged}).");
        var p = Describe("precision@k", gain.PrecisionAtK, points: true);
        var a = Describe("AUC", gain.Auc, points: false);
        if (gain.PrecisionAtK.AboveZero)
            return new(true, $"Promoted: beats champion {champion.Version} beyond the noise on precision@k ({p}; AUC {a}); fairness no worse.");
        if (gain.Auc.AboveZero && gain.PrecisionAtK.Point >= 0)
            return new(true, $"Promoted: beats champion {champion.Version} beyond the noise on AUC ({a}) with precision@k not lower ({p}); fairness no worse.");
        return new(false, $"Not promoted: the gain over champion {champion.Version} is inside the noise ({p}; AUC {a}); an analyst may promote by command.");
    }

    static string Describe(string name, Interval i, bool points)
    {
        var f = points ? 100 : 1;
        var format = points ? "+0.0;-0.0;0.0" : "+0.000;-0.000;0.000";
        var unit = points ? " points" : "";
        string N(double v) => (v * f).ToString(format, CultureInfo.InvariantCulture);
        return $"{name} gain {N(i.Point)}{unit}, 95% interval {N(i.Low)}..{N(i.High)}";
    }
}
