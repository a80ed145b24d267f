using BlindSpot.Core.Domain;
using BlindSpot.Core.Worklists;
using BlindSpot.Samples;

namespace BlindSpot.Simulation;

/// <summary>
/// What a home visit finds, decided by the generator's hidden truth on the visit's day. The draw is a pure function
/// of (seed, household, day), so two policies that visit the same household on the same day get the same result.
/// In crisis: 발굴 85%, 부재 10%, 거부 5%. Not in crisis: 비해당 85%, 부재 12%, 거부 3%.
/// </summary>
internal sealed class VisitModel(DistrictGenerator district, int seed)
{
    public const double FoundWhenInCrisis = 0.85, AbsentWhenInCrisis = 0.10;
    public const double NotInCrisisResult = 0.85, AbsentWhenFine = 0.12;

    public (VisitResult Result, bool InCrisis) Visit(string householdId, DateOnly day)
    {
        var inCrisis = district.TruthOf(householdId, day);
        var u = new ExplorationDraw(day, householdId, $"visit-{seed}").NextDouble();
        var result = inCrisis
            ? u < FoundWhenInCrisis ? VisitResult.Discovered : u < FoundWhenInCrisis + AbsentWhenInCrisis ? VisitResult.Absent : VisitResult.Refused
            : u < NotInCrisisResult ? VisitResult.NotInCrisis : u < NotInCrisisResult + AbsentWhenFine ? VisitResult.Absent : VisitResult.Refused;
        return (result, inCrisis);
    }

    public static string Korean(VisitResult r) => r switch
    {
        VisitResult.Discovered => "발굴",
        VisitResult.NotInCrisis => "비해당",
        VisitResult.Absent => "부재",
        VisitResult.Refused => "거부",
        _ => "기존지원",
    };
}
