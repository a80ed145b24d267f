using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Simulation;

/// <summary>The comparison policies (not product code).</summary>
internal enum Baseline
{
    /// <summary>Urgent tips first (beyond capacity, like the product), then unvisited tips of the last 30 days, newest first, then random eligible.</summary>
    TipsFirst,
    /// <summary>Distinct recent crisis indicators (3 months), most first, ties at random; no tips (the national system's list).</summary>
    Rules,
    /// <summary>Tips first as above, then the rules ranking instead of random (the strongest simple policy).</summary>
    TipsThenRules,
    /// <summary>Uniformly random eligible households.</summary>
    Random,
}

/// <summary>
/// The households a comparison policy may list on a day, per dong, in a random order of the day. Eligibility is the
/// product's own: <see cref="WorklistPolicy.Eligible"/> in rules mode (no scores), so every household that passes every
/// exclusion (moved out, case-managed, cool-off, 부재 waiting, basic livelihood, recently listed) comes back, urgent tips
/// of the product's urgent window marked <see cref="Selection.UrgentTip"/> (the others <see cref="Selection.Exploration"/>),
/// with its rules score (distinct recent crisis indicators) in <see cref="WorklistEntry.Score"/>. Each policy orders that
/// set its own way and cuts it at the dong's capacity (urgent tips beyond it, as in the product).
/// </summary>
internal sealed record EligibleDong(string Dong, int Capacity, List<WorklistEntry> Random);

internal static class Eligibility
{
    public static List<EligibleDong> Build(DateOnly date, DistrictData data, IReadOnlyList<WorklistEntry> earlier, BusinessCalendar calendar,
        WorklistOptions options, string salt)
    {
        var eligible = WorklistPolicy.Eligible(date, data, [], earlier, calendar, options);
        var result = new List<EligibleDong>();
        foreach (var dong in eligible.Dongs)
        {
            var entries = dong.Households.Select(h => new WorklistEntry(date, dong.Dong, 0, h.Household.HouseholdId,
                h.Urgent is not null ? Selection.UrgentTip : Selection.Exploration, h.RulesScore, RiskGrades.RulesVersion, [], 1.0, false,
                h.LastTipAt, h.TipCount)).ToList();
            var draw = new ExplorationDraw(date, dong.Dong, salt);
            // A random key per household (ordinal id order first, so the draw is repeatable), used for ties and random fill.
            var key = entries.OrderBy(e => e.HouseholdId, StringComparer.Ordinal).ToDictionary(e => e.HouseholdId, _ => draw.NextDouble(), StringComparer.Ordinal);
            result.Add(new EligibleDong(dong.Dong, dong.Capacity, entries.OrderBy(e => key[e.HouseholdId]).ToList()));
        }
        return result;
    }

    /// <summary>Cuts an ordered dong at its capacity; urgent tips go beyond it. Ranks from 1.</summary>
    public static IEnumerable<WorklistEntry> Cut(EligibleDong dong, IEnumerable<(WorklistEntry Entry, Selection As, double Score)> ordered, string version)
    {
        var rank = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, selection, score) in ordered)
        {
            var urgent = selection == Selection.UrgentTip;
            if (rank >= dong.Capacity && !urgent) break;
            if (!seen.Add(e.HouseholdId)) continue;
            rank++;
            yield return e with
            {
                Rank = rank, Selection = selection, Score = score, ModelVersion = version, SelectionProbability = 1.0,
                OverCapacity = urgent && rank > dong.Capacity,
            };
        }
    }

    /// <summary>Households with a tip received after their last completed (non-부재) visit and within the tip window: newest such tip.</summary>
    public static Dictionary<string, DateTime> RecentUnvisitedTips(DateOnly date, DistrictData data, WorklistOptions options)
    {
        var lastVisit = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var o in data.Outcomes)
            if (o.Result != VisitResult.Absent && o.VisitedOn <= data.AsOf && (!lastVisit.TryGetValue(o.HouseholdId, out var d) || o.VisitedOn > d))
                lastVisit[o.HouseholdId] = o.VisitedOn;
        var from = date.AddDays(-options.TipWindowDays);
        var endOfAsOf = data.AsOf.ToDateTime(TimeOnly.MaxValue);
        var tips = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var t in data.Tips)
        {
            if (t.HouseholdId is not { } id || t.ReceivedAt > endOfAsOf) continue;
            var day = DateOnly.FromDateTime(t.ReceivedAt);
            if (day < from || lastVisit.TryGetValue(id, out var v) && day <= v) continue;
            if (!tips.TryGetValue(id, out var at) || t.ReceivedAt > at) tips[id] = t.ReceivedAt;
        }
        return tips;
    }
}

internal static class BaselinePolicies
{
    public static List<WorklistEntry> Build(Baseline baseline, DateOnly date, DistrictData data, IReadOnlyList<WorklistEntry> earlier,
        BusinessCalendar calendar, WorklistOptions options, int seed)
    {
        var recentTip = Eligibility.RecentUnvisitedTips(date, data, options);
        var result = new List<WorklistEntry>();
        foreach (var dong in Eligibility.Build(date, data, earlier, calendar, options, $"{baseline}-{seed}"))
        {
            var random = dong.Random;
            IEnumerable<(WorklistEntry, Selection, double)> ordered = baseline switch
            {
                Baseline.Random => random.Select(e => (e, Selection.Exploration, e.Score)),
                Baseline.Rules => random.Where(e => e.Score > 0).OrderByDescending(e => e.Score).Select(e => (e, Selection.Model, e.Score)),
                _ => TipsFirst(random, recentTip, baseline == Baseline.TipsThenRules),
            };
            result.AddRange(Eligibility.Cut(dong, ordered, $"baseline-{baseline}"));
        }
        return result;
    }

    static IEnumerable<(WorklistEntry, Selection, double)> TipsFirst(List<WorklistEntry> random, Dictionary<string, DateTime> recentTip, bool thenRules)
    {
        foreach (var e in random.Where(e => e.Selection == Selection.UrgentTip)) yield return (e, Selection.UrgentTip, e.Score);
        foreach (var e in random.Where(e => e.Selection != Selection.UrgentTip && recentTip.ContainsKey(e.HouseholdId))
                     .OrderByDescending(e => recentTip[e.HouseholdId]))
            yield return (e, Selection.Tip, e.Score);
        var rest = thenRules ? random.Where(e => e.Score > 0).OrderByDescending(e => e.Score) : (IEnumerable<WorklistEntry>)random;
        foreach (var e in rest) yield return (e, thenRules ? Selection.Model : Selection.Exploration, e.Score);
    }
}
