using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Tests.Worklists;

public sealed class ExclusionsTests
{
    /// <summary>A new exclusion without its Korean name fails here rather than print an English word to a clerk.</summary>
    [Fact]
    public void EveryExclusionHasItsOwnKoreanName()
    {
        var names = Enum.GetValues<Exclusion>().Select(Exclusions.KoreanName).ToList();
        Assert.All(names, n => Assert.Contains(n, c => c is >= '가' and <= '힣'));
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
