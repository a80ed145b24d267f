using BlindSpot.Core.Metrics;

namespace BlindSpot.Core.Tests.Metrics;

public sealed class RankQualityTests
{
    [Fact]
    public void AucIsOneForAPerfectScoreZeroForAReversedOneAndHalfForTies()
    {
        Assert.Equal(1.0, RankQuality.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.0, RankQuality.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
        Assert.Equal(0.5, RankQuality.Auc([1, 1, 1, 1], [false, true, false, true]));
    }

    [Fact]
    public void AucCountsATiedPairAsHalf()
    {
        // Pairs (positive, negative): 0.9 beats 0.5 and 0.1; 0.5 ties 0.5 (half) and beats 0.1: 3.5 of 4.
        Assert.Equal(0.875, RankQuality.Auc([0.9, 0.5, 0.5, 0.1], [true, true, false, false]), 9);
        Assert.Equal(0.875, RankQuality.Auc([0, 1, 1, 2], [false, false, true, true]), 9);
    }

    [Fact]
    public void AucWithoutBothClassesIsNotANumber()
    {
        Assert.True(double.IsNaN(RankQuality.Auc([0.3, 0.7], [true, true])));
        Assert.True(double.IsNaN(RankQuality.Auc([], [])));
    }

    [Fact]
    public void AveragePrecisionOfAPerfectRankingIsOneAndOfALastPositiveItsRank()
    {
        Assert.Equal(1.0, RankQuality.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 9);
        Assert.Equal(0.5, RankQuality.AveragePrecision([0.9, 0.1], [false, true]), 9);
        // Positives at ranks 1 and 3: (1/1 + 2/3) / 2.
        Assert.Equal(5.0 / 6, RankQuality.AveragePrecision([0.9, 0.8, 0.7], [true, false, true]), 9);
        Assert.True(double.IsNaN(RankQuality.AveragePrecision([0.9], [false])));
    }

    [Fact]
    public void ScoresAndLabelsOfDifferentLengthsAreRefused() =>
        Assert.Throws<ArgumentException>(() => RankQuality.Auc([0.1, 0.2], [true]));
}
