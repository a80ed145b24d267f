using BlindSpot.Resolution.Addresses;

namespace BlindSpot.Resolution.Tests.Addresses;

public sealed class BuildingNumbersTests
{
    [Fact]
    public void ANeighboursNumberIsTheLikeliestSlipAndNearerIsLikelier()
    {
        var slips = BuildingNumbers.Slips(123, 6);
        Assert.True(slips[124] > slips[126]);
        Assert.Equal(slips[122], slips[124], 10);
        Assert.True(slips[124] > slips[132]);
        Assert.DoesNotContain(123, slips.Keys);
        Assert.DoesNotContain(130, slips.Keys);
    }

    [Theory]
    [InlineData(182, 128)] // two digits swapped (도신로 182 for 128-18)
    [InlineData(464, 64)] // a digit added (대방천로 464 for 64)
    [InlineData(1869, 186)] // a digit added (국회대로 1869 for 186-16)
    [InlineData(23, 223)] // a digit dropped
    [InlineData(153, 123)] // one digit wrong
    public void TheUsualSlipsOfADigitAreThere(int written, int meant) =>
        Assert.Contains(meant, BuildingNumbers.Slips(written, 6).Keys);

    [Fact]
    public void SlipsAreProbabilitiesOfPositiveNumbersWithoutALeadingZero()
    {
        var slips = BuildingNumbers.Slips(3, 6);
        Assert.All(slips.Keys, n => Assert.True(n > 0));
        Assert.DoesNotContain(3, slips.Keys);
        Assert.InRange(slips.Values.Sum(), 0.5, 1.0 + 1e-9);
        Assert.InRange(BuildingNumbers.Slips(4321, 6).Values.Sum(), 0.5, 1.0 + 1e-9);
    }
}
