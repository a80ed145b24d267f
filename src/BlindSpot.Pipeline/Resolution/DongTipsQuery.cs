using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Worklists;

namespace BlindSpot.Pipeline.Resolution;

/// <summary>
/// A candidate household of a tip as the dong's screen shows it. Name, birth year and address only for a household of
/// the same dong: dong staff never see another dong's personal data, so a candidate elsewhere is an id and nothing more.
/// </summary>
public sealed record TipCandidate(string HouseholdId, bool InDong, string? Name, int? BirthYear, string? Address);

/// <summary>One open tip of the dong: the tips-to-resolve line (the file's fields) and its candidates.</summary>
public sealed record DongTipLine(Tip Tip, TipToResolveRow Row, IReadOnlyList<TipCandidate> Candidates);

/// <param name="All">Every open tip of the dong, not only those due today (the tips-to-resolve file's rule).</param>
/// <param name="OpenNotShown">Open tips of the dong left out because they are not due (older, not urgent).</param>
public sealed record DongTipsView(string Dong, DateOnly AsOf, bool All, IReadOnlyList<DongTipLine> Lines, int OpenNotShown);

/// <summary>
/// The dong's tips that are not linked to a household (the web's 미해결 제보 page): by default the same tips as its
/// tips-to-resolve file (<see cref="TipToResolveRow.Due"/>, as of today), on request every open tip of the dong.
/// Staff confirm or reject through <see cref="TipResolutionService"/>.
/// </summary>
public sealed class DongTipsQuery(TipResolutionService tips, IBlindSpotStore store, WorklistSettings settings, TimeProvider clock)
{
    /// <summary>How many of the dong's open tips are due today, and how many of them are urgent (the worklist page's notice).</summary>
    public async Task<(int Due, int Urgent)> CountDueAsync(string dong, CancellationToken ct)
    {
        var due = TipToResolveRow.Due(await tips.ListOpenAsync(dong, ct), Kst.Today(clock), settings.Policy.TipWindowDays, settings.TipsToResolveUrgentDays).ToList();
        return (due.Count, due.Count(t => t.Urgent));
    }

    public async Task<DongTipsView> LoadAsync(string dong, bool all, CancellationToken ct)
    {
        var today = Kst.Today(clock);
        var open = await tips.ListOpenAsync(dong, ct);
        var shown = TipToResolveRow.InOrder(all ? open : TipToResolveRow.Due(open, today, settings.Policy.TipWindowDays, settings.TipsToResolveUrgentDays)).ToList();
        if (shown.Count == 0) return new DongTipsView(dong, today, all, [], open.Count);

        var households = (await store.LoadIngestContextAsync(IngestContextParts.Registry, ct)).Households;
        TipCandidate Candidate(string id) => households.GetValueOrDefault(id) is { } h && h.Dong == dong
            ? new TipCandidate(id, true, h.HeadName, h.HeadBirthYear > 0 ? h.HeadBirthYear : null, h.Address)
            : new TipCandidate(id, false, null, null, null);
        var lines = shown.Select(t => new DongTipLine(t, TipToResolveRow.From(t), t.Candidates.Select(Candidate).ToList())).ToList();
        return new DongTipsView(dong, today, all, lines, open.Count - lines.Count);
    }
}
