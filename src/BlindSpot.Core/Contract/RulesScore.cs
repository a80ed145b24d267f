using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Contract;

/// <summary>
/// The rules score, one definition (issue 8): <b>the number of distinct crisis indicators a household had in the last
/// <see cref="Months"/> months whose crisis figures were known</b> on the as-of day, like the national system's lists.
/// Used by the worklists' rules fallback and their 규칙점수 column, by the model's rules baseline (the feature slot
/// <see cref="FeatureName"/>) and by the sample manifest's rules AUC. A month's figures are known from its last day
/// (<see cref="DistrictData.IsCrisisKnown"/>).
/// </summary>
public static class RulesScore
{
    /// <summary>The window of the rules score, in known months.</summary>
    public const int Months = 3;

    /// <summary>The model's feature slot that holds the rules score (docs/model.md, "Features").</summary>
    public const string FeatureName = "crisis_distinct_3m";

    /// <summary>The newest month whose crisis figures are known on <paramref name="asOf"/> (its first day).</summary>
    public static DateOnly LatestKnownMonth(DateOnly asOf)
    {
        var next = asOf.AddDays(1);
        return new DateOnly(next.Year, next.Month, 1).AddMonths(-1);
    }

    /// <summary>The first month of the last <paramref name="months"/> known months on <paramref name="asOf"/>.</summary>
    public static DateOnly WindowStart(DateOnly asOf, int months = Months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        return LatestKnownMonth(asOf).AddMonths(-(months - 1));
    }

    /// <summary>The rules score of one household's crisis rows as of <paramref name="asOf"/>.</summary>
    public static int Of(IEnumerable<CrisisRecord> rows, DateOnly asOf, int months = Months)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var from = WindowStart(asOf, months);
        var to = LatestKnownMonth(asOf);
        return rows.Where(c => c.Month >= from && c.Month <= to).Select(c => c.Indicator).Distinct(StringComparer.Ordinal).Count();
    }
}
