using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Samples.Tests;

/// <summary>The district in memory is the generator's world: the rows its inbox must give, and its hidden truth.</summary>
public sealed class PlantedDistrictTests
{
    static readonly SampleOptions Options = new() { Households = 1_500, Seed = 5, AsOf = new DateOnly(2026, 6, 30), TipRate = 3 };

    [Fact]
    public void HoldsTheRowsTheInboxOfTheSameOptionsMustGiveWithoutItsBrokenOnes()
    {
        var planted = new PlantedDistrict(Options);
        var dir = Path.Combine(Path.GetTempPath(), "blindspot-planted-" + Guid.NewGuid().ToString("N"));
        SampleManifest manifest;
        try { manifest = new DistrictGenerator(Options).WriteInbox(dir); }
        finally { Directory.Delete(dir, recursive: true); }
        int Accepted(Feed feed) => manifest.Files.Where(f => f.Feed == feed).Sum(f => f.ExpectedAccepted);

        var d = planted.Data;
        Assert.Equal(Accepted(Feed.Households), d.HouseholdVersions.Count);
        Assert.Equal(Accepted(Feed.Crisis), d.Crisis.Count);
        Assert.Equal(Accepted(Feed.TipsOfficer), d.Tips.Count(t => t.Source == TipSource.Officer));
        Assert.Equal(Accepted(Feed.TipsHotline), d.Tips.Count(t => t.Source == TipSource.Hotline));
        Assert.Equal(Accepted(Feed.Outcomes), d.Outcomes.Count);
        Assert.Equal(manifest.Figures, planted.Figures);
        Assert.Equal(Options.AsOf, d.AsOf);
        Assert.Equal(manifest.Figures.HouseholdsAsOf, d.Households.Count(h => !h.MovedOut));
    }

    [Fact]
    public void ItsTruthIsTheGeneratorsAndItsTipsPointAtTheHouseholdTheyAreAbout()
    {
        var planted = new PlantedDistrict(Options);
        var generator = new DistrictGenerator(Options);
        var living = planted.Data.Households.Where(h => !h.MovedOut).Select(h => h.HouseholdId).ToList();
        Assert.Equal(living.Where(id => generator.TruthOf(id, Options.AsOf)).Order(StringComparer.Ordinal), planted.InCrisis.Order(StringComparer.Ordinal));
        Assert.InRange(planted.InCrisis.Count, 1, living.Count / 5);
        Assert.All(planted.Data.Tips, t => Assert.Equal(generator.TrueHouseholdOfTip(t.TipId), t.HouseholdId));
        Assert.Contains(planted.Data.Tips, t => t.HouseholdId is null);
        Assert.True(planted.TruthOf(planted.InCrisis.First(), Options.AsOf));
    }
}
