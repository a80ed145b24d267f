using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Tests.Domain;

public sealed class DistrictDataTests
{
    static readonly DateOnly April = new(2026, 4, 30), October = new(2026, 10, 30);

    /// <summary>
    /// Two snapshots: H1 in both (moved to 도림동 in October), H2 only in April (moved out since), H3 only in October but
    /// living here since 2020, H4 only in October and moved in after the day asked. The store gives the versions
    /// household after household in id order, the fast way; any other order must give the same households.
    /// </summary>
    static List<Household> Versions()
    {
        var d = new Some(October);
        d.Household("H1", dong: "문래동", snapshot: April);
        d.Household("H1", dong: "도림동", snapshot: October);
        d.Household("H2", snapshot: April);
        var h3 = d.Household("H3", snapshot: October) with { MovedIn = new DateOnly(2020, 5, 1) };
        var h4 = d.Household("H4", snapshot: October) with { MovedIn = new DateOnly(2026, 9, 1) };
        var all = d.Data().HouseholdVersions.ToList();
        all[3] = h3;
        all[4] = h4;
        return all;
    }

    [Theory]
    [InlineData("2026-06-30")]
    [InlineData("2026-10-30")]
    public void HouseholdsAreTheSameWhateverTheOrderOfTheVersions(string day)
    {
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var inOrder = Versions();
        var shuffled = inOrder.AsEnumerable().Reverse().ToList();
        (shuffled[0], shuffled[2]) = (shuffled[2], shuffled[0]);

        var expected = (DistrictData.Empty(asOf) with { HouseholdVersions = inOrder }).Households;
        var other = (DistrictData.Empty(asOf) with { HouseholdVersions = shuffled }).Households;

        Assert.Equal(expected, other);
        Assert.Equal(expected.Select(h => h.HouseholdId).Order(StringComparer.Ordinal), expected.Select(h => h.HouseholdId));
    }

    [Fact]
    public void EachHouseholdIsSeenAsTheNewestSnapshotOfTheDayDescribesIt()
    {
        var june = (DistrictData.Empty(new DateOnly(2026, 6, 30)) with { HouseholdVersions = Versions() }).Households;
        Assert.Equal(["H1", "H2", "H3"], june.Select(h => h.HouseholdId));
        Assert.Equal("문래동", june[0].Dong);
        Assert.All(june, h => Assert.False(h.MovedOut));
        Assert.Equal(October, june[2].SnapshotDate); // back-filled from its oldest version

        var october = (DistrictData.Empty(October) with { HouseholdVersions = Versions() }).Households;
        Assert.Equal(["H1", "H2", "H3", "H4"], october.Select(h => h.HouseholdId));
        Assert.Equal("도림동", october[0].Dong);
        Assert.Equal([false, true, false, false], october.Select(h => h.MovedOut));
    }

    [Fact]
    public void AVersionStoredAsMovedOutIsSeenAsTheDaySeesIt()
    {
        var stored = Versions().Select(h => h with { MovedOut = true }).ToList();
        var october = (DistrictData.Empty(October) with { HouseholdVersions = stored }).Households;
        Assert.Equal([false, true, false, false], october.Select(h => h.MovedOut));
    }
}
