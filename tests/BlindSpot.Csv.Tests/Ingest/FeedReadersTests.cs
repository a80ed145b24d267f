using BlindSpot.Core.Contract;
using BlindSpot.Csv.Ingest;

namespace BlindSpot.Csv.Tests.Ingest;

public sealed class FeedReadersTests
{
    /// <summary>A feed added to the contract (Core's <see cref="Feeds"/>) without its line in <see cref="FeedReaders"/> fails here, not at 2 a.m.</summary>
    [Fact]
    public void EveryFeedOfTheContractHasAReaderWithAnEnglishAndAKoreanNameForEachColumn()
    {
        foreach (var feed in Enum.GetValues<Feed>())
        {
            Assert.True(FeedReaders.IsRegistered(feed), $"{feed} has no reader registered in FeedReaders");
            var columns = FeedReaders.For(feed).Columns;
            Assert.NotEmpty(columns);
            Assert.All(columns, c => Assert.Contains(c.Aliases, a => a.Any(ch => ch is >= '가' and <= '힣')));
            Assert.Equal(columns.Count, columns.Select(c => c.Name).Distinct().Count());
        }
    }
}
