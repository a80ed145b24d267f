using BlindSpot.Model.Training;

namespace BlindSpot.Model.Evaluation;

/// <summary>One group's rates on the test rows and their ratios to the reference group of its attribute.</summary>
/// <param name="TooSmall">Fewer than <see cref="FairnessAudit.MinRows"/> rows or <see cref="FairnessAudit.MinClass"/>
/// of either class: shown, never flagged.</param>
/// <param name="Flagged">Some ratio lies outside 0.8-1.25 <b>beyond the noise</b>: its 95% interval excludes 1 (and the
/// group is not too small).</param>
/// <param name="WithinNoiseMetrics">Ratios outside 0.8-1.25 whose 95% interval includes 1: shown on the card, not flagged
/// (with k selections over 18 dongs most per-dong ratios leave the range by chance).</param>
public sealed record GroupFairness(
    string Attribute, string Group, int Rows, int Positives, int Selected,
    double SelectionRate, double? Precision, double? Fpr, double? Fnr,
    double? SelectionRateRatio, double? PrecisionRatio, double? FprRatio, double? FnrRatio,
    bool IsReference, bool TooSmall, bool Flagged, IReadOnlyList<string> FlaggedMetrics, IReadOnlyList<string>? WithinNoiseMetrics = null);

public sealed record FairnessReport(IReadOnlyList<GroupFairness> Groups)
{
    public int FlaggedCount => Groups.Count(g => g.Flagged);
}

/// <summary>
/// Group disparities of the model's selections on the test rows (the aequitas convention): a row is selected when it is
/// among the k rows ranked highest over the test window (the same rule as precision@k). Per attribute (dong, sex, age band, household type): selection
/// rate, precision, FPR, FNR, and their ratios to the reference group = the attribute's largest group. A ratio outside
/// [0.8, 1.25] flags the group when it is beyond the noise: the ratio's 95% interval (Katz's log interval for a ratio of
/// two proportions) excludes 1. A group too small to say anything is never flagged.
/// </summary>
public static class FairnessAudit
{
    public const double Low = 0.8, High = 1.25;
    public const int MinRows = 30, MinClass = 5;

    /// <summary>The two-sided 95% normal quantile of the ratio intervals.</summary>
    const double Z = 1.959964;

    public static FairnessReport Run(IReadOnlyList<LabeledExample> test, IReadOnlyList<double> scores, int k)
    {
        var selected = Evaluator.Select(test, scores, k);

        var attributes = new (string Name, Func<LabeledExample, string> Group)[]
        {
            ("dong", e => e.Features.Dong),
            ("sex", e => e.Features.SexLabel),
            ("age_band", e => e.Features.AgeBand),
            ("household_type", e => e.Features.HouseholdType),
        };
        var groups = new List<GroupFairness>();
        foreach (var (name, key) in attributes)
        {
            var stats = Enumerable.Range(0, test.Count).GroupBy(i => key(test[i]), StringComparer.Ordinal)
                .Select(g => Stats(name, g.Key, g.ToArray(), test, selected))
                .OrderBy(s => s.Group, StringComparer.Ordinal).ToList();
            if (stats.Count == 0) continue;
            var reference = stats.OrderByDescending(s => s.Rows).ThenBy(s => s.Group, StringComparer.Ordinal).First();
            foreach (var s in stats) groups.Add(Compare(s, reference));
        }
        return new FairnessReport(groups);
    }

    sealed record RawStats(string Attribute, string Group, int Rows, int Positives, int Selected, int Tp, int Fp, int Fn, int Tn)
    {
        /// <summary>Each metric as (events, trials): the counts its interval is computed from.</summary>
        public (int Events, int Trials) Counts(string metric) => metric switch
        {
            "selection_rate" => (Selected, Rows),
            "precision" => (Tp, Selected),
            "fpr" => (Fp, Fp + Tn),
            "fnr" => (Fn, Tp + Fn),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };

        public double SelectionRate => Rows == 0 ? 0 : (double)Selected / Rows;
        public double? Precision => Selected == 0 ? null : (double)Tp / Selected;
        public double? Fpr => Fp + Tn == 0 ? null : (double)Fp / (Fp + Tn);
        public double? Fnr => Tp + Fn == 0 ? null : (double)Fn / (Tp + Fn);
        public bool TooSmall => Rows < MinRows || Positives < MinClass || Rows - Positives < MinClass;
    }

    static RawStats Stats(string attribute, string group, int[] idx, IReadOnlyList<LabeledExample> test, bool[] selected)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var i in idx)
        {
            var y = test[i].Label;
            if (selected[i]) { if (y) tp++; else fp++; }
            else { if (y) fn++; else tn++; }
        }
        return new RawStats(attribute, group, idx.Length, tp + fn, tp + fp, tp, fp, fn, tn);
    }

    static GroupFairness Compare(RawStats s, RawStats reference)
    {
        var isRef = ReferenceEquals(s, reference);
        double? Ratio(double? v, double? r) => v is { } a && r is { } b && b > 0 ? a / b : null;
        var ratios = new (string Metric, double? Ratio)[]
        {
            ("selection_rate", Ratio(s.SelectionRate, reference.SelectionRate)),
            ("precision", Ratio(s.Precision, reference.Precision)),
            ("fpr", Ratio(s.Fpr, reference.Fpr)),
            ("fnr", Ratio(s.Fnr, reference.Fnr)),
        };
        var outside = s.TooSmall || isRef ? [] : ratios.Where(r => r.Ratio is { } x && (x < Low || x > High)).Select(r => r.Metric).ToArray();
        var flagged = outside.Where(m => BeyondNoise(s.Counts(m), reference.Counts(m))).ToArray();
        return new GroupFairness(s.Attribute, s.Group, s.Rows, s.Positives, s.Selected, s.SelectionRate, s.Precision, s.Fpr, s.Fnr,
            ratios[0].Ratio, ratios[1].Ratio, ratios[2].Ratio, ratios[3].Ratio, isRef, s.TooSmall, flagged.Length > 0, flagged,
            [.. outside.Except(flagged)]);
    }

    /// <summary>
    /// True when the 95% interval of the ratio of two proportions a/n to b/m excludes 1 (Katz's log method:
    /// ln(ratio) ± z·√(1/a − 1/n + 1/b − 1/m); a zero count gets the usual 0.5 added so that the interval exists).
    /// </summary>
    internal static bool BeyondNoise((int Events, int Trials) group, (int Events, int Trials) reference)
    {
        if (group.Trials == 0 || reference.Trials == 0) return false;
        static (double X, double N) Corrected((int Events, int Trials) c) =>
            c.Events == 0 || c.Events == c.Trials ? (c.Events + 0.5, c.Trials + 1.0) : (c.Events, c.Trials);
        var (a, n) = Corrected(group);
        var (b, m) = Corrected(reference);
        var log = Math.Log(a / n / (b / m));
        var se = Math.Sqrt(Math.Max(0, 1 / a - 1 / n + 1 / b - 1 / m));
        return log - Z * se > 0 || log + Z * se < 0;
    }
}
