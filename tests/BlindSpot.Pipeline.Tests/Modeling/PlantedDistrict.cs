using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;

namespace BlindSpot.Pipeline.Tests.Modeling;

/// <summary>
/// The generated district the Model tests train on (BlindSpot.Samples, <see cref="BlindSpot.Samples.SampleOptions.Trainable"/>,
/// cut off on 2026-06-30) with 5 daily visits in each of six dongs (enough places for a list to hold 탐색 picks), committed
/// to a real store the way ingest would.
/// </summary>
internal static class PlantedDistrict
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    public static DistrictData Planted()
    {
        var data = new BlindSpot.Samples.PlantedDistrict(BlindSpot.Samples.SampleOptions.Trainable(AsOf)).Data;
        return data with { Capacity = [.. data.Capacity.Take(6).Select(c => c with { DailyVisits = 5 })] };
    }

    /// <summary>Commits the district to a store as one ingest batch (the way ingest would).</summary>
    public static Task<bool> CommitAsync(IBlindSpotStore store, DistrictData d, CancellationToken ct)
    {
        var rows = d.HouseholdVersions.Count + d.Crisis.Count + d.Tips.Count + d.Outcomes.Count + d.Rows.Count;
        var ledger = new FileLedgerEntry(Guid.NewGuid().ToString("N"), "planted.csv", BlindSpot.Core.Contract.Feed.Households, "utf-8",
            rows, rows, 0, 0, null, [], new DateTime(2026, 7, 1, 9, 0, 0));
        return store.CommitFileAsync(IngestBatch.Empty(ledger) with { Households = d.HouseholdVersions, Crisis = d.Crisis, Tips = d.Tips, Outcomes = d.Outcomes, Rows = d.Rows }, ct);
    }
}
