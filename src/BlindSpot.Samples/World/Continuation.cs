using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>What happened in the district on one day after as-of (shared by every view).</summary>
internal sealed record SimDay(DateOnly Day, int Onsets, int Endings, int MovedOut, int MovedIn, List<SimTip> Tips, List<CrisisRow>? CrisisMonth);

/// <summary>
/// The district after as-of, one calendar day at a time, with the same hazards and rates as the first draw:
/// moves out and in (a newcomer takes the home another household left), crisis onsets (episodes end on their own
/// dates), new tips every day, and at each month's end that month's crisis rows (arrears runs carry over).
/// Each day draws from a random stream of its own (seed, day), so a day's events do not depend on how the caller
/// stepped there. This is the world without intervention: what visits change is kept per view (<see cref="ViewState"/>).
/// </summary>
internal sealed class Continuation
{
    /// <summary>Monthly share of households moving out (and as many moving in): the 7% per six months of the first draw.</summary>
    const double MoveMonthly = 0.07 / 6;

    readonly District district;
    readonly int seed;
    readonly double scale;
    readonly List<CrisisFeed.State> crisisStates;
    readonly Dictionary<int, List<CrisisRow>> laterMonths = [];
    readonly Dictionary<string, SimTip> tipsById = new(StringComparer.Ordinal);

    public Continuation(District district, int seed)
    {
        this.district = district;
        this.seed = seed;
        scale = Timeline.Scale(district.Households);
        crisisStates = [.. district.CrisisStates];
        Today = district.Calendar.AsOf;
    }

    public District District => district;
    public DateOnly Today { get; private set; }
    public Dictionary<DateOnly, SimDay> Days { get; } = [];

    public SimTip? Tip(string id) => tipsById.GetValueOrDefault(id);

    /// <summary>A stream of its own per (seed, day, purpose): repeatable whatever happened before.</summary>
    internal Rng RngFor(DateOnly day, int purpose) => new(unchecked((seed * 1_000_003) ^ (day.DayNumber * 7_919) ^ (purpose * 104_729)));

    public void AdvanceTo(DateOnly day)
    {
        while (Today < day)
        {
            Today = Today.AddDays(1);
            Days[Today] = Step(Today);
        }
    }

    SimDay Step(DateOnly d)
    {
        var rng = RngFor(d, 1);
        var households = district.Households;
        var cal = district.Calendar;

        // Moves: the leaving household is gone from d; a newcomer lives at the same address from d.
        var leaving = new List<SimHousehold>();
        foreach (var h in households)
            if (h.LivesHereOn(d) && h.MovedIn < d && rng.Chance(MoveMonthly / DateTime.DaysInMonth(d.Year, d.Month))) leaving.Add(h);
        var builder = new PopulationBuilder(rng, district.Options, cal.FirstSnapshot);
        foreach (var h in leaving)
        {
            h.MovedOut = d;
            var index = households.Count;
            var newcomer = builder.Newcomer(index, $"YDP-{1_000_000 + index + 1}", h, d);
            households.Add(newcomer);
            district.ById[newcomer.Id] = index;
        }

        var endings = 0;
        foreach (var h in households)
            if (h.LivesHereOn(d) && h.Episodes.Count > 0 && h.Episodes[^1].End == d) endings++;
        var onsets = Timeline.DrawDay(rng, d, households, scale);

        var tips = TipStream.DrawDay(RngFor(d, 2), cal, d, households, district.OfficersPerDong, district.TipIds, district.Options.TipRate);
        foreach (var t in tips) tipsById[t.Id] = t;

        List<CrisisRow>? month = null;
        if (d.AddDays(1).Day == 1)
        {
            var m = cal.MonthOf(d);
            month = m < district.Crisis.Length ? district.Crisis[m] : laterMonths[m] = CrisisFeed.DrawMonth(RngFor(d, 3), cal, households, crisisStates, m);
        }
        return new SimDay(d, onsets, endings, leaving.Count, leaving.Count, tips, month);
    }
}

/// <summary>
/// One policy's copy of what its visits changed: a discovery starts support, so the episode found ends 2-6 weeks
/// later (the household is out of crisis from then on, and neighbours stop calling about it), and 3 in 10 found
/// households are case-managed in the next registry snapshot. Draws are pure functions of (seed, household, day),
/// so two views that find the same household on the same day change it the same way.
/// </summary>
internal sealed class ViewState(Continuation world, int seed)
{
    public const double FoundWhenInCrisis = 0.85, AbsentWhenInCrisis = 0.10;
    public const double NotInCrisisResult = 0.85, AbsentWhenFine = 0.12;
    public const double CaseManagedShare = 0.3;

    readonly Dictionary<int, (Episode Episode, DateOnly Ends)> support = [];
    readonly Dictionary<int, DateOnly> caseManagedFrom = [];

    public int Discoveries => support.Count;

    public bool InCrisis(SimHousehold h, DateOnly d)
    {
        if (!h.LivesHereOn(d) || h.EpisodeOn(d) is not { } e) return false;
        return !(support.TryGetValue(h.Index, out var s) && s.Episode == e && d >= s.Ends);
    }

    public bool CaseManagedOn(SimHousehold h, DateOnly d) => h.CaseManagedOn(d) || caseManagedFrom.TryGetValue(h.Index, out var from) && from <= d;

    /// <summary>
    /// The visit's result from the truth of this view on the day: in crisis 발굴 85%, 부재 10%, 거부 5%; otherwise
    /// 비해당 85%, 부재 12%, 거부 3%. A 발굴 starts support.
    /// </summary>
    public (VisitResult Result, bool InCrisis) Visit(SimHousehold h, DateOnly day)
    {
        var inCrisis = InCrisis(h, day);
        var u = new Core.Worklists.ExplorationDraw(day, h.Id, $"visit-{seed}").NextDouble();
        var result = inCrisis
            ? u < FoundWhenInCrisis ? VisitResult.Discovered : u < FoundWhenInCrisis + AbsentWhenInCrisis ? VisitResult.Absent : VisitResult.Refused
            : u < NotInCrisisResult ? VisitResult.NotInCrisis : u < NotInCrisisResult + AbsentWhenFine ? VisitResult.Absent : VisitResult.Refused;
        if (result == VisitResult.Discovered && !support.ContainsKey(h.Index))
        {
            var draw = new Core.Worklists.ExplorationDraw(day, h.Id, $"support-{seed}");
            support[h.Index] = (h.EpisodeOn(day)!, day.AddDays(14 + draw.NextInt(29)));
            if (draw.NextDouble() < CaseManagedShare) caseManagedFrom[h.Index] = day;
        }
        return (result, inCrisis);
    }

    /// <summary>Whether this view's inbox gets the tip: a call about a crisis that support has ended is never made.</summary>
    public bool Receives(SimTip t)
    {
        if (t.Household < 0 || !t.Signal) return true;
        return InCrisis(world.District.Households[t.Household], DateOnly.FromDateTime(t.At));
    }
}
