namespace BlindSpot.Core.Metrics;

/// <summary>
/// How well a score ranks the households in crisis above the others: the one implementation of ROC-AUC and average
/// precision (AUPRC) used by the model's evaluation (BlindSpot.Model), the sample manifest (BlindSpot.Samples) and the
/// simulation's ranking check. The bootstrap's weighted AUC (Model/Evaluation/Bootstrap) computes the same statistic on
/// resampled counts.
/// </summary>
public static class RankQuality
{
    /// <summary>
    /// ROC-AUC by the rank-sum (Mann-Whitney) formula, tied scores sharing their mean rank: the chance that a random
    /// positive scores above a random negative, ties counting half. NaN without both classes.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositive = 0;
        long positives = 0, negatives = 0;
        var r = 0;
        while (r < order.Length)
        {
            var end = r;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[r]]) end++;
            var meanRank = (r + end) / 2.0 + 1;
            for (var j = r; j <= end; j++)
                if (labels[order[j]]) { rankSumPositive += meanRank; positives++; } else negatives++;
            r = end + 1;
        }
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>Average precision over distinct score thresholds (tied scores enter together). NaN without a positive.</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count) throw new ArgumentException("Scores and labels differ in length.", nameof(labels));
        var total = labels.Count(l => l);
        if (total == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double ap = 0, previousRecall = 0;
        int truePositives = 0, seen = 0, r = 0;
        while (r < order.Length)
        {
            var end = r;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[r]]) end++;
            for (var j = r; j <= end; j++) { seen++; if (labels[order[j]]) truePositives++; }
            var recall = (double)truePositives / total;
            ap += (recall - previousRecall) * ((double)truePositives / seen);
            previousRecall = recall;
            r = end + 1;
        }
        return ap;
    }
}
