using BlindSpot.Core.Contract;

namespace BlindSpot.Core.Tests.Contract;

public sealed class DongsTests
{
    [Theory]
    [InlineData("신길1동", "신길1동")]
    [InlineData(" 신길 1동 ", "신길1동")]
    [InlineData("신길제1동", "신길1동")]
    [InlineData("대림 제3동", "대림3동")]
    [InlineData("영등포본동", "영등포본동")]
    [InlineData("신길2동", null)]
    [InlineData("여의도동", null)]
    [InlineData("당산동", null)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void NormalisesTheSpellingsTheContractTolerates(string raw, string? expected) => Assert.Equal(expected, Dongs.Normalize(raw));

    [Fact]
    public void ReturnsTheCanonicalInstanceNotAStringPerRow()
    {
        // A registry snapshot names a dong on every row: the batch and the ingest context hold the 18 canonical strings.
        foreach (var dong in Dongs.All)
        {
            Assert.Same(dong, Dongs.Normalize(new string(dong.AsSpan())));
            Assert.Same(dong, Dongs.Normalize(Dongs.LongForm(dong)));
            Assert.Same(dong, Dongs.Normalize(" " + dong + " "));
        }
    }
}
