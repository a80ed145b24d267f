using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Storage.Sql;
using BlindSpot.Testing;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// A first run's history given from the store's own writes (HistoryJournal, docs/adr/0006, twenty-fifth pass), on a real
/// SQLite file: what the load takes must be exactly what a store reading the tables gives, in its order, and the store
/// must fall back to the tables whenever it cannot be sure of that.
/// </summary>
public sealed class HistoryJournalTests : IAsyncLifetime
{
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly DateOnly April = new(2026, 4, 30), October = new(2026, 10, 30), Day = new(2026, 10, 30);

    readonly TempDir dir = new();
    DistrictHistoryCache cache = null!;
    SqlStore store = null!, fresh = null!, other = null!;

    public async Task InitializeAsync()
    {
        var db = dir.File("blindspot.db");
        cache = new DistrictHistoryCache(dir.File("cache/district.cache"));
        store = new SqlStore(new Storage.Sqlite.SqliteDialect(db), null, cache);
        await store.MigrateAsync(Ct);
        fresh = new SqlStore(new Storage.Sqlite.SqliteDialect(db));
        other = new SqlStore(new Storage.Sqlite.SqliteDialect(db));
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await fresh.DisposeAsync();
        await other.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    // Ids in no order, that ordinal and linguistic orders sort differently (case, digits, Hangul), in two snapshots.
    static readonly string[] Ids = ["YDP-20", "H10", "h2", "가-1", "H9", "A_1", "a-1", "Z", "z", "YDP-100"];

    static CrisisRecord Crisis(string id, int month, string indicator = "ELEC_ARREARS", decimal value = 3m) =>
        new(id, new DateOnly(2026, month, 1), indicator, value, indicator != "NEW_CODE");

    async Task CommitHistoryAsync(SqlStore to, string name, decimal value = 3m)
    {
        // A snapshot, then another in two parts committed together (as a first run's ingest commits them).
        await to.CommitFileAsync(Some.Batch($"{name}-april", households: [.. Ids.Select(id => Some.Household(id, April) with { Members = id.Length })]), Ct);
        await to.CommitFilesAsync(
        [
            Some.Batch($"{name}-october-1", households: [.. Ids.Take(6).Select(id => Some.Household(id, October, dong: "신길1동"))]),
            Some.Batch($"{name}-october-2", households: [.. Ids.Skip(7).Select(id => Some.Household(id, October))]),
        ], Ct);
        // Crisis months, in no order within a file, an unknown code, whole values written with a scale.
        await to.CommitFileAsync(Some.Batch($"{name}-crisis-9",
            crisis: [.. Ids.SelectMany(id => new[] { Crisis(id, 9, value: 12_000m), Crisis(id, 9, "NEW_CODE", 2.000m), Crisis(id, 8, value: value) })]), Ct);
        await to.CommitFileAsync(Some.Batch($"{name}-crisis-10", crisis: [.. Ids.Reverse().Select(id => Crisis(id, 10, "GAS_ARREARS", 1m))]), Ct);
    }

    [Fact]
    public async Task AFirstRunsHistoryIsGivenFromTheStoresWritesExactlyAsTheTablesGiveItAndKeptForTheNextRun()
    {
        using (store.RecordHistoryWrites())
        {
            await CommitHistoryAsync(store, "first");
            await store.CommitFileAsync(Some.Batch("day", tips: [Some.Tip("T1", new DateTime(2026, 10, 28, 9, 0, 0))],
                outcomes: [new Outcome("H10", new DateOnly(2026, 10, 20), VisitResult.NotInCrisis, null, "W1")]), Ct);
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.True(ahead.Recorded);
            var data = await store.LoadDistrictAsync(Day, ahead, Ct);
            Assert.Equal(HistoryAheadUse.Used, ahead.Use);
            Assert.Equal(0, cache.Hits);
            await AssertSameAsFreshAsync(data);
            // October's crisis month is not known on the day (DistrictData.IsCrisisKnown): cut as the query cuts it.
            Assert.DoesNotContain(data.Crisis, c => c.Month.Month == 10);
            Assert.All(data.HouseholdVersions, v => Assert.Equal(("", "", (string?)null), (v.Address, v.HeadName, v.Phone)));
        }
        // Kept for the next run, as a history read from the tables is: the next load reads the file.
        await cache.Kept;
        await AssertSameAsFreshAsync(await store.LoadDistrictAsync(Day.AddDays(1), Ct), Day.AddDays(1));
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public async Task ACrisisValueThatSqliteStoresAsARealStopsTheRecordingAndTheTablesAreRead()
    {
        using (store.RecordHistoryWrites())
        {
            await CommitHistoryAsync(store, "first", value: 3.5m);
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.False(ahead.Recorded); // the kept file's read ahead instead, which finds none
            await AssertSameAsFreshAsync(await store.LoadDistrictAsync(Day, ahead, Ct));
            Assert.Equal(HistoryAheadUse.NotTaken, ahead.Use);
            Assert.Contains((await store.LoadDistrictAsync(Day, Ct)).Crisis, c => c.Value == 3.5m);
        }
    }

    [Fact]
    public async Task OnlyAHistoryWrittenOverEmptyTablesIsRecorded()
    {
        await store.CommitFileAsync(Some.Batch("before", households: [Some.Household("H1", new DateOnly(2026, 3, 31))]), Ct);
        using (store.RecordHistoryWrites())
        {
            await CommitHistoryAsync(store, "first");
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.False(ahead.Recorded);
            await AssertSameAsFreshAsync(await store.LoadDistrictAsync(Day, ahead, Ct));
        }
    }

    [Fact]
    public async Task AnotherStoresHistoryWriteStopsTheRecordingOrMakesItStale()
    {
        // Between two recorded commits: the second commit finds the counter moved, and nothing is given.
        using (store.RecordHistoryWrites())
        {
            await store.CommitFileAsync(Some.Batch("april", households: [.. Ids.Select(id => Some.Household(id, April))]), Ct);
            await other.CommitFileAsync(Some.Batch("other-crisis", crisis: [Crisis("H10", 9, "GAS_ARREARS")]), Ct);
            await store.CommitFileAsync(Some.Batch("crisis", crisis: [.. Ids.Select(id => Crisis(id, 9))]), Ct);
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.False(ahead.Recorded);
            await AssertSameAsFreshAsync(await store.LoadDistrictAsync(Day, ahead, Ct));
        }
    }

    [Fact]
    public async Task AHistoryWriteAfterTheLastRecordedCommitMakesTheRecordingStale()
    {
        using (store.RecordHistoryWrites())
        {
            await CommitHistoryAsync(store, "first");
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.True(ahead.Recorded);
            await ahead.Completion;
            await other.CommitFileAsync(Some.Batch("other-crisis", crisis: [Crisis("H10", 9, "GAS_ARREARS")]), Ct);
            var data = await store.LoadDistrictAsync(Day, ahead, Ct);
            Assert.Equal(HistoryAheadUse.Stale, ahead.Use);
            await AssertSameAsFreshAsync(data);
            Assert.Contains(data.Crisis, c => c is { HouseholdId: "H10", Indicator: "GAS_ARREARS", Month.Month: 9 });
        }
    }

    [Fact]
    public async Task NothingIsRecordedWithoutARecordingOrAfterItsEnd()
    {
        store.RecordHistoryWrites().Dispose();
        await CommitHistoryAsync(store, "first");
        Assert.False(store.ReadHistoryAhead(Ct)!.Recorded);
    }

    async Task AssertSameAsFreshAsync(DistrictData actual, DateOnly? day = null)
    {
        var expected = await fresh.LoadDistrictAsync(day ?? Day, Ct);
        Assert.NotEmpty(expected.HouseholdVersions);
        Assert.Equal(expected.HouseholdVersions, actual.HouseholdVersions);
        Assert.Equal(expected.Households, actual.Households);
        // The decimal's scale too (ToString), and the order.
        Assert.Equal(expected.Crisis.Select(c => c.ToString()), actual.Crisis.Select(c => c.ToString()));
        Assert.Equal(expected.Tips.Count, actual.Tips.Count);
        Assert.Equal(expected.Outcomes, actual.Outcomes);
    }
}
