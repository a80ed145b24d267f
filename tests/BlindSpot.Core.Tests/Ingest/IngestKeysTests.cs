using BlindSpot.Core.Ingest;

namespace BlindSpot.Core.Tests.Ingest;

/// <summary>The keys are the text their format strings give (stored keys and keys made by older builds compare equal).</summary>
public sealed class IngestKeysTests
{
    [Fact]
    public void AreTheTextOfTheirFormatStrings()
    {
        var random = new Random(7);
        DateOnly[] edges = [DateOnly.MinValue, new(999, 1, 9), new(1900, 1, 1), new(2026, 10, 30), new(2026, 12, 31), DateOnly.MaxValue];
        var dates = edges.Concat(Enumerable.Range(0, 2000).Select(_ => DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1))));
        string[] ids = ["", "H1", "H0000001", "가구-01", new string('x', 40)];
        foreach (var date in dates)
            foreach (var id in ids)
            {
                Assert.Equal($"{id}|{date:yyyyMMdd}", IngestKeys.Household(id, date));
                Assert.Equal($"{id}|{date:yyyy-MM}|CARD_ARREARS", IngestKeys.Crisis(id, date, "CARD_ARREARS"));
                Assert.Equal($"{id}|{date:yyyy-MM}|", IngestKeys.Crisis(id, date, ""));
                Assert.Equal($"{id}|{date:yyyy-MM-dd}", IngestKeys.Outcome(id, date));
            }
    }
}
