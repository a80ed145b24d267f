using BlindSpot.Model.Training;

namespace BlindSpot.Model.Evaluation;

/// <summary>A point estimate with its 95% percentile bootstrap interval.</summary>
public sealed record Interval(double Point, double Low, double High)
{
    /// <summary>The whole interval is above zero: a gain outside the noise.</summary>
    public bool AboveZero => Low > 0;
}

/// <summary>Precision@k and AUC of one scorer with their bootstrap intervals (test rows resampled with replacement).</summary>
public sealed record BootstrapMetrics(int Replicates, Interval PrecisionAtK, Interval Auc);

/// <summary>
/// The challenger's gain over the champion on the same test rows, each replicate resampling the rows once for both
/// (paired): the interval says whether the difference is larger than what a different draw of test visits would give.
/// </summary>
public sealed record BootstrapGain(int Replicates, Interval PrecisionAtK, Interval Auc);

/// <summary>
/// Percentile bootstrap over test rows, seeded (same rows and seed, same intervals). Precision@k on a resample follows
/// <see cref="Evaluator"/>: rows ranked by score (ties by <see cref="Evaluator.TieBreak"/>), the top k drawn rows
/// selected; AUC is Mann-Whitney with ties counted half. Each replicate is one linear walk over the rows sorted once.
/// </summary>
public static class Bootstrap
{
    public const int DefaultReplicates = 1000;

    public static BootstrapMetrics Of(IReadOnlyList<LabeledExample> rows, IReadOnlyList<double> scores, int k, int seed, int replicates = DefaultReplicates)
    {
        var s = new Sorted(rows, scores);
        var (point, p, a) = Resample(rows.Count, seed, replicates, w => (s.PrecisionAtK(w, k), s.Auc(w)));
        return new BootstrapMetrics(replicates, Percentiles(point.P, p), Percentiles(point.A, a));
    }

    public static BootstrapGain Gain(IReadOnlyList<LabeledExample> rows, IReadOnlyList<double> challenger, IReadOnlyList<double> champion,
        int k, int seed, int replicates = DefaultReplicates)
    {
        var c = new Sorted(rows, challenger);
        var b = new Sorted(rows, champion);
        var (point, p, a) = Resample(rows.Count, seed, replicates,
            w => (c.PrecisionAtK(w, k) - b.PrecisionAtK(w, k), c.Auc(w) - b.Auc(w)));
        return new BootstrapGain(replicates, Percentiles(point.P, p), Percentiles(point.A, a));
    }

    /// <summary>The metric pair on the rows as they are (every weight 1) and on each bootstrap resample.</summary>
    static ((double P, double A) Point, double[] P, double[] A) Resample(int n, int seed, int replicates, Func<int[], (double P, double A)> metrics)
    {
        var p = new double[replicates];
        var a = new double[replicates];
        var counts = new int[n];
        var rng = new Random(seed);
        for (var r = 0; r < replicates; r++)
        {
            Draw(rng, counts);
            (p[r], a[r]) = metrics(counts);
        }
        return (metrics(Enumerable.Repeat(1, n).ToArray()), p, a);
    }

    static void Draw(Random rng, int[] counts)
    {
        Array.Clear(counts);
        for (var i = 0; i < counts.Length; i++) counts[rng.Next(counts.Length)]++;
    }

    static Interval Percentiles(double point, double[] values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        if (v.Length == 0) return new Interval(point, double.NaN, double.NaN);
        double At(double q) => v[Math.Clamp((int)Math.Floor(q * (v.Length - 1) + 0.5), 0, v.Length - 1)];
        return new Interval(point, At(0.025), At(0.975));
    }

    /// <summary>The rows in score order, once: descending for precision@k, tie groups for AUC.</summary>
    sealed class Sorted
    {
        readonly int[] descending;
        readonly bool[] labels;
        readonly List<int[]> ascendingGroups = [];

        public Sorted(IReadOnlyList<LabeledExample> rows, IReadOnlyList<double> scores)
        {
            if (rows.Count != scores.Count) throw new ArgumentException("Rows and scores differ in length.");
            labels = rows.Select(r => r.Label).ToArray();
            descending = Enumerable.Range(0, rows.Count).OrderByDescending(i => scores[i]).ThenBy(i => Evaluator.TieBreak(rows[i])).ToArray();
            var ascending = Enumerable.Range(0, rows.Count).OrderBy(i => scores[i]).ToArray();
            for (var r = 0; r < ascending.Length;)
            {
                var end = r;
                while (end + 1 < ascending.Length && scores[ascending[end + 1]] == scores[ascending[r]]) end++;
                ascendingGroups.Add(ascending[r..(end + 1)]);
                r = end + 1;
            }
        }

        public double PrecisionAtK(int[] counts, int k)
        {
            int taken = 0, hits = 0;
            foreach (var i in descending)
            {
                if (taken >= k) break;
                var n = Math.Min(counts[i], k - taken);
                taken += n;
                if (labels[i]) hits += n;
            }
            return taken == 0 ? double.NaN : (double)hits / taken;
        }

        public double Auc(int[] counts)
        {
            double num = 0, pos = 0, neg = 0;
            foreach (var g in ascendingGroups)
            {
                double gp = 0, gn = 0;
                foreach (var i in g) if (labels[i]) gp += counts[i]; else gn += counts[i];
                num += gp * (neg + gn / 2);
                pos += gp;
                neg += gn;
            }
            return pos == 0 || neg == 0 ? double.NaN : num / (pos * neg);
        }
    }
}
