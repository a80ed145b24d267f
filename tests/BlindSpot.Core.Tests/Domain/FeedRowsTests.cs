using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;

namespace BlindSpot.Core.Tests.Domain;

public sealed class FeedRowsTests
{
    /// <summary>A dated row of a feed added to the contract (what a sixth feed's record looks like).</summary>
    sealed record Reading(string HouseholdId, DateOnly KnownOn, int Value) : IFeedRow, IKnownOn
    {
        public string Key => $"{HouseholdId}|{KnownOn:yyyy-MM-dd}";
    }

    static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public void AFeedsRowsReachTheDistrictWithoutAListOfTheirOwn()
    {
        Reading[] readings = [new("A", Day, 1), new("B", Day.AddDays(1), 2)];
        var data = DistrictData.Empty(Day.AddDays(1)) with { Rows = FeedRows.Empty.With(readings) };

        Assert.Equal(readings, data.Rows.Of<Reading>());
        Assert.Empty(data.Rows.Of<DongCapacity>());
        Assert.Equal(2, data.Rows.Count);
    }

    [Fact]
    public void UntilDropsDatedRowsKnownAfterTheDayAndKeepsConfiguration()
    {
        var data = DistrictData.Empty(Day.AddDays(5)) with
        {
            Rows = FeedRows.Empty.With<Reading>([new("A", Day, 1), new("B", Day.AddDays(1), 2), new("C", Day.AddDays(5), 3)]),
            Capacity = [new DongCapacity("문래동", 4)],
        };

        var cut = data.Until(Day);

        Assert.Equal(["A"], cut.Rows.Of<Reading>().Select(r => r.HouseholdId));
        Assert.Equal([new DongCapacity("문래동", 4)], cut.Capacity);
        Assert.Equal(3, data.Rows.Of<Reading>().Count); // the original is unchanged
        Assert.Empty(data.Until(Day.AddDays(-1)).Rows.Of<Reading>());
    }

    [Fact]
    public void NamedListsAreViewsOfTheRows()
    {
        var batch = IngestBatch.Empty(new FileLedgerEntry("sha", "capacity.csv", Feed.Capacity, "utf-8", 1, 1, 0, 0,
            null, [], new DateTime(2026, 3, 1))) with { Capacity = [new DongCapacity("문래동", 4)] };

        Assert.Equal([new DongCapacity("문래동", 4)], batch.Rows.Of<DongCapacity>());
        Assert.Empty(batch.Baselines);
    }

    [Fact]
    public void RowsOfAnotherTypeAreRefused() =>
        Assert.Throws<ArgumentException>(() => FeedRows.Empty.With(typeof(Reading), new List<object> { new DongCapacity("문래동", 1) }));
}
