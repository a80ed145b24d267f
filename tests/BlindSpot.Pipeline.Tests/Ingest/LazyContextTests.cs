using System.Globalization;
using System.Text;
using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Resolution.Registry;
using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>
/// Ingest reads each part of its context when a file first needs it, and the registry from the copy the store keeps
/// for its state (issue 11). The same inbox, day after day, goes into two real stores: one whose context is read whole
/// from the tables at the first need (the way every run read it before), one read part by part and from the kept copy.
/// Ledger, quarantine, registry, crisis rows, tips with their links and candidates, visit results and corrections must
/// come out the same after every day, and the lazy store must have read less.
/// </summary>
public abstract class LazyContextTests : IAsyncLifetime
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly DateOnly AsOf = new(2026, 10, 30);

    readonly TempDir dir = new();
    IBlindSpotStore full = null!, lazy = null!;
    PartsRecorder fullRecorder = null!, lazyRecorder = null!;

    protected abstract Task<string> CreateDbAsync(string name);

    string Inbox => Path.Combine(dir.Path, "inbox");

    public async Task InitializeAsync()
    {
        fullRecorder = new PartsRecorder(await StoreFactory.OpenAsync(await CreateDbAsync("full"), default), readWhole: true);
        lazyRecorder = new PartsRecorder(await StoreFactory.OpenAsync(await CreateDbAsync("lazy"), default), readWhole: false);
        (full, lazy) = (fullRecorder, lazyRecorder);
    }

    [Fact]
    public async Task ReadingTheContextPartByPartGivesTheSameLedgerQuarantineAndTipLinksAsReadingItWhole()
    {
        new DistrictGenerator(new SampleOptions { Households = 2000, Seed = 11 }).WriteInbox(Inbox);
        await BothAsync(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));
        // Every part the inbox's feeds read (the shipped feeds need every part but FeedRows keys: none of them keeps one).
        var needed = Directory.GetFiles(Inbox).Select(f => Feeds.FromFileName(f)).OfType<Feed>()
            .Aggregate(IngestContextParts.None, (parts, feed) => parts | IngestContext.PartsFor(feed));
        Assert.Equal(needed, lazyRecorder.Asked);
        Assert.True(needed.HasFlag(IngestContextParts.SnapshotKeys | IngestContextParts.Registry | IngestContextParts.CrisisKeys
            | IngestContextParts.TipIds | IngestContextParts.OutcomeKeys));
        // The run that stored the snapshots kept the registry's copy, the one a run reading the versions keeps.
        Assert.Equal((0, 1), (lazyRecorder.CopiesRead, lazyRecorder.CopiesKept));
        var first = await lazy.LoadRegistryCacheAsync(await lazy.RegistryStateAsync(default), default);
        AssertSameCopy(await CopyFromTheVersionsAsync(), first);

        // Nothing new: the lazy run reads no part of the context.
        await BothAsync(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(IngestContextParts.None, lazyRecorder.Asked);

        // A day's tips and visit results: duplicates, a conflict, a correction (정정), an unknown household, tips that
        // link, tips with candidates and one about a unit the registry does not have yet.
        var district = await lazy.LoadDistrictAsync(AsOf, default);
        // A district's versions carry no contact details: the tips below are written from the store's.
        var contacts = await lazy.LoadContactsAsync(district.Households, default);
        var living = district.Households.Where(h => !h.MovedOut).OrderBy(h => h.HouseholdId, StringComparer.Ordinal)
            .Select(h => contacts[h.HouseholdId] is var c ? h with { Address = c.Address, HeadName = c.HeadName, Phone = c.Phone } : h).ToList();
        var (building, bracket) = Building(living.First(h => h.Address.Contains(',', StringComparison.Ordinal) && h.Address.Contains('(', StringComparison.Ordinal)).Address);
        var storedTip = district.Tips.First(t => t.Source == TipSource.Officer);
        var storedCall = district.Tips.First(t => t.Source == TipSource.Hotline);
        var h1 = living[10];
        var h2 = living[20];
        var h3 = living[30];
        File.WriteAllText(Path.Combine(Inbox, "tips_officer_20261102.csv"),
            "tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note\n" +
            $"N1,2026-11-02 10:00,OF1,{h1.Dong},{Quoted(h1.Address)},{h1.HeadName},,,고립,Y,인기척 없음\n" +
            $"N2,2026-11-02 10:05,OF1,{h2.Dong},{Quoted(Building(h2.Address).Building)},{h2.HeadName[..1]}씨,,,경제,N,월세 밀림\n" +
            $"N3,2026-11-02 10:10,OF1,{h3.Dong},{Quoted(h3.Address)},,,{h3.HouseholdId},건강,N,거동 불편\n" +
            $"N4,2026-11-02 10:15,OF1,{h1.Dong},{Quoted(building + " 999호")},,,,돌봄,N,새로 이사 온 노인\n" +
            $"{storedTip.TipId},2026-11-02 10:20,OF1,{storedTip.Dong},{Quoted(storedTip.Address)},,,,기타,N,다시 온 제보\n" +
            "N5,2026-11-02 10:25,OF1,도림동,어딘가 모를 곳,,,,기타,N,주소 불명\n");
        File.WriteAllText(Path.Combine(Inbox, "tips_hotline_20261102.csv"),
            "call_id,called_at,reporter_type,dong,address,subject_name,urgent,note\n" +
            $"C1,2026-11-02 11:00,편의점,,{Quoted(h2.Address)},{h2.HeadName},N,며칠째 안 보임\n" +
            $"C1,2026-11-02 11:01,편의점,,{Quoted(h2.Address)},{h2.HeadName},N,며칠째 안 보임\n" +
            $"{storedCall.TipId},2026-11-02 11:05,이웃,{storedCall.Dong},{Quoted(storedCall.Address)},,N,다시 온 신고\n");
        var visits = district.Outcomes.OrderBy(o => o.HouseholdId, StringComparer.Ordinal).ThenBy(o => o.VisitedOn).ToList();
        var (same, conflict, corrected) = (visits[0], visits[1], visits[2]);
        File.WriteAllText(Path.Combine(Inbox, "outcomes_20261102.csv"),
            "household_id,visited_on,result,services,worker_id,correction\n" +
            $"{h1.HouseholdId},2026-11-02,발굴,긴급복지,W1,N\n" +
            $"{same.HouseholdId},{same.VisitedOn:yyyy-MM-dd},{VisitResults.Korean(same.Result)},,W1,N\n" +
            $"{conflict.HouseholdId},{conflict.VisitedOn:yyyy-MM-dd},{VisitResults.Korean(Other(conflict.Result))},,W1,N\n" +
            $"{corrected.HouseholdId},{corrected.VisitedOn:yyyy-MM-dd},{VisitResults.Korean(Other(corrected.Result))},,W1,Y\n" +
            "H9999999,2026-11-02,부재,,W1,N\n" +
            $"{h2.HouseholdId},2026-13-40,부재,,W1,N\n");
        await BothAsync(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero));
        // The first day after the snapshots: the registry comes from the copy their run kept.
        Assert.Equal(IngestContextParts.TipIds | IngestContextParts.OutcomeKeys, lazyRecorder.Asked);
        Assert.Equal((1, 0), (lazyRecorder.CopiesRead, lazyRecorder.CopiesKept));
        var n4 = await lazy.FindTipAsync(TipSource.Officer, "N4", default);
        Assert.Null(n4!.HouseholdId);

        // The next day: the registry comes from the kept copy. A correction of the correction, repeated rows of the day
        // before, tips by surname only, by phone, and hotline calls without a dong.
        var h4 = living[40];
        var h5 = living.First(h => h.Phone is not null && h.HouseholdId != h1.HouseholdId);
        File.WriteAllText(Path.Combine(Inbox, "tips_officer_20261103.csv"),
            "tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note\n" +
            $"N1,2026-11-02 10:00,OF1,{h1.Dong},{Quoted(h1.Address)},{h1.HeadName},,,고립,Y,인기척 없음\n" +
            $"M1,2026-11-03 09:00,OF2,{h4.Dong},{Quoted(Building(h4.Address).Building)},{h4.HeadName[..1]} 할머니,,,건강,N,혼자 거동 못함\n" +
            $"M2,2026-11-03 09:10,OF2,{h5.Dong},{Quoted(Building(h5.Address).Building)},,{h5.Phone},,경제,Y,전화로 확인\n" +
            $"M3,2026-11-03 09:20,OF2,{h4.Dong},{Quoted(building + " 999호")},,,,돌봄,N,새로 이사 온 노인 (다시)\n");
        File.WriteAllText(Path.Combine(Inbox, "tips_hotline_20261103.csv"),
            "call_id,called_at,reporter_type,dong,address,subject_name,urgent,note\n" +
            $"C2,2026-11-03 11:00,약국,,{Quoted(Building(h4.Address).Building)},{h4.HeadName},Y,약을 못 사심\n" +
            $"C1,2026-11-02 11:00,편의점,,{Quoted(h2.Address)},{h2.HeadName},N,며칠째 안 보임\n");
        File.WriteAllText(Path.Combine(Inbox, "outcomes_20261103.csv"),
            "household_id,visited_on,result,services,worker_id,correction\n" +
            $"{corrected.HouseholdId},{corrected.VisitedOn:yyyy-MM-dd},{VisitResults.Korean(corrected.Result)},,W2,Y\n" +
            $"{h1.HouseholdId},2026-11-02,발굴,긴급복지,W1,N\n" +
            $"{h1.HouseholdId},2026-11-02,비해당,,W1,N\n" +
            $"{h4.HouseholdId},2026-11-03,부재,,W2,N\n");
        await BothAsync(new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(IngestContextParts.TipIds | IngestContextParts.OutcomeKeys, lazyRecorder.Asked);
        Assert.Equal((1, 0), (lazyRecorder.CopiesRead, lazyRecorder.CopiesKept));
        var kept = await lazy.RegistryStateAsync(default);
        Assert.NotNull(await lazy.LoadRegistryCacheAsync(kept, default));
        // A copy kept again for the same state replaces the old one (which another build may have written).
        await lazy.SaveRegistryCacheAsync(kept, [1, 2, 3], default);
        Assert.Equal([1, 2, 3], await lazy.LoadRegistryCacheAsync(kept, default));

        // A new registry snapshot with a household in that unit (open tips are tried again) and a month of crisis rows.
        var snapshot = new StringBuilder("household_id,dong,address,head_name,phone,head_birth_year,head_sex,members,children_under_2,single_parent,pregnant,disability,housing_type,tenure,moved_in,basic_livelihood,case_managed\n");
        foreach (var h in living) snapshot.Append(Row(h));
        snapshot.Append(Row(h1 with { HouseholdId = "H8888888", Address = $"{building}, 999호{bracket}", HeadName = "정미자", Phone = null, MovedIn = new DateOnly(2026, 11, 20) }));
        File.WriteAllText(Path.Combine(Inbox, "households_20261130.csv"), snapshot.ToString());
        File.WriteAllText(Path.Combine(Inbox, "crisis_202611.csv"),
            "household_id,reference_month,indicator,value\n" +
            $"{h1.HouseholdId},2026-11,ELEC_ARREARS,3\n{h1.HouseholdId},2026-11,ELEC_ARREARS,3\n{h2.HouseholdId},2026-11,단전,1\nH9999999,2026-11,단전,1\n");
        await BothAsync(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(IngestContextParts.SnapshotKeys | IngestContextParts.Registry | IngestContextParts.CrisisKeys, lazyRecorder.Asked);
        n4 = await lazy.FindTipAsync(TipSource.Officer, "N4", default);
        Assert.Equal(new DateOnly(2026, 11, 30), n4!.ResolvedAgainst);
        Assert.Equal("H8888888", n4.HouseholdId);
        // The kept copy was of the registry before the snapshot: the run that stored it kept one for the new state (a
        // household added to a registry it read from the store), the one a run reading the versions keeps.
        var state = await lazy.RegistryStateAsync(default);
        Assert.NotEqual(kept, state);
        Assert.Equal((0, 1), (lazyRecorder.CopiesRead, lazyRecorder.CopiesKept));
        Assert.Null(await lazy.LoadRegistryCacheAsync(kept, default));
        var afterSnapshot = await lazy.LoadRegistryCacheAsync(state, default);
        AssertSameCopy(await CopyFromTheVersionsAsync(), afterSnapshot);

        // Retention drops the copy (it holds names, phones and addresses); the next run reads the registry again.
        await lazy.PurgePersonalDataAsync(new DateOnly(2020, 1, 1), default);
        Assert.Null(await lazy.LoadRegistryCacheAsync(state, default));
    }

    /// <summary>
    /// True when the store reads a snapshot date's versions in the order they were stored (SQLite, through its index on
    /// the date); PostgreSQL returns equal dates in its physical order (ADR 0006, order caveat).
    /// </summary>
    protected virtual bool ReadsVersionsAsStored => true;

    /// <summary>
    /// The copy kept by the run that stored the snapshot is the one a run reading the versions keeps: byte for byte where
    /// the store reads them as stored; else the same households (every value), in an order of its own within a date.
    /// </summary>
    void AssertSameCopy(byte[] fromVersions, byte[]? kept)
    {
        Assert.NotNull(kept);
        if (ReadsVersionsAsStored)
        {
            Assert.Equal(fromVersions, kept);
            return;
        }
        Assert.True(KeptRegistry.TryRead(fromVersions, out var expected, out _, out _));
        Assert.True(KeptRegistry.TryRead(kept, out var actual, out _, out _));
        static string Sorted(IEnumerable<HouseholdRef> hs) => string.Join("\n", hs.Select(h => JsonSerializer.Serialize(h)).Order(StringComparer.Ordinal));
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    /// <summary>
    /// The copy a run keeps after reading the registry from its versions (as the first run after a snapshot did before the
    /// snapshot's run kept it): every other copy dropped, the registry read through <see cref="RegistryCache"/>.
    /// </summary>
    async Task<byte[]> CopyFromTheVersionsAsync()
    {
        var state = await lazy.RegistryStateAsync(default);
        await lazy.SaveRegistryCacheAsync("none", [0], default);
        Assert.Null(await lazy.LoadRegistryCacheAsync(state, default));
        var registry = new RegistryCache(lazy, new ListLogger(), Parts.Tips);
        var context = new IngestContext((c, parts, ct) => registry.LoadAsync(c, parts, ct));
        await context.EnsureAsync(IngestContextParts.Registry, default);
        return (await lazy.LoadRegistryCacheAsync(state, default))!;
    }

    /// <summary>Ingests the inbox into both stores at <paramref name="utc"/>; their ingest reports and stores must be the same.</summary>
    async Task BothAsync(DateTimeOffset utc)
    {
        lazyRecorder.Asked = fullRecorder.Asked = IngestContextParts.None;
        lazyRecorder.CopiesRead = lazyRecorder.CopiesKept = 0;
        var clock = new FakeTimeProvider(utc);
        var a = await new IngestService(full, new ListLogger(), clock, Parts.Feeds, Parts.Output, Parts.Tips).IngestInboxAsync(Inbox, Path.Combine(dir.Path, "q-full"), default);
        var b = await new IngestService(lazy, new ListLogger(), clock, Parts.Feeds, Parts.Output, Parts.Tips).IngestInboxAsync(Inbox, Path.Combine(dir.Path, "q-lazy"), default);
        Assert.False(a.AnyFailure);
        Assert.Equal(Report(a), Report(b));
        Assert.Equal(await StateAsync(full), await StateAsync(lazy));
    }

    static string Report(IngestReport r) =>
        string.Join("\n", r.Files.Select(f => $"{f.FileName} {f.Status} {f.Message} {JsonSerializer.Serialize(f.Ledger)} {(f.QuarantineFile is null ? "" : Path.GetFileName(f.QuarantineFile))}"));

    static async Task<string> StateAsync(IBlindSpotStore store)
    {
        var d = await store.LoadDistrictAsync(new DateOnly(2030, 1, 1), default);
        static string Sorted<T>(IEnumerable<T> items) => string.Join("\n", items.Select(i => JsonSerializer.Serialize(i)).Order(StringComparer.Ordinal));
        return string.Join("\n--\n",
            Sorted(await store.ListFilesAsync(default)), Sorted(await store.ListQuarantineAsync(default)), Sorted(d.HouseholdVersions),
            Sorted(d.Crisis), Sorted(d.Tips), Sorted(d.Outcomes), Sorted(await store.ListOutcomeHistoryAsync(default)),
            Sorted(await store.LoadOpenTipsAsync(null, default)));
    }

    static VisitResult Other(VisitResult r) => r == VisitResult.Absent ? VisitResult.Discovered : VisitResult.Absent;

    /// <summary>The registry address's building ("서울특별시 영등포구 도림로 123") and bracket (" (도림동, 행복빌라)").</summary>
    static (string Building, string Bracket) Building(string address)
    {
        var comma = address.IndexOf(',', StringComparison.Ordinal);
        var bracket = address.IndexOf('(', StringComparison.Ordinal);
        return comma < 0 ? (address, "") : (address[..comma], bracket > comma ? " " + address[bracket..] : "");
    }

    static string Quoted(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static string Yn(bool? b) => b is null ? "" : b.Value ? "Y" : "N";

    static string Row(Household h) => string.Join(",",
        h.HouseholdId, h.Dong, Quoted(h.Address), h.HeadName, h.Phone ?? "", h.HeadBirthYear.ToString(Inv), h.HeadSex.ToString(), h.Members.ToString(Inv),
        h.ChildrenUnder2.ToString(Inv), Yn(h.SingleParent), Yn(h.Pregnant), Yn(h.Disability), h.HousingType, h.Tenure, h.MovedIn.ToString("yyyy-MM-dd", Inv),
        Yn(h.BasicLivelihood), Yn(h.CaseManaged)) + "\n";

    public async Task DisposeAsync()
    {
        await full.DisposeAsync();
        await lazy.DisposeAsync();
        await fullRecorder.InnerStore.DisposeAsync();
        await lazyRecorder.InnerStore.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    protected string DbFile(string name) => dir.File(name);

    /// <summary>
    /// The real store, remembering which parts of the ingest context a run asked for and the registry copies read and
    /// kept; with <paramref name="readWhole"/> it reads every part from the tables whenever any is asked for (the whole
    /// context at the first file that needs one, as before) and keeps no registry copy.
    /// </summary>
    sealed class PartsRecorder(IBlindSpotStore inner, bool readWhole) : StoreDecorator(inner)
    {
        readonly HashSet<IngestContext> whole = new(ReferenceEqualityComparer.Instance);

        public IngestContextParts Asked { get; set; }
        public int CopiesRead { get; set; }
        public int CopiesKept { get; set; }
        public IBlindSpotStore InnerStore => Inner;

        public override async Task<byte[]?> LoadRegistryCacheAsync(string state, CancellationToken ct)
        {
            if (readWhole) return null;
            var blob = await Inner.LoadRegistryCacheAsync(state, ct);
            if (blob is not null) CopiesRead++;
            return blob;
        }

        public override Task SaveRegistryCacheAsync(string state, byte[] blob, CancellationToken ct)
        {
            if (readWhole) return Task.CompletedTask;
            CopiesKept++;
            return Inner.SaveRegistryCacheAsync(state, blob, ct);
        }

        public override Task LoadIngestContextPartsAsync(IngestContext context, IngestContextParts parts, CancellationToken ct)
        {
            Asked |= parts;
            if (!readWhole) return Inner.LoadIngestContextPartsAsync(context, parts, ct);
            return whole.Add(context) ? Inner.LoadIngestContextPartsAsync(context, IngestContextParts.All, ct) : Task.CompletedTask;
        }
    }
}

public sealed class SqliteLazyContextTests : LazyContextTests
{
    protected override Task<string> CreateDbAsync(string name) => Task.FromResult(DbFile(name + ".db"));
}

public sealed class PostgresLazyContextTests : LazyContextTests
{
    protected override async Task<string> CreateDbAsync(string name) => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

    protected override bool ReadsVersionsAsStored => false;
}
