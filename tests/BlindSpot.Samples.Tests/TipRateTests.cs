namespace BlindSpot.Samples.Tests;

/// <summary>SampleOptions.TipRate: a richer-tipped district for the simulation, the same district otherwise.</summary>
public sealed class TipRateTests
{
    static SampleOptions Options(double rate) => new() { Households = 4_000, Seed = 5, TipRate = rate };

    [Fact]
    public void TheRateMultipliesTipsAndLeavesTheRestOfTheDistrictAlone()
    {
        var one = new DistrictGenerator(Options(1)).Figures;
        var four = new DistrictGenerator(Options(4)).Figures;
        var tips1 = one.OfficerTips + one.HotlineCalls;
        var tips4 = four.OfficerTips + four.HotlineCalls;
        Assert.InRange(tips4 / (double)tips1, 3.0, 5.0);
        // Households, crises and crisis rows are drawn before the tips: the same district.
        Assert.Equal(one.HouseholdsEver, four.HouseholdsEver);
        Assert.Equal(one.CrisisPrevalenceAsOf, four.CrisisPrevalenceAsOf);
        Assert.Equal(one.CrisisRows, four.CrisisRows);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(21)]
    public void ARateOutsideTheRangeIsRefusedWithASentence(double rate)
    {
        var problem = Options(rate).Validate();
        Assert.NotNull(problem);
        Assert.Contains("tip rate", problem);
    }
}
