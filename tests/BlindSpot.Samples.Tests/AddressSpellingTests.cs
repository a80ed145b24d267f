using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.Tests;

public sealed class AddressSpellingTests
{
    static readonly Address Villa = new Address("도림로", 123, 0, 0, "203", 2) with { Name = "행복빌라" };
    static readonly Address Flat = new Address("가마산로", 339, 22, 101, "1203", 12) with { Name = "가마래미안아파트" };

    [Fact]
    public void DrawsEveryStyleOfTheIssueTableWithItsWeight()
    {
        var rng = new Rng(5);
        var styles = Enumerable.Range(0, 4000).Select(_ => AddressSpelling.Spell(rng, Villa, null, officer: false).Style).ToList();
        foreach (var (style, weight) in AddressSpelling.HotlineStyles)
            Assert.InRange(styles.Count(s => s == style) / 4000.0, weight / 100 - 0.03, weight / 100 + 0.03);
    }

    [Fact]
    public void EachStyleIsWrittenAsItsNameSays()
    {
        var rng = new Rng(9);
        for (var i = 0; i < 200; i++)
        {
            var (typo, _) = AddressSpelling.Write(rng, Villa, SpellingStyle.RoadTypo, null);
            Assert.DoesNotContain("도림로", typo);
            Assert.Contains("123", typo);

            var (noUnit, _) = AddressSpelling.Write(rng, Villa, SpellingStyle.NoUnit, null);
            Assert.DoesNotContain("203", noUnit);

            var (byName, style) = AddressSpelling.Write(rng, Villa, SpellingStyle.BuildingNameOnly, null);
            Assert.Equal(SpellingStyle.BuildingNameOnly, style);
            Assert.Contains("행복빌라", byName);
            Assert.DoesNotContain("도림로", byName);

            var (wrong, _) = AddressSpelling.Write(rng, Villa, SpellingStyle.WrongNumber, null);
            Assert.DoesNotMatch(@"도림로\s*123(?!\d)", wrong);

            var (landmark, _) = AddressSpelling.Write(rng, Villa, SpellingStyle.Landmark, null);
            Assert.Matches("근처|옆|앞|건너편", landmark);

            var (apartment, _) = AddressSpelling.Write(rng, Flat, SpellingStyle.OtherSpelling, "신길1동");
            Assert.Matches("101|1203|12층", apartment);
        }
    }

    [Fact]
    public void AStyleAnAddressCannotHaveFallsBackAndSaysSo()
    {
        var house = new Address("도신로", 7, 0, 0, "", 1);
        Assert.Equal(SpellingStyle.AsRegistry, AddressSpelling.Write(new Rng(1), house, SpellingStyle.NoUnit, null).Style);
        Assert.Equal(SpellingStyle.OtherSpelling, AddressSpelling.Write(new Rng(1), house, SpellingStyle.BuildingNameOnly, null).Style);
    }

    [Fact]
    public void TheRegistryWritesTheBuildingNameInBrackets() =>
        Assert.Equal("서울특별시 영등포구 도림로 123, 203호 (행복빌라)", Villa.Registry());
}
