using BlindSpot.Core.Domain;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Simulation;

/// <summary>What one policy's visits found over the simulated days.</summary>
internal sealed class Tally(string policy)
{
    public string Policy { get; } = policy;
    public int Visits { get; private set; }
    public int VisitsInCrisis { get; private set; }
    public HashSet<string> Discovered { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ReachedInCrisis { get; } = new(StringComparer.Ordinal);
    public Dictionary<Selection, (int Visits, int Found)> BySelection { get; } = [];
    /// <summary>Every visit day of every household (for the urgent-tip follow-up).</summary>
    public Dictionary<string, List<DateOnly>> VisitDays { get; } = new(StringComparer.Ordinal);
    public TimeSpan Elapsed { get; set; }
    /// <summary>Urgent tips about registry households received during the run (by this policy's inbox), and those not visited within 14 days.</summary>
    public int UrgentTips { get; set; }
    public int UrgentTipsUnvisited { get; set; }

    public void Add(WorklistEntry e, DateOnly day, VisitResult result, bool inCrisis)
    {
        Visits++;
        if (inCrisis) { VisitsInCrisis++; ReachedInCrisis.Add(e.HouseholdId); }
        var found = result == VisitResult.Discovered && Discovered.Add(e.HouseholdId);
        var (v, f) = BySelection.GetValueOrDefault(e.Selection);
        BySelection[e.Selection] = (v + 1, f + (found ? 1 : 0));
        if (!VisitDays.TryGetValue(e.HouseholdId, out var days)) VisitDays[e.HouseholdId] = days = [];
        days.Add(day);
    }

    /// <summary>Discoveries per 100 visits.</summary>
    public double Per100 => Visits == 0 ? 0 : 100.0 * Discovered.Count / Visits;
}
