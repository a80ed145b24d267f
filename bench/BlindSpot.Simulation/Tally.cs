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
    public List<int> ListedPerDay { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public void Add(WorklistEntry e, VisitResult result, bool inCrisis)
    {
        Visits++;
        if (inCrisis) { VisitsInCrisis++; ReachedInCrisis.Add(e.HouseholdId); }
        var found = result == VisitResult.Discovered && Discovered.Add(e.HouseholdId);
        var (v, f) = BySelection.GetValueOrDefault(e.Selection);
        BySelection[e.Selection] = (v + 1, f + (found ? 1 : 0));
    }

    public double Precision => Visits == 0 ? 0 : Discovered.Count / (double)Visits;
}
