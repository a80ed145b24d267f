using BlindSpot.Core.Domain;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Samples;
using BlindSpot.Testing;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>
/// A whole synthetic district inbox (every feed, CP949 and UTF-8, Korean headers, every broken-row kind) through the
/// real ingest into a real SQLite file: each file must give exactly the counts the generator says it planted.
/// </summary>
public sealed class GeneratedInboxTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task EveryFileOfAGeneratedDistrictGivesTheCountsTheGeneratorPlanted()
    {
        var inbox = Path.Combine(dir.Path, "inbox");
        var manifest = new DistrictGenerator(new SampleOptions { Households = 2500, Seed = 7 }).WriteInbox(inbox);
        await using var store = await IngestFixture.OpenAsync(dir.File("blindspot.db"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var report = await new IngestService(store, new ListLogger(), clock, Parts.Feeds, Parts.Output, Parts.Tips).IngestInboxAsync(inbox, dir.File("quarantine"), default);

        Assert.False(report.AnyFailure, string.Join("; ", report.Files.Where(f => f.IsFailure).Select(f => $"{f.FileName}: {f.Status} {f.Message}")));
        Assert.Equal(manifest.Files.Count, report.Files.Count);
        foreach (var expected in manifest.Files)
        {
            var ledger = report.Files.Single(f => f.FileName == expected.FileName).Ledger!;
            Assert.Equal(
                (expected.FileName, expected.Encoding, expected.ExpectedAccepted, expected.ExpectedDuplicates, expected.ExpectedQuarantined),
                (expected.FileName, ledger.Encoding, ledger.Accepted, ledger.Duplicate, ledger.Quarantined));
            Assert.Equal(ledger.RowsRead, ledger.Accepted + ledger.Duplicate + ledger.Quarantined);
        }

        // Every quarantined row is kept with its file, line and reason.
        var quarantined = await store.ListQuarantineAsync(default);
        Assert.Equal(manifest.Files.Sum(f => f.ExpectedQuarantined), quarantined.Count);
        Assert.All(quarantined, q => Assert.True(q.Line > 1 && q.Reason.Length > 0 && q.Raw.Length > 0));

        // A second run over the same inbox changes nothing.
        var again = await new IngestService(store, new ListLogger(), clock, Parts.Feeds, Parts.Output, Parts.Tips).IngestInboxAsync(inbox, dir.File("quarantine"), default);
        Assert.All(again.Files, f => Assert.Equal(IngestFileStatus.Skipped, f.Status));
    }

    [Fact]
    public async Task MatchesTipsToTheHouseholdsTheGeneratorMeantDespiteRespelledAddresses()
    {
        var inbox = Path.Combine(dir.Path, "inbox");
        var generator = new DistrictGenerator(new SampleOptions { Households = 2500, Seed = 3 });
        generator.WriteInbox(inbox);
        await using var store = await IngestFixture.OpenAsync(dir.File("blindspot.db"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        await new IngestService(store, new ListLogger(), clock, Parts.Feeds, Parts.Output, Parts.Tips).IngestInboxAsync(inbox, dir.File("quarantine"), default);

        var tips = (await store.LoadDistrictAsync(new DateOnly(2026, 10, 30), default)).Tips;
        var meant = tips.Where(t => generator.TrueHouseholdOfTip(t.TipId) is not null).ToList();
        var right = meant.Count(t => t.HouseholdId == generator.TrueHouseholdOfTip(t.TipId));
        var wrong = meant.Count(t => t.HouseholdId is not null && t.HouseholdId != generator.TrueHouseholdOfTip(t.TipId));

        Assert.True(meant.Count > 100, $"only {meant.Count} tips with a true household");
        // The generator spells tip addresses in every style of issue 9's table (no unit, building name only, road typos,
        // wrong numbers, landmarks). Measured at seed 3: 150 of 170 linked right, none wrong; the misses are addresses
        // that fit several households with no name to choose (they go to the dong as candidates or unresolved).
        Assert.True(wrong <= meant.Count / 100, $"{wrong} of {meant.Count} tips matched to the wrong household");
        Assert.True(right >= meant.Count * 85 / 100, $"only {right} of {meant.Count} tips matched to their household");
        var open = meant.Where(t => t.HouseholdId is null).ToList();
        Assert.All(open, t => Assert.Equal(0, t.LinkConfidence));
        Assert.Contains(open, t => t.LinkStatus == TipLinkStatus.Candidates && t.Candidates.Contains(generator.TrueHouseholdOfTip(t.TipId)!));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
