using System.Globalization;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Storage.Sql;
using BlindSpot.Testing;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The district's history kept between runs (docs/adr/0006, "Third pass"), on both real engines: a store that keeps it
/// must give exactly what a store reading every table gives, see every change that rewrites rows, and cut what a later
/// day brought exactly as the query does.
/// </summary>
public abstract class KeptDistrictContractTests : IAsyncLifetime
{
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly DateOnly May = new(2026, 5, 31), June = new(2026, 6, 30), Day = new(2026, 7, 15);

    protected readonly TempDir Dir = new();
    string db = "";
    DistrictHistoryCache cache = null!;
    SqlStore kept = null!;
    readonly CapturingLogger log = new();

    /// <summary>The same database read without a cache: the figures every test compares with.</summary>
    SqlStore fresh = null!;

    protected abstract Task<string> CreateDbAsync();

    public async Task InitializeAsync()
    {
        db = await CreateDbAsync();
        cache = new DistrictHistoryCache(Dir.File("cache/district.cache"), log);
        kept = Store(db, cache);
        await kept.MigrateAsync(Ct);
        fresh = Store(db, null);
        await kept.CommitFileAsync(Some.Batch("sha-registry",
            households: [Some.Household("H1", May), Some.Household("H1", June) with { Members = 2 }, Some.Household("H2", June, dong: "신길1동")]), Ct);
        await kept.CommitFileAsync(Some.Batch("sha-crisis", crisis: [Crisis("H1", 5), Crisis("H1", 6), Crisis("H2", 6, "health_insurance_arrears")]), Ct);
        await kept.CommitFileAsync(Some.Batch("sha-day", tips: [Some.Tip("T1", new DateTime(2026, 7, 10, 9, 0, 0))],
            outcomes: [new Outcome("H2", new DateOnly(2026, 7, 9), VisitResult.NotInCrisis, null, "W1")]), Ct);
    }

    public async Task DisposeAsync()
    {
        await kept.DisposeAsync();
        await fresh.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }

    static SqlStore Store(string db, DistrictHistoryCache? cache)
    {
        var address = StoreAddress.Parse(db);
        return new SqlStore(address.IsPostgres ? new Postgres.PostgresDialect(address.Target) : new Sqlite.SqliteDialect(address.Target), null, cache);
    }

    static CrisisRecord Crisis(string id, int month, string indicator = "utility_arrears", decimal value = 3.50m) =>
        new(id, new DateOnly(2026, month, 1), indicator, value, true);

