using BlindSpot.Core.Metrics;
using BlindSpot.Model.Training;

namespace BlindSpot.Model.Evaluation;

/// <summary>
/// Metrics on the test rows, computed the same way for every scorer.
/// <list type="bullet">
/// <item>Ranking order: score descending; ties broken by a fixed hash of (household id, visit day), so no scorer
/// gains from the order rows happen to arrive in.</item>
/// <item>k = the district's total daily capacity (sum of capacity.csv).</item>
/// <item>Precision@k (the headline, used for promotion): the k test rows ranked highest over the whole test window are
/// "selected"; precision@k = 발굴 among them / k, recall@k = 발굴 among them / all 발굴 of the test window. It asks:
/// of the visits a scorer would have put first, how many found a household in crisis.</item>
/// <item>Daily precision@k (reported beside it): for each test day, that day's rows ranked and the top min(k, rows)
/// selected; Σ 발굴 among selected / Σ selected, recall Σ 발굴 among selected / Σ 발굴. When a day has no more visits
/// than k (the usual case: visits follow capacity), every row is selected for every scorer and it equals the base
/// rate, which is why it cannot be the headline.</item>
/// <item>AUC: Mann-Whitney with tied scores counted half. AUPRC: average precision over distinct score thresholds.
/// Brier: mean (p - y)^2 of the calibrated probability. Reliability: 10 equal-width bins of the probability.</item>
/// </list>
/// </summary>
public static class Evaluator
{
    public static ScorerMetrics Evaluate(string scorer, IReadOnlyList<LabeledExample> rows, IReadOnlyList<double> rankScores,
        IReadOnlyList<double> probabilities, int k)
    {
        if (rows.Count != rankScores.Count || rows.Count != probabilities.Count) throw new ArgumentException("Rows and scores differ in length.");
        var labels = rows.Select(r => r.Label).ToArray();
        var positives = labels.Count(l => l);

        var selected = Select(rows, rankScores, k);
        var picked = Enumerable.Range(0, rows.Count).Count(i => selected[i]);
        var hits = Enumerable.Range(0, rows.Count).Count(i => selected[i] && labels[i]);

        // The per-day variant.
        int dailySelected = 0, dailyHits = 0;
        foreach (var day in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].VisitedOn))
        {
            var ranked = day.OrderByDescending(i => rankScores[i]).ThenBy(i => TieBreak(rows[i])).Take(k).ToArray();
            dailySelected += ranked.Length;
            dailyHits += ranked.Count(i => labels[i]);
        }

        var brier = rows.Count == 0 ? double.NaN : Enumerable.Range(0, rows.Count).Average(i => Math.Pow(probabilities[i] - (labels[i] ? 1 : 0), 2));
        return new ScorerMetrics(scorer, rows.Count, positives, RankQuality.Auc(rankScores, labels), RankQuality.AveragePrecision(rankScores, labels), k,
            picked, hits, picked == 0 ? 0 : (double)hits / picked, positives == 0 ? 0 : (double)hits / positives,
            brier, Reliability(probabilities, labels),
            dailySelected, dailyHits, dailySelected == 0 ? 0 : (double)dailyHits / dailySelected, positives == 0 ? 0 : (double)dailyHits / positives);
    }

    /// <summary>The k rows ranked highest over all <paramref name="rows"/> (ties by <see cref="TieBreak"/>).</summary>
    public static bool[] Select(IReadOnlyList<LabeledExample> rows, IReadOnlyList<double> scores, int k)
    {
        var selected = new bool[rows.Count];
        foreach (var i in Enumerable.Range(0, rows.Count).OrderByDescending(i => scores[i]).ThenBy(i => TieBreak(rows[i])).Take(k))
            selected[i] = true;
        return selected;
    }

    /// <summary>A fixed pseudo-random order for ties (FNV-1a of household id and day).</summary>
    public static uint TieBreak(LabeledExample e)
    {
        var h = 2166136261u;
        foreach (var c in e.Features.HouseholdId) { h ^= c; h *= 16777619u; }
        h ^= (uint)e.VisitedOn.DayNumber; h *= 16777619u;
        return h;
    }

    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> p, IReadOnlyList<bool> labels, int bins = 10)
    {
        var result = new List<ReliabilityBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            double from = (double)b / bins, to = (double)(b + 1) / bins;
            var idx = Enumerable.Range(0, p.Count).Where(i => p[i] >= from && (p[i] < to || (b == bins - 1 && p[i] <= to))).ToArray();
            result.Add(new ReliabilityBin(from, to, idx.Length,
                idx.Length == 0 ? 0 : idx.Average(i => p[i]),
                idx.Length == 0 ? 0 : idx.Average(i => labels[i] ? 1.0 : 0.0)));
        }
        return result;
    }
}
