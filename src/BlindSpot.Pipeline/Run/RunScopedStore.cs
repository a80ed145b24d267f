using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;

namespace BlindSpot.Pipeline.Run;

/// <summary>
/// The store as one `run` sees it: every call goes to the real store, except that the district as of a day is
/// loaded once and shared by training, scoring, worklists and targets (a district load is seconds at 190,000
/// households), and the scores a step stored are read back from memory by the next (190,000 rows). Any committed
/// file or changed tip link drops the district cache, so no step can see a district older than the store. A history
/// read ahead through this view (the main job starts it beside the ingest) is given to the next district load that
/// reads the store, which uses it only if the store's history is still in the state it was read at. Lives for one run
/// only. Public for the composition root, which builds a run's steps over it.
/// </summary>
public sealed class RunScopedStore(IBlindSpotStore inner) : StoreDecorator(inner)
{
    readonly Dictionary<DateOnly, DistrictData> districts = [];
    readonly Dictionary<DateOnly, IReadOnlyList<HouseholdScore>> scores = [];
    DistrictHistoryAhead? ahead;

    public override DistrictHistoryAhead? ReadHistoryAhead(CancellationToken ct) => ahead = Inner.ReadHistoryAhead(ct);

    public override async Task<DistrictData> LoadDistrictAsync(DateOnly asOf, CancellationToken ct)
    {
        if (districts.TryGetValue(asOf, out var cached)) return cached;
        var given = ahead;
        ahead = null;
        return districts[asOf] = await Inner.LoadDistrictAsync(asOf, given, ct);
    }

    public override async Task ReplaceScoresAsync(DateOnly asOf, IReadOnlyList<HouseholdScore> replaced, CancellationToken ct)
    {
        scores.Remove(asOf);
        await Inner.ReplaceScoresAsync(asOf, replaced, ct);
        scores[asOf] = replaced;
    }

    public override async Task<IReadOnlyList<HouseholdScore>> LoadScoresAsync(DateOnly asOf, CancellationToken ct)
    {
        if (scores.TryGetValue(asOf, out var cached)) return cached;
        return scores[asOf] = await Inner.LoadScoresAsync(asOf, ct);
    }

    public override async Task<int> UpdateTipLinksAsync(IReadOnlyList<Tip> tips, CancellationToken ct)
    {
        districts.Clear();
        return await Inner.UpdateTipLinksAsync(tips, ct);
    }

    public override async Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct)
    {
        districts.Clear();
        return await Inner.CommitFileAsync(batch, ct);
    }

    public override async Task<bool> CommitFilesAsync(IReadOnlyList<IngestBatch> batches, CancellationToken ct)
    {
        districts.Clear();
        return await Inner.CommitFilesAsync(batches, ct);
    }
}
