using BlindSpot.Core.Domain;
using BlindSpot.Samples.World;
using BlindSpot.Samples.Writing;

namespace BlindSpot.Samples;

/// <summary>
/// A generated district continued day by day after its as-of (<see cref="DistrictGenerator.Continue"/>): new tips every
/// day (weekends included), crisis onsets and endings, moves in and out, and at each month's end the crisis feed of
/// the month and a registry snapshot. The world is shared; what visits change lives in a <see cref="DistrictView"/>
/// (one per policy under comparison), which also writes that policy's inbox files and draws its visit outcomes
/// from the hidden truth. Same seed, same days, same files and outcomes.
/// </summary>
public sealed class LiveDistrict
{
    readonly Continuation world;
    readonly int seed;

    internal LiveDistrict(District district, int seed)
    {
        world = new Continuation(district, seed);
        this.seed = seed;
    }

    /// <summary>The last day drawn (the generator's as-of until <see cref="AdvanceTo"/> is called).</summary>
    public DateOnly Today => world.Today;

    /// <summary>Draws every calendar day after <see cref="Today"/> up to <paramref name="day"/> (nothing when it is not later).</summary>
    public void AdvanceTo(DateOnly day) => world.AdvanceTo(day);

    /// <summary>A new policy's view of the district: no visits yet.</summary>
    public DistrictView NewView(string name) => new(name, world, new ViewState(world, seed));

    /// <summary>The hidden truth without any intervention: living here and in crisis on that day. False for unknown ids.</summary>
    public bool TruthOf(string householdId, DateOnly date) =>
        world.District.ById.TryGetValue(householdId, out var i) && world.District.Households[i].InCrisisOn(date);

    /// <summary>Households living here on a day, and of them in crisis (without any intervention).</summary>
    public (int Living, int InCrisis) CountOn(DateOnly day)
    {
        int living = 0, inCrisis = 0;
        foreach (var h in world.District.Households)
        {
            if (!h.LivesHereOn(day)) continue;
            living++;
            if (h.EpisodeOn(day) is not null) inCrisis++;
        }
        return (living, inCrisis);
    }

    /// <summary>What happened on a drawn day after as-of.</summary>
    public DayEvents EventsOn(DateOnly day)
    {
        var d = world.Days[day];
        return new DayEvents(day, d.Onsets, d.Endings, d.MovedOut, d.MovedIn, d.Tips.Count,
            d.Tips.Count(t => t.Household >= 0 && t.Signal), d.Tips.Select(t => t.Household).Where(h => h >= 0).Distinct().Count(),
            d.Tips.Count(t => t.Urgent == true), d.CrisisMonth?.Count);
    }

    /// <summary>The truth of every tip drawn on a day after as-of (before any view leaves a tip out).</summary>
    public IReadOnlyList<TipTruth> TipsOn(DateOnly day) => world.Days[day].Tips.Select(Truth).ToArray();

    /// <summary>The household a tip drawn after as-of is about (null for calls about nobody in the registry, or unknown ids).</summary>
    public string? TrueHouseholdOfTip(string tipId) => world.Tip(tipId) is { Household: >= 0 } t ? world.District.Households[t.Household].Id : null;

    TipTruth Truth(SimTip t) => new(t.Id, t.Source, t.At, t.Household >= 0 ? world.District.Households[t.Household].Id : null, t.Signal, t.Urgent == true,
        t.Household >= 0 ? Population.DongProfile.All[t.Dong].Dong : null);
}

/// <summary>One policy's district: its visits' outcomes and what they changed, and its inbox files.</summary>
public sealed class DistrictView
{
    readonly Continuation world;
    readonly ViewState state;

    internal DistrictView(string name, Continuation world, ViewState state)
    {
        Name = name;
        this.world = world;
        this.state = state;
    }

    public string Name { get; }

    /// <summary>Households found (발굴) by this view's visits so far.</summary>
    public int Discoveries => state.Discoveries;

    /// <summary>The hidden truth as this view's visits left it: a found household leaves crisis when its support ends.</summary>
    public bool TruthOf(string householdId, DateOnly date) =>
        world.District.ById.TryGetValue(householdId, out var i) && state.InCrisis(world.District.Households[i], date);

    /// <summary>
    /// Visits a household on a day (drawn already): the result follows this view's truth (<see cref="ViewState.Visit"/>);
    /// a 발굴 starts support. Unknown ids are never in crisis (비해당 or 부재/거부).
    /// </summary>
    public VisitOutcome Visit(string householdId, DateOnly day)
    {
        if (day > world.Today) throw new InvalidOperationException($"Advance the district to {day:yyyy-MM-dd} before visiting on it.");
        if (!world.District.ById.TryGetValue(householdId, out var i)) return new VisitOutcome(VisitResult.NotInCrisis, false);
        var (result, inCrisis) = state.Visit(world.District.Households[i], day);
        return new VisitOutcome(result, inCrisis);
    }

    /// <summary>Whether this view's inbox got a tip drawn after as-of (a call about a crisis its support ended is never made).</summary>
    public bool Received(string tipId) => world.Tip(tipId) is { } t && state.Receives(t);

    /// <summary>
    /// Writes the inbox files of every drawn day after <paramref name="after"/> up to <paramref name="through"/> into
    /// <paramref name="inbox"/>: tips of the day, and on a month's last day the crisis file and the registry snapshot
    /// unless <paramref name="monthEnd"/> is false (the benchmarks' steady daily run: tips only). Returns the file names written.
    /// </summary>
    public IReadOnlyList<string> WriteDays(DateOnly after, DateOnly through, string inbox, bool monthEnd = true)
    {
        if (through > world.Today) throw new InvalidOperationException($"Advance the district to {through:yyyy-MM-dd} before writing it.");
        var names = new List<string>();
        for (var d = after.AddDays(1); d <= through; d = d.AddDays(1))
            if (world.Days.TryGetValue(d, out var day)) names.AddRange(DayWriter.Write(world, state, monthEnd ? day : day with { CrisisMonth = null }, inbox));
        return names;
    }
}

/// <param name="InCrisis">The household was in crisis on the visit's day (in this view's truth).</param>
public sealed record VisitOutcome(VisitResult Result, bool InCrisis);

/// <summary>A tip drawn after as-of and what it is truly about.</summary>
/// <param name="HouseholdId">Null for a call about nobody in the registry.</param>
/// <param name="InCrisis">The household was in crisis when the tip was made (before any intervention).</param>
/// <param name="Urgent">Marked urgent as written.</param>
public sealed record TipTruth(string TipId, TipSource Source, DateTime ReceivedAt, string? HouseholdId, bool InCrisis, bool Urgent, string? Dong);

/// <summary>Counts of one drawn day.</summary>
/// <param name="TipsAboutCrisis">Tips about a registry household in crisis that day.</param>
/// <param name="TippedHouseholds">Distinct registry households tipped about that day.</param>
/// <param name="CrisisRows">The month's crisis rows when the day is a month's last, else null.</param>
public sealed record DayEvents(DateOnly Day, int Onsets, int Endings, int MovedOut, int MovedIn, int Tips, int TipsAboutCrisis,
    int TippedHouseholds, int UrgentTips, int? CrisisRows);
