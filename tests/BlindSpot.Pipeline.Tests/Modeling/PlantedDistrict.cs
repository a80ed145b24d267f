using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;

namespace BlindSpot.Pipeline.Tests.Modeling;

/// <summary>
/// The Model tests' planted district (tests/BlindSpot.Model.Tests/Some.cs, compiled into this project too), with
/// enough daily capacity for worklists, committed to a real store the way ingest would.
/// </summary>
internal static class PlantedDistrict
{
    public static DateOnly AsOf => BlindSpot.Model.Tests.Some.AsOf;

    public static BlindSpot.Model.Tests.Some.District Planted() => BlindSpot.Model.Tests.Some.Planted(capacityPerDong: 5);

    /// <summary>Commits the district to a store as one ingest batch (the way ingest would).</summary>
    public static Task<bool> CommitAsync(IBlindSpotStore store, DistrictData d, CancellationToken ct)
    {
        var rows = d.HouseholdVersions.Count + d.Crisis.Count + d.Tips.Count + d.Outcomes.Count + d.Capacity.Count;
        var ledger = new FileLedgerEntry(Guid.NewGuid().ToString("N"), "planted.csv", BlindSpot.Core.Contract.Feed.Households, "utf-8",
            rows, rows, 0, 0, null, [], new DateTime(2026, 7, 1, 9, 0, 0));
        return store.CommitFileAsync(new IngestBatch(ledger, d.HouseholdVersions, d.Crisis, d.Tips, d.Outcomes, d.Capacity, d.Baselines, []), ct);
    }
}
