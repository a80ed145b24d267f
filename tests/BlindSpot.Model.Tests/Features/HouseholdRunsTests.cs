namespace BlindSpot.Model.Tests.Features;

public sealed class HouseholdRunsTests
{
    static readonly (string Id, int N)[] Ordered =
        [("A", 1), ("A", 2), ("A1", 3), ("AB", 4), ("AB", 5), ("AB", 6), ("B", 7), ("b", 8)];

    static int[] Expected(IEnumerable<(string Id, int N)> rows, string id) => [.. rows.Where(r => r.Id == id).Select(r => r.N)];

    [Fact]
    public void RowsInHouseholdOrderAreFoundInPlace()
    {
        foreach (var rows in new IReadOnlyList<(string, int)>[] { Ordered, Ordered.ToList(), Ordered.ToList().AsReadOnly() })
        {
            var runs = new HouseholdRuns<(string Id, int N)>(rows, r => r.Id);
            Assert.True(runs.Ordered);
            foreach (var id in new[] { "A", "A1", "AB", "B", "b" })
                Assert.Equal(Expected(Ordered, id), runs.Of(id).ToArray().Select(r => r.N));
            foreach (var missing in new[] { "", "0", "A0", "AA", "AC", "C", "a", "c" })
                Assert.True(runs.Of(missing).IsEmpty, missing);
        }
    }

    [Fact]
    public void RowsInAnyOtherOrderAreIndexedWithTheirOrderKept()
    {
        // A household in two places, and ids in linguistic rather than ordinal order ("b" before "B"): indexed, each
        // household's rows in the list's order, as GroupBy keeps them.
        (string Id, int N)[] shuffled = [("AB", 4), ("A", 2), ("b", 8), ("B", 7), ("AB", 6), ("A", 1), ("A1", 3), ("AB", 5)];
        var runs = new HouseholdRuns<(string Id, int N)>(shuffled, r => r.Id);
        Assert.False(runs.Ordered);
        foreach (var id in new[] { "A", "A1", "AB", "B", "b" })
            Assert.Equal(Expected(shuffled, id), runs.Of(id).ToArray().Select(r => r.N));
        Assert.True(runs.Of("C").IsEmpty);
    }

    [Fact]
    public void AnEmptyListHasNoRows()
    {
        var runs = new HouseholdRuns<(string Id, int N)>([], r => r.Id);
        Assert.True(runs.Ordered);
        Assert.True(runs.Of("A").IsEmpty);
    }
}
