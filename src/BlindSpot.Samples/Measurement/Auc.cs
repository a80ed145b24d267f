namespace BlindSpot.Samples.Measurement;

/// <summary>ROC-AUC by the rank-sum (Mann-Whitney) formula, ties sharing their mean rank.</summary>
public static class Auc
{
    /// <summary>The chance that a random positive scores above a random negative (ties count half); NaN without both classes.</summary>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("scores and labels differ in length");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositive = 0;
        long positives = 0;
        var i0 = 0;
        while (i0 < order.Length)
        {
            var i1 = i0;
            while (i1 + 1 < order.Length && scores[order[i1 + 1]] == scores[order[i0]]) i1++;
            var meanRank = (i0 + i1) / 2.0 + 1;
            for (var k = i0; k <= i1; k++)
                if (positive[order[k]]) { rankSumPositive += meanRank; positives++; }
            i0 = i1 + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
