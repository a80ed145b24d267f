using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Targets;

/// <summary>
/// The +10% target arithmetic (docs/targets.md), pure:
/// target = ceil(rate x baseline); share = dayOfYear(asOf) / daysInYear (365 or 366); expected_ytd = target x share;
/// pace = discoveries_ytd / expected_ytd; projected = discoveries_ytd / share; status by pace thresholds.
/// A household counts once a year, in the dong it lived in at its first 발굴 of the year.
/// </summary>
public static class TargetCalculator
{
    /// <summary>The as-of day a report uses: <paramref name="asOf"/> clamped into <paramref name="year"/>; null when it is before the year starts.</summary>
    public static DateOnly? ClampAsOf(int year, DateOnly asOf) =>
        asOf.Year < year ? null : asOf.Year > year ? new DateOnly(year, 12, 31) : asOf;

    /// <param name="data">What was known by the end of the as-of day (outcomes up to it).</param>
    public static TargetReport Compute(int year, DateOnly asOf, DistrictData data, TargetOptions options)
    {
        if (asOf.Year != year) throw new ArgumentException("The as-of day must lie in the report's year (see ClampAsOf).", nameof(asOf));
        if (options.Validate() is { } invalid) throw new ArgumentException(invalid, nameof(options));

        var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        var elapsed = asOf.DayOfYear;
        var share = (decimal)elapsed / daysInYear;

        // Baseline: last year's row; failing that the latest earlier year given.
        var baselines = new Dictionary<string, TargetBaseline>(StringComparer.Ordinal);
        foreach (var b in data.Baselines)
        {
            if (b.Year >= year) continue;
            if (!baselines.TryGetValue(b.Dong, out var current) || b.Year > current.Year) baselines[b.Dong] = b;
        }

        var discoveries = Dongs.All.ToDictionary(d => d, _ => 0, StringComparer.Ordinal);
        var unattributed = 0;
        var firstDiscovery = data.Outcomes
            .Where(o => o.Result == VisitResult.Discovered && o.VisitedOn.Year == year && o.VisitedOn <= asOf)
            .GroupBy(o => o.HouseholdId, StringComparer.Ordinal)
            .Select(g => g.MinBy(o => o.VisitedOn)!);
        var versions = data.HouseholdVersions.ToLookup(h => h.HouseholdId, StringComparer.Ordinal);
        foreach (var o in firstDiscovery)
        {
            var dong = DongOn(versions[o.HouseholdId], o.VisitedOn);
            if (dong is not null && discoveries.ContainsKey(dong)) discoveries[dong]++;
            else unattributed++;
        }

        var rows = new List<DongTarget>(Dongs.All.Count);
        foreach (var dong in Dongs.All)
        {
            var b = baselines.GetValueOrDefault(dong);
            var baseline = b?.Discoveries ?? 0;
            rows.Add(Row(dong, b?.Year, baseline, Target(baseline, options.Rate), discoveries[dong], share, options));
        }
        var total = Row(TargetReport.TotalName, null, rows.Sum(r => r.Baseline), rows.Sum(r => r.Target), rows.Sum(r => r.DiscoveriesYtd), share, options);
        return new TargetReport(year, asOf, elapsed, daysInYear, share, rows, total, unattributed);
    }

    /// <summary>ceil(rate x baseline) in decimal arithmetic (1.10 x 10 = 11, not 11.000000000000002 -> 12).</summary>
    public static int Target(int baseline, decimal rate) => (int)Math.Ceiling(rate * baseline);

    /// <summary>Status of a pace; without a pace (target 0) any discovery is ahead and none is on track.</summary>
    public static TargetStatus Status(decimal? pace, int discoveries, TargetOptions options) =>
        pace is not { } p ? (discoveries > 0 ? TargetStatus.Ahead : TargetStatus.OnTrack)
        : p >= options.AheadFrom ? TargetStatus.Ahead
        : p >= options.OnTrackFrom ? TargetStatus.OnTrack
        : TargetStatus.Behind;

    static DongTarget Row(string dong, int? baselineYear, int baseline, int target, int found, decimal share, TargetOptions options)
    {
        var expected = target * share;
        decimal? pace = expected == 0 ? null : found / expected;
        var projected = share == 0 ? 0 : found / share;
        return new DongTarget(dong, baselineYear, baseline, target, found, expected, pace, projected, Status(pace, found, options));
    }

    /// <summary>The household's dong on a day: its newest registry version dated on or before it, else its oldest.</summary>
    static string? DongOn(IEnumerable<Household> versions, DateOnly day)
    {
        Household? best = null, oldest = null;
        foreach (var v in versions)
        {
            if (v.SnapshotDate <= day && (best is null || v.SnapshotDate > best.SnapshotDate)) best = v;
            if (oldest is null || v.SnapshotDate < oldest.SnapshotDate) oldest = v;
        }
        return (best ?? oldest)?.Dong;
    }
}