    [Fact]
    public async Task TheKeptDistrictEqualsAFreshReadAndIsReadFromTheCacheTheSecondTime()
    {
        await AssertSameAsFreshAsync(Day);
        await cache.Kept; // written beside the load
        Assert.True(File.Exists(cache.Path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cache.Path));
        var written = File.GetLastWriteTimeUtc(cache.Path);

        Assert.Equal(0, cache.Hits);
        await AssertSameAsFreshAsync(Day);
        await AssertSameAsFreshAsync(Day.AddDays(1));
        Assert.Equal(2, cache.Hits);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache.Path));
    }

    /// <summary>
    /// A district's versions carry no contact details, read from the tables or from the kept file, and the file holds none
    /// (docs/adr/0006, "Thirteenth pass"); the store gives those of the versions a worklist asks for, each version its own.
    /// </summary>
    [Fact]
    public async Task ADistrictCarriesNoContactDetailsAndTheStoreGivesThoseOfTheVersionsAsked()
    {
        await kept.CommitFileAsync(Some.Batch("sha-moved", households:
        [
            Some.Household("H3", May) with { Address = "서울특별시 영등포구 문래로 5, 2층", HeadName = "박영자", Phone = "010-9876-5432" },
            Some.Household("H3", June) with { Address = "서울특별시 영등포구 신길로 77, 103호", HeadName = "박영자", Phone = null },
        ]), Ct);
        var fromTables = await kept.LoadDistrictAsync(Day, Ct);
        await cache.Kept;
        var fromFile = await kept.LoadDistrictAsync(Day, Ct);
        Assert.Equal(1, cache.Hits);
        foreach (var data in new[] { fromTables, fromFile })
            Assert.All(data.HouseholdVersions, h => Assert.True(h is { Address: "", HeadName: "", Phone: null }, h.HouseholdId));
        var bytes = File.ReadAllBytes(cache.Path);
        foreach (var value in new[] { "김철수", "박영자", "010-1234-5678", "010-9876-5432", "도림로", "신길로 77" })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(value)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(value)));
        }

        // The versions the day resolved (H3's June version), and an earlier one asked for by its date.
        var contacts = await kept.LoadContactsAsync(fromFile.Households, Ct);
        Assert.Equal(["H1", "H2", "H3"], contacts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new HouseholdContact("H3", June, "박영자", "서울특별시 영등포구 신길로 77, 103호", null), contacts["H3"]);
        Assert.Equal(new HouseholdContact("H1", June, "김철수", "서울특별시 영등포구 도림로 12, 301호", "010-1234-5678"), contacts["H1"]);
        var may = fromFile.HouseholdVersions.Single(h => h is { HouseholdId: "H3" } && h.SnapshotDate == May);
        Assert.Equal("서울특별시 영등포구 문래로 5, 2층", Assert.Single(await kept.LoadContactsAsync([may], Ct)).Value.Address);
        // A version the store does not hold is absent; nothing asked, nothing read.
        Assert.Empty(await kept.LoadContactsAsync([may with { SnapshotDate = Day }, Some.Household("H9", June)], Ct));
        Assert.Empty(await kept.LoadContactsAsync([], Ct));
    }

    /// <summary>The day's new tips and visits, a correction (정정) of a stored visit, a tip linked by staff: none of them
    /// changes the history.</summary>
    async Task CommitADaysTipsVisitsCorrectionAndLinkAsync()
    {
        await kept.CommitFileAsync(Some.Batch("sha-day2", tips: [Some.Tip("T2", new DateTime(2026, 7, 15, 11, 0, 0), householdId: null)],
            outcomes: [new Outcome("H1", new DateOnly(2026, 7, 15), VisitResult.Discovered, "긴급지원", "W2")]), Ct);
        await kept.CommitFileAsync(Some.Batch("sha-fix") with
        {
            OutcomeCorrections = [new Outcome("H2", new DateOnly(2026, 7, 9), VisitResult.Discovered, "기초생활보장", "W1")],
        }, Ct);
        var open = Assert.Single(await kept.LoadOpenTipsAsync(null, Ct));
        Assert.Equal(1, await kept.UpdateTipLinksAsync([open with { HouseholdId = "H2", Match = MatchMethod.Confirmed, LinkConfidence = 1 }], Ct));
    }

    [Fact]
    public async Task ADaysTipsVisitsCorrectionsAndLinkUpdatesAreSeenWithoutReadingTheHistoryAgain()
    {
        await kept.LoadDistrictAsync(Day, Ct);

        await CommitADaysTipsVisitsCorrectionAndLinkAsync();

        var data = await AssertSameAsFreshAsync(Day);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(VisitResult.Discovered, data.Outcomes.Single(o => o.HouseholdId == "H2").Result);
        Assert.Equal(VisitResult.Discovered, data.Outcomes.Single(o => o.HouseholdId == "H1").Result);
        Assert.Equal("H2", data.Tips.Single(t => t.TipId == "T2").HouseholdId);
    }

    [Fact]
    public async Task ANewSnapshotAndNewCrisisMonthsAreSeen()
    {
        await kept.LoadDistrictAsync(Day, Ct);
        await kept.CommitFileAsync(Some.Batch("sha-registry-2", households: [Some.Household("H1", new DateOnly(2026, 7, 14)) with { Members = 3 },
            Some.Household("H3", new DateOnly(2026, 7, 14))]), Ct);
        var data = await AssertSameAsFreshAsync(Day);
        Assert.Equal(0, cache.Hits);
        Assert.Contains(data.HouseholdVersions, h => h.HouseholdId == "H3");

        await AssertSameAsFreshAsync(Day);
        Assert.Equal(1, cache.Hits);
        await kept.CommitFileAsync(Some.Batch("sha-crisis-2", crisis: [Crisis("H3", 6, value: 7m)]), Ct);
        data = await AssertSameAsFreshAsync(Day);
        Assert.Equal(1, cache.Hits);
        Assert.Contains(data.Crisis, c => c.HouseholdId == "H3");
    }

    [Fact]
    public async Task RetentionsPurgeByAnotherProcessIsSeen()
    {
        await kept.LoadDistrictAsync(Day, Ct);
        await cache.Kept;
        Assert.True(File.Exists(cache.Path));

        // Purged through another store over the same database (the jobs host): this one's file stays but no longer fits.
        Assert.True(await fresh.PurgePersonalDataAsync(Day, Ct) > 0);
        Assert.True(File.Exists(cache.Path));
        var data = await AssertSameAsFreshAsync(Day);
        Assert.Equal(0, cache.Hits);
        // The purge cleared the superseded version's contact details in the store (a district carries none either way).
        var superseded = data.HouseholdVersions.Single(h => h.HouseholdId == "H1" && h.SnapshotDate == May);
        Assert.Equal(new HouseholdContact("H1", May, "", "", null), (await kept.LoadContactsAsync([superseded], Ct))["H1"]);
        Assert.Equal("김철수", (await kept.LoadContactsAsync([data.HouseholdVersions.Single(h => h.HouseholdId == "H1" && h.SnapshotDate == June)], Ct))["H1"].HeadName);
    }

    [Fact]
    public async Task RetentionsPurgeRemovesTheKeptNamesAtOnce()
    {
        await kept.LoadDistrictAsync(Day, Ct);
        await cache.Kept;
        Assert.True(File.Exists(cache.Path));
        Assert.True(await kept.PurgePersonalDataAsync(Day, Ct) > 0);
        Assert.False(File.Exists(cache.Path));
        await AssertSameAsFreshAsync(Day);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public async Task ADistrictKeptOnALaterDayGivesAnEarlierDayNothingItCouldNotHaveKnown()
    {
        // The cache is written on the latest day (every crisis month known); earlier days must be cut like the query cuts.
        await kept.LoadDistrictAsync(new DateOnly(2026, 12, 31), Ct);
        foreach (var day in new[] { new DateOnly(2026, 6, 29), new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 30), new DateOnly(2026, 7, 31), Day })
        {
            var data = await AssertSameAsFreshAsync(day);
            Assert.All(data.Crisis, c => Assert.True(DistrictData.IsCrisisKnown(c, day)));
        }
        Assert.Equal(5, cache.Hits);
        Assert.Equal(["H1"], (await kept.LoadDistrictAsync(new DateOnly(2026, 6, 29), Ct)).Crisis.Select(c => c.HouseholdId));
    }

    [Fact]
    public async Task ADamagedOrForeignCacheFileIsReadAsMissing()
    {
        await kept.LoadDistrictAsync(Day, Ct);
        await cache.Kept;
        Assert.Empty(log.Warnings); // no file yet: nothing to warn about
        var bytes = await File.ReadAllBytesAsync(cache.Path, Ct);
        await File.WriteAllBytesAsync(cache.Path, bytes[..(bytes.Length / 2)], Ct);
        await AssertSameAsFreshAsync(Day);
        Assert.Equal(0, cache.Hits);
        // The damaged file is reported by the exception's type, never by its name (it holds personal data) or content.
        var warning = Assert.Single(log.Warnings);
        Assert.Equal("Could not read the kept district history (EndOfStreamException): the history is read from the store instead", warning);
        Assert.DoesNotContain(cache.Path, warning);

        // Another store's file under this store's name (a store made again at the same path has another id).
        var other = await CreateDbAsync();
        await using (var otherStore = Store(other, cache))
        {
            await otherStore.MigrateAsync(Ct);
            await otherStore.CommitFileAsync(Some.Batch("sha-other", households: [Some.Household("X9", June)]), Ct);
            Assert.Equal(["X9"], (await otherStore.LoadDistrictAsync(Day, Ct)).HouseholdVersions.Select(h => h.HouseholdId));
        }
        await AssertSameAsFreshAsync(Day);
        Assert.Equal(0, cache.Hits);
        Assert.Single(log.Warnings); // another store's key is expected, not a damage
    }

    [Fact]
    public async Task AHistoryThatCannotBeKeptIsReadFromTheStoreWithAWarning()
    {
        // The cache's folder is a regular file (a misconfiguration): there is no file to read (not a warning), and none
        // can be written (a warning on each load, which still gives what the store holds).
        await File.WriteAllTextAsync(Dir.File("cache"), "not a folder", Ct);
        await AssertSameAsFreshAsync(Day);
        await AssertSameAsFreshAsync(Day);
        await cache.Kept; // a failure to write is a warning, not a fault
        Assert.Equal(0, cache.Hits);
        const string Write = "Could not keep the district history for the next run (IOException): that run reads it from the store";
        Assert.Equal([Write, Write], log.Warnings);
    }

    /// <summary>A store over the same database with its own cache file, whose writes wait for <paramref name="release"/>.</summary>
    (SqlStore Store, DistrictHistoryCache Cache) HeldStore(string name, TaskCompletionSource release)
    {
        var held = new DistrictHistoryCache(Dir.File($"held/{name}.cache"), log) { BeforeKeeping = () => release.Task };
        return (Store(db, held), held);
    }

    /// <summary>The kept file's bytes after its key (the key holds the store's id, the same for both files here anyway).</summary>
    static async Task<byte[]> FileBytesAsync(string path) => await File.ReadAllBytesAsync(path, Ct);

    [Fact]
    public async Task TheHistoryIsWrittenBesideTheLoadAndTheStoreWaitsForItWhenDisposed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (store, held) = HeldStore("disposed", release);
        var data = await store.LoadDistrictAsync(Day, Ct); // returns while the write is held
        await AssertSameAsFreshAsync(Day, data);
        Assert.False(held.Kept.IsCompleted);
        Assert.False(File.Exists(held.Path));

        var disposing = store.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted); // the store does not let go while its history is being written
        release.SetResult();
        await disposing;
        Assert.True(File.Exists(held.Path));

        // The file is what writing the store's history at once gives, byte for byte.
        var key = await fresh.ReadHistoryKeyAsync(Ct);
        var direct = new DistrictHistoryCache(Dir.File("held/direct.cache"));
        Assert.True(direct.TryWrite(key!, await fresh.ReadHistoryAsync(lastKnownMonth: null, key, Ct)));
        Assert.Equal(await FileBytesAsync(direct.Path), await FileBytesAsync(held.Path));
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task ALoadWhileTheHistoryIsStillBeingWrittenWaitsForTheFileAndGivesTheSameDistrict()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (store, held) = HeldStore("second-load", release);
        await using (store)
        {
            await store.LoadDistrictAsync(Day, Ct);
            var second = store.LoadDistrictAsync(Day.AddDays(1), Ct);
            var ahead = store.ReadHistoryAhead(Ct)!;
            Assert.False(second.IsCompleted);
            Assert.False(ahead.Completion.IsCompleted);
            release.SetResult();
            await AssertSameAsFreshAsync(Day.AddDays(1), await second);
            await ahead.Completion;
            Assert.Equal(2, held.Hits); // both read the file the first load's write left, not the tables
            await AssertSameAsFreshAsync(Day, await store.LoadDistrictAsync(Day, ahead, Ct));
            Assert.Equal(HistoryAheadUse.Used, ahead.Use);
        }
    }

    [Fact]
    public async Task APurgeRemovesTheKeptFileEvenWhenItsWriteWasStillUnderWay()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (store, held) = HeldStore("purged", release);
        await using (store)
        {
            await store.LoadDistrictAsync(Day, Ct);
            var writing = held.Kept;
            var purge = store.PurgePersonalDataAsync(Day, Ct);
            // The write goes on only once the purge has committed and asked for the file to go (or is over).
            while (ReferenceEquals(held.Kept, writing) && !purge.IsCompleted) await Task.Delay(10, Ct);
            release.SetResult();
            Assert.True(await purge > 0);
            await held.Kept;
            Assert.False(File.Exists(held.Path)); // the names it held do not come back after the purge
            await AssertSameAsFreshAsync(Day, await store.LoadDistrictAsync(Day, Ct));
            Assert.Equal(0, held.Hits);
            await held.Kept;
            Assert.True(File.Exists(held.Path)); // the purged history, kept again by that load
        }
    }

    [Fact]
    public async Task TheHistoryReadInTwoHalvesIsTheOneStatementReadInItsOrder()
    {
        // Ids that binary and linguistic orders sort differently (case, digits, Hangul), several versions and crisis months each.
        string[] ids = ["H10", "h2", "H9", "YDP-100", "ydp-20", "가-1", "A_1", "a-1", "Z", "z", "H1", "H2"];
        await kept.CommitFileAsync(Some.Batch("sha-many", households: [.. ids.SelectMany(id => new[] { Some.Household(id, May), Some.Household(id, June) })],
            crisis: [.. ids.SelectMany(id => new[] { Crisis(id, 4), Crisis(id, 5, "health_insurance_arrears"), Crisis(id, 7, value: 1.25m) })]), Ct);
        var key = await kept.ReadHistoryKeyAsync(Ct);
        Assert.NotNull(key);
        foreach (DateOnly? month in new DateOnly?[] { null, new DateOnly(2026, 5, 1) })
        {
            var whole = await kept.ReadHistoryAsync(month, key: null, Ct);
            var halves = await kept.ReadHistoryAsync(month, key, Ct);
            Assert.True(whole.Versions.Count > 20 && whole.Crisis.Count > 20);
            Assert.Equal(whole.Versions, halves.Versions);
            Assert.Equal(whole.Crisis.Select(c => c.ToString()), halves.Crisis.Select(c => c.ToString()));
        }
    }

    [Fact]
    public async Task AHistoryReadAheadIsTakenOnceWhenOnlyTipsVisitsCorrectionsAndLinksCameSince()
    {
        await kept.LoadDistrictAsync(Day, Ct); // the kept file, which is what a store reads ahead
        var ahead = kept.ReadHistoryAhead(Ct);
        Assert.NotNull(ahead);
        await ahead.Completion; // read before the day's files come: what the load then takes is that earlier read
        await CommitADaysTipsVisitsCorrectionAndLinkAsync();

        var hits = cache.Hits;
        var data = await kept.LoadDistrictAsync(Day, ahead, Ct);
        Assert.Equal(HistoryAheadUse.Used, ahead.Use);
        Assert.Equal(hits, cache.Hits); // the load read no history of its own
        await AssertSameAsFreshAsync(Day, data);
        Assert.Equal("H2", data.Tips.Single(t => t.TipId == "T2").HouseholdId);
        Assert.Equal(VisitResult.Discovered, data.Outcomes.Single(o => o.HouseholdId == "H2").Result);

        // Given again (a second load): not taken again, the history is read as without it.
        await AssertSameAsFreshAsync(Day, await kept.LoadDistrictAsync(Day, ahead, Ct));
        Assert.Equal(HistoryAheadUse.Used, ahead.Use);
        Assert.Equal(hits + 1, cache.Hits);

        // Another store's read is never taken, even over the same database.
        var other = kept.ReadHistoryAhead(Ct)!;
        await AssertSameAsFreshAsync(Day, await fresh.LoadDistrictAsync(Day, other, Ct));
        await other.Completion;
        Assert.Equal(HistoryAheadUse.NotTaken, other.Use);
    }

    [Fact]
    public async Task OnlyTheKeptFileIsReadAhead()
    {
        // No file for the store's state (a first run, a new snapshot): nothing read ahead, the load reads the tables.
        var ahead = kept.ReadHistoryAhead(Ct)!;
        await AssertSameAsFreshAsync(Day, await kept.LoadDistrictAsync(Day, ahead, Ct));
        Assert.Equal(HistoryAheadUse.NotTaken, ahead.Use);
        // A store without a cache (PostgreSQL without a cache folder) reads nothing ahead.
        Assert.Null(fresh.ReadHistoryAhead(Ct));
    }

    [Fact]
    public async Task AHistoryReadAheadIsNotTakenWhenASnapshotACrisisMonthOrAPurgeCameAfterItStarted()
    {
        var changes = new (string Name, Func<Task> Change)[]
        {
            ("snapshot", () => kept.CommitFileAsync(Some.Batch("sha-registry-2", households: [Some.Household("H1", new DateOnly(2026, 7, 14)) with { Members = 4 },
                Some.Household("H3", new DateOnly(2026, 7, 14))]), Ct)),
            ("crisis month", () => kept.CommitFileAsync(Some.Batch("sha-crisis-2", crisis: [Crisis("H2", 6, "utility_arrears", value: 9m), Crisis("H1", 6, "rent_arrears")]), Ct)),
            ("purge by another store", () => fresh.PurgePersonalDataAsync(Day, Ct)),
        };
        foreach (var (name, change) in changes)
        {
            var before = await kept.LoadDistrictAsync(Day, Ct); // the kept file for the state before the change
            var ahead = kept.ReadHistoryAhead(Ct)!;
            await ahead.Completion; // the read is over before the change: only the state check can tell it is stale
            await change();
            var data = await kept.LoadDistrictAsync(Day, ahead, Ct);
            Assert.True(HistoryAheadUse.Stale == ahead.Use, $"{name}: {ahead.Use}");
            await AssertSameAsFreshAsync(Day, data);
            // The change is in the history the load gave; a purge clears contact details only, which a district does not carry,
            // but it is a write to the history's tables all the same, and the read ahead is not taken.
            if (name != "purge by another store") Assert.NotEqual(Lines(before), Lines(data));
        }

        // A change while the read may still run: whichever state it read, the load gives the store's history as it is now.
        await kept.LoadDistrictAsync(Day, Ct);
        var racing = kept.ReadHistoryAhead(Ct)!;
        await kept.CommitFileAsync(Some.Batch("sha-crisis-race", crisis: [Crisis("H1", 6, "health_insurance_arrears", value: 1m)]), Ct);
        var raced = await kept.LoadDistrictAsync(Day, racing, Ct);
        await AssertSameAsFreshAsync(Day, raced);
        Assert.Contains(raced.Crisis, c => c is { HouseholdId: "H1", Indicator: "health_insurance_arrears" } && c.Month.Month == 6);
    }

    static string Lines(DistrictData d) =>
        string.Join("\n", d.HouseholdVersions.Select(h => h.ToString()).Concat(d.Crisis.Select(c => c.ToString())));

    async Task AssertSameAsFreshAsync(DateOnly day, DistrictData actual)
    {
        var expected = await fresh.LoadDistrictAsync(day, Ct);
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.HouseholdVersions, actual.HouseholdVersions);
        Assert.Equal(expected.Crisis.Select(c => c.ToString()), actual.Crisis.Select(c => c.ToString()));
        Assert.Equal(expected.Tips.Select(TipLine), actual.Tips.Select(TipLine));
        Assert.Equal(expected.Outcomes, actual.Outcomes);
        Assert.Equal(expected.Capacity, actual.Capacity);
        Assert.Equal(expected.Baselines, actual.Baselines);
    }

    /// <summary>Loads <paramref name="day"/> through the kept store and asserts every row equals the fresh read's, in order.</summary>
    async Task<DistrictData> AssertSameAsFreshAsync(DateOnly day)
    {
        var expected = await fresh.LoadDistrictAsync(day, Ct);
        var actual = await kept.LoadDistrictAsync(day, Ct);
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.HouseholdVersions, actual.HouseholdVersions);
        Assert.Equal(expected.Crisis.Select(c => c.ToString()), actual.Crisis.Select(c => c.ToString())); // the decimal's scale too
        Assert.Equal(expected.Tips.Select(TipLine), actual.Tips.Select(TipLine));
        Assert.Equal(expected.Outcomes, actual.Outcomes);
        Assert.Equal(expected.Capacity, actual.Capacity);
        Assert.Equal(expected.Baselines, actual.Baselines);
        return actual;
    }

    static string TipLine(Tip t) => string.Create(CultureInfo.InvariantCulture,
        $"{t with { Candidates = [], RejectedCandidates = [] }} {string.Join(' ', t.Candidates)} / {string.Join(' ', t.RejectedCandidates)}");
}

public sealed class SqliteKeptDistrictTests : KeptDistrictContractTests
{
    int databases;
    protected override Task<string> CreateDbAsync() => Task.FromResult(Dir.File($"blindspot{++databases}.db"));
}

public sealed class PostgresKeptDistrictTests : KeptDistrictContractTests
{
    protected override async Task<string> CreateDbAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
}
