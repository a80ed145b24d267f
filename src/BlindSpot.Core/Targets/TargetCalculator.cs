using System.Runtime.InteropServices;
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
        // Each household's first 발굴 of the year (by day; the first row of that day, in input order).
        var firstDiscovery = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var o in data.Outcomes)
        {
            if (o.Result != VisitResult.Discovered || o.VisitedOn.Year != year || o.VisitedOn > asOf) continue;
            ref var day = ref CollectionsMarshal.GetValueRefOrAddDefault(firstDiscovery, o.HouseholdId, out var seen);
            if (!seen || o.VisitedOn < day) day = o.VisitedOn;
        }
        // The dong each discovered household lived in on that day, from its registry versions: one pass over the
        // versions, looking at those of discovered households only (a few thousand of the district's ~380,000).
        var dongOn = new Dictionary<string, (Household? Best, Household? Oldest)>(firstDiscovery.Count, StringComparer.Ordinal);
        foreach (var v in data.HouseholdVersions)
        {
            if (!firstDiscovery.TryGetValue(v.HouseholdId, out var day)) continue;
            ref var found = ref CollectionsMarshal.GetValueRefOrAddDefault(dongOn, v.HouseholdId, out _);
            found = Closer(found, v, day);
        }
        foreach (var householdId in firstDiscovery.Keys)
        {
            var (best, oldest) = dongOn.GetValueOrDefault(householdId);
            var dong = (best ?? oldest)?.Dong;
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

    /// <summary>
    /// A household's dong on a day is that of its newest registry version dated on or before it, else of its oldest:
    /// folds one more version <paramref name="v"/> into the two candidates (the first of equal dates stays).
    /// </summary>
    static (Household? Best, Household? Oldest) Closer((Household? Best, Household? Oldest) found, Household v, DateOnly day)
    {
        var (best, oldest) = found;
        if (v.SnapshotDate <= day && (best is null || v.SnapshotDate > best.SnapshotDate)) best = v;
        if (oldest is null || v.SnapshotDate < oldest.SnapshotDate) oldest = v;
        return (best, oldest);
    }
}
