using BlindSpot.Core.Storage;
using BlindSpot.Samples;

namespace BlindSpot.Bench;

/// <summary>
/// The days after a generated district's as-of, written by the sample generator's continued district (BlindSpot.Samples
/// <see cref="DistrictGenerator.Continue"/>, the writer the simulation and the tests use): a day's officer tips and
/// hotline calls as the upstream systems export them (rotating export forms, hotline addresses as callers say them), and
/// the results of visiting the households that day's stored worklist names, drawn from the district's hidden truth
/// (<see cref="OutcomeFile"/>). No month-end crisis file or registry snapshot: the benchmarks measure the steady daily run.
/// The district is generated again from its options (<paramref name="households"/>, seed, the store's newest snapshot
/// as as-of) and checked against the store; visits already stored after as-of are replayed, so a found household's
/// support ends as it would in one long play.
/// </summary>
internal sealed class DayFiles
{
    readonly LiveDistrict live;
    readonly DistrictView view;

    public DateOnly AsOf { get; }

    DayFiles(LiveDistrict live, DateOnly asOf)
    {
        this.live = live;
        view = live.NewView("bench");
        AsOf = asOf;
    }

    /// <summary>
    /// The district of <paramref name="store"/>, generated with <paramref name="households"/> and <paramref name="seed"/>
    /// (the `generate` command's), continued up to <paramref name="before"/> with the visits stored since as-of; or why not.
    /// </summary>
    public static async Task<(DayFiles? Files, string? Problem)> OpenAsync(IBlindSpotStore store, int households, int seed, DateOnly before, CancellationToken ct)
    {
        if (await store.LoadNewestSnapshotDateAsync(ct) is not { } asOf) return (null, "the store holds no registry snapshot: run the generated inbox first");
        var generator = new DistrictGenerator(new SampleOptions { Households = households, Seed = seed, AsOf = asOf });
        var known = await store.LoadDistrictAsync(before.AddDays(-1), ct);
        var living = known.Households.Count(h => !h.MovedOut);
        if (living != generator.Figures.HouseholdsAsOf)
            return (null, $"the store's registry ({living} households as of {asOf:yyyy-MM-dd}) is not the district generated with households={households} seed={seed} " +
                $"({generator.Figures.HouseholdsAsOf}): give day-files the households and seed `generate` was given");
        var files = new DayFiles(generator.Continue(), asOf);
        foreach (var visits in known.Outcomes.Where(o => o.VisitedOn > asOf).GroupBy(o => o.VisitedOn).OrderBy(g => g.Key))
        {
            files.live.AdvanceTo(visits.Key);
            foreach (var o in visits) files.view.Visit(o.HouseholdId, visits.Key);
        }
        return (files, null);
    }

    /// <summary>Writes <paramref name="day"/>'s tips and the results of visiting its stored worklist into <paramref name="inbox"/>; returns (tips, visits) written.</summary>
    public async Task<(int Tips, int Visits)> WriteAsync(IBlindSpotStore store, DateOnly day, string inbox, CancellationToken ct)
    {
        live.AdvanceTo(day);
        // As the simulation does: the day's visits first (a household found today gets support), then the day's tips.
        var listed = (await store.LoadWorklistAsync(day, ct)).DistinctBy(e => e.HouseholdId).ToList();
        if (listed.Count > 0)
            OutcomeFile.Write(inbox, day, listed.Select(e => (e.HouseholdId, e.Dong, view.Visit(e.HouseholdId, day).Result)).ToList());
        var tips = live.TipsOn(day).Count(t => view.Received(t.TipId));
        view.WriteDays(day.AddDays(-1), day, inbox, monthEnd: false);
        return (tips, listed.Count);
    }
}
