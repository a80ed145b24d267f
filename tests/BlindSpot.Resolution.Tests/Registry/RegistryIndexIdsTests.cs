using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests.Registry;

/// <summary>
/// The resolver ranks only a tip's first candidates when no two households of the index share an id (then none compare
/// equal); the index knows it of a registry by id, and finds it out of any other list.
/// </summary>
public sealed class RegistryIndexIdsTests
{
    [Fact]
    public void AnIndexKnowsWhetherTwoOfItsHouseholdsShareAnId()
    {
        var byId = Some.Households.ToDictionary(h => h.HouseholdId);
        Assert.True(new RegistryIndex(byId.Values).IdsUnique);
        Assert.True(new RegistryIndex(Some.Households.ToList()).IdsUnique);
        Assert.True(new RegistryIndex(Some.Households.ToList(), null, idsUnique: true).IdsUnique);
        var older = Some.Households[0] with { SnapshotDate = Some.Households[0].SnapshotDate.AddMonths(-6) };
        Assert.False(new RegistryIndex(Some.Households.Append(older).ToList()).IdsUnique);
        HouseholdRef unplaced = new("X1", "도림동", "어딘가", "김철수", Some.Snapshot);
        Assert.False(new RegistryIndex([.. Some.Households, unplaced, unplaced with { HeadName = "이영희" }]).IdsUnique);
    }
}
