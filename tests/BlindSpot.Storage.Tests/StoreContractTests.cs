using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Testing;

namespace BlindSpot.Storage.Tests;

/// <summary>
/// The storage contract. Every test runs against both real engines: a SQLite file and a PostgreSQL server
/// started from the machine's binaries.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected IBlindSpotStore Store { get; private set; } = null!;
    protected string Db { get; private set; } = "";
    static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<string> CreateDbAsync();

    public async Task InitializeAsync()
    {
        Db = await CreateDbAsync();
        Store = await StoreFactory.OpenAsync(Db, Ct);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task MigratingTwiceLeavesTheSchemaAtTheLatestVersion()
    {
        await Store.MigrateAsync(Ct);
        await using var again = await StoreFactory.OpenAsync(Db, Ct);
        Assert.Equal(Schema.Migrations.Latest, await ((Sql.SqlStore)again).SchemaVersionAsync(Ct));
    }

    [Fact]
    public async Task TheInboxLockHasOneHolderAtATimeAcrossStoresOfTheSameDatabase()
    {
        // A second store over the same database stands for another process (a jobs server, the CLI).
        await using var other = await StoreFactory.OpenAsync(Db, Ct);
        var held = await Store.TryLockInboxAsync(Ct);
        Assert.NotNull(held);
        Assert.Null(await other.TryLockInboxAsync(Ct));
        Assert.Null(await Store.TryLockInboxAsync(Ct));

        await held.DisposeAsync();
        var next = await other.TryLockInboxAsync(Ct);
        Assert.NotNull(next);
        Assert.Null(await Store.TryLockInboxAsync(Ct));
        await next.DisposeAsync();

        // Released as soon as disposed: one ingest right after another never finds the inbox busy.
        for (var i = 0; i < 20; i++)
        {
            var mine = await Store.TryLockInboxAsync(Ct);
            Assert.NotNull(mine);
            await mine.DisposeAsync();
            var theirs = await other.TryLockInboxAsync(Ct);
            Assert.NotNull(theirs);
            await theirs.DisposeAsync();
        }
    }

    [Fact]
    public async Task KeepsTipLinksCandidatesAndWhatStaffDecided()
    {
        var snapshot = new DateOnly(2026, 9, 30);
        var open = Some.Tip("T1", new DateTime(2026, 10, 1, 9, 0, 0), householdId: null) with { Candidates = ["H7", "H8"], ResolvedAgainst = snapshot };
        var unresolved = Some.Tip("T3", new DateTime(2026, 10, 2, 9, 0, 0), householdId: null) with { Dong = "여의동", ResolvedAgainst = snapshot };
        var linked = Some.Tip("T2", new DateTime(2026, 10, 1, 10, 0, 0)) with { Match = MatchMethod.RoadTypo, LinkConfidence = 0.991, ResolvedAgainst = snapshot };
        await Store.CommitFileAsync(Some.Batch("sha-links", tips: [open, unresolved, linked]), Ct);

        Assert.Equal(["T1", "T3"], (await Store.LoadOpenTipsAsync(null, Ct)).Select(t => t.TipId));
        var stored = Assert.Single(await Store.LoadOpenTipsAsync("도림동", Ct));
        Assert.Equal(["H7", "H8"], stored.Candidates);
        Assert.Equal((snapshot, TipLinkStatus.Candidates), (stored.ResolvedAgainst, stored.LinkStatus));
        var storedLink = (await Store.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct)).Tips.Single(t => t.TipId == "T2");
        Assert.Equal(("H1", MatchMethod.RoadTypo, 0.991), (storedLink.HouseholdId, storedLink.Match, storedLink.LinkConfidence));

        Assert.Equal(1, await Store.UpdateTipLinksAsync([stored with
        {
            HouseholdId = "H8", Match = MatchMethod.Confirmed, LinkConfidence = 1, Candidates = [], RejectedCandidates = ["H7"],
        }], Ct));
        var confirmed = await Store.FindTipAsync(TipSource.Officer, "T1", Ct);
        Assert.Equal(("H8", MatchMethod.Confirmed, 1.0, TipLinkStatus.Linked), (confirmed!.HouseholdId, confirmed.Match, confirmed.LinkConfidence, confirmed.LinkStatus));
        Assert.Equal(["H7"], confirmed.RejectedCandidates);
        Assert.Equal(open.Note, confirmed.Note);
        Assert.Equal(["T3"], (await Store.LoadOpenTipsAsync(null, Ct)).Select(t => t.TipId));
        Assert.Null(await Store.FindTipAsync(TipSource.Hotline, "T1", Ct));
    }

    [Fact]
    public async Task UpgradesAVersion1StoreAndTrustsItsLinks()
    {
        await using var v1 = StoreFactory.Unmigrated(await CreateDbAsync());
        await v1.MigrateAsync(1, Ct);
        await using (var c = await v1.Dialect.OpenConnectionAsync(Ct))
        {
            await Sql.Db.ExecAsync(c, null,
                "INSERT INTO tips (source, tip_id, received_at, source_detail, dong, address, household_id, match_method, urgent, note, file_sha256) " +
                "VALUES ('Officer', 'OLD1', @p0, 'OFF-1', '도림동', '도림로 1', 'H1', 'Address', @p1, '메모', 'sha'), " +
                "('Officer', 'OLD2', @p0, 'OFF-1', '도림동', '도림로 2', NULL, 'None', @p1, '메모', 'sha')", Ct,
                new DateTime(2026, 10, 1, 9, 0, 0), false);
        }
        await v1.MigrateAsync(Ct);
        Assert.Equal(Schema.Migrations.Latest, await v1.SchemaVersionAsync(Ct));
        var tips = (await v1.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct)).Tips;
        Assert.Equal([("OLD1", 1.0, (DateOnly?)null), ("OLD2", 0.0, null)], tips.Select(t => (t.TipId, t.LinkConfidence, t.ResolvedAgainst)));
        Assert.Equal(["OLD2"], (await v1.LoadOpenTipsAsync(null, Ct)).Select(t => t.TipId));
    }

    /// <summary>Each history row's file, through its number: (table, household, SHA-256), in table and key order.</summary>
    static async Task<List<(string Table, string Household, string Sha)>> HistoryFilesAsync(Sql.SqlDialect dialect)
    {
        await using var c = await dialect.OpenConnectionAsync(Ct);
        return await Sql.Db.QueryAsync(c,
            "SELECT 'versions', v.household_id, h.sha256, v.snapshot_date FROM household_versions v JOIN history_files h ON h.file_no = v.file_no " +
            "UNION ALL SELECT 'crisis', x.household_id, h.sha256, x.month FROM crisis x JOIN history_files h ON h.file_no = x.file_no " +
            "ORDER BY 1 DESC, 2, 4", r => (r.GetString(0), r.GetString(1), r.GetString(2)), Ct);
    }

    static async Task<List<(long No, string Sha)>> FileNumbersAsync(Sql.SqlDialect dialect)
    {
        await using var c = await dialect.OpenConnectionAsync(Ct);
        return await Sql.Db.QueryAsync(c, "SELECT file_no, sha256 FROM history_files ORDER BY file_no", r => (r.GetInt64(0), r.GetString(1)), Ct);
    }

    [Fact]
    public async Task EveryHistoryRowNamesTheFileThatBroughtItByNumber()
    {
        var apr = new DateOnly(2026, 4, 30);
        var gas = new CrisisRecord("H1", new DateOnly(2026, 5, 1), CrisisIndicators.GasArrears, 2m, true);
        await Store.CommitFileAsync(Some.Batch("sha-apr", households: [Some.Household("H1", apr), Some.Household("H2", apr)]), Ct);
        await Store.CommitFileAsync(Some.Batch("sha-tips", tips: [Some.Tip("T1", new DateTime(2026, 5, 2, 9, 0, 0))]), Ct);
        await Store.CommitFileAsync(Some.Batch("sha-may", crisis: [gas]), Ct);
        Assert.False(await Store.CommitFileAsync(Some.Batch("sha-may", crisis: [gas with { HouseholdId = "H2" }]), Ct));

        var dialect = ((Sql.SqlStore)Store).Dialect;
        // Only files bringing history are numbered, once each, in the order they were committed.
        Assert.Equal([(1L, "sha-apr"), (2L, "sha-may")], await FileNumbersAsync(dialect));
        Assert.Equal([("versions", "H1", "sha-apr"), ("versions", "H2", "sha-apr"), ("crisis", "H1", "sha-may")],
            await HistoryFilesAsync(dialect));
    }

    [Fact]
    public async Task EveryRowOfAFileIsStoredWithItsOwnValues()
    {
        // The store hands a dialect every history row in one array, filled again for each row (Boxes.Reused): a dialect
        // that kept a row instead of taking its values at once would store the file's last row over and over.
        var apr = new DateOnly(2026, 4, 30);
        var households = new[]
        {
            Some.Household("H1", apr),
            Some.Household("H2", apr, dong: "문래동") with { Address = "문래로 5", HeadName = "이영희", Phone = null, HeadBirthYear = 1950, HeadSex = Sex.F, Members = 2, Pregnant = true },
            Some.Household("H3", apr, dong: "신길1동", caseManaged: true) with { Members = 4, ChildrenUnder2 = 1, SingleParent = true, BasicLivelihood = true },
        };
        var crisis = new[]
        {
            new CrisisRecord("H3", new DateOnly(2026, 5, 1), CrisisIndicators.GasArrears, 2m, true),
            new CrisisRecord("H1", new DateOnly(2026, 5, 1), "LOCAL_CODE_9", 1m, false),
            new CrisisRecord("H2", new DateOnly(2026, 6, 1), CrisisIndicators.GasArrears, 5m, true),
        };
        Assert.True(await Store.CommitFileAsync(Some.Batch("sha-rows", households: households, crisis: crisis), Ct));

        // The district as scoring reads it carries no contact details; they are read back from the table itself.
        var data = await Store.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct);
        Assert.Equal(households.Select(h => h with { Address = "", HeadName = "", Phone = null }),
            data.HouseholdVersions.OrderBy(h => h.HouseholdId, StringComparer.Ordinal).Select(h => h with { Address = "", HeadName = "", Phone = null }));
        Assert.Equal(crisis.OrderBy(c => c.HouseholdId, StringComparer.Ordinal), data.Crisis.OrderBy(c => c.HouseholdId, StringComparer.Ordinal));
        await using var c = await ((Sql.SqlStore)Store).Dialect.OpenConnectionAsync(Ct);
        var contacts = await Sql.Db.QueryAsync(c, "SELECT household_id, address, head_name, phone FROM household_versions ORDER BY household_id",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)), Ct);
        Assert.Equal(households.Select(h => (h.HouseholdId, h.Address, h.HeadName, h.Phone)), contacts);
    }

    [Fact]
    public async Task UpgradesAVersion9StoreSoThatEveryHistoryRowStillNamesItsFile()
    {
        await using var v9 = StoreFactory.Unmigrated(await CreateDbAsync());
        await v9.MigrateAsync(9, Ct);
        var apr = new DateOnly(2026, 4, 30);
        await using (var c = await v9.Dialect.OpenConnectionAsync(Ct))
        {
            await Sql.Db.ExecAsync(c, null,
                "INSERT INTO ingested_files (sha256, file_name, feed, encoding, rows_read, accepted, duplicate, quarantined, notes, ingested_at) " +
                "VALUES ('sha-apr', 'households_20260430.csv', 'Households', 'utf-8', 2, 2, 0, 0, '', @p0), " +
                "('sha-mar', 'crisis_202603.csv', 'Crisis', 'utf-8', 1, 1, 0, 0, '', @p1)", Ct,
                new DateTime(2026, 5, 1, 9, 0, 0), new DateTime(2026, 4, 2, 9, 0, 0));
            foreach (var id in new[] { "H1", "H2" })
                await Sql.Db.ExecAsync(c, null,
                    "INSERT INTO household_versions (household_id, snapshot_date, dong, address, head_name, phone, head_birth_year, head_sex, members, " +
                    "children_under_2, single_parent, pregnant, disability, housing_type, tenure, moved_in, basic_livelihood, case_managed, file_sha256) " +
                    "VALUES (@p0, @p1, '도림동', '도림로 1', '김철수', NULL, 1960, 'M', 1, 0, NULL, NULL, NULL, '아파트', '자가', @p2, @p3, @p3, 'sha-apr')", Ct,
                    id, apr, new DateOnly(2020, 1, 1), false);
            await Sql.Db.ExecAsync(c, null,
                "INSERT INTO crisis (household_id, month, indicator, value, known_code, file_sha256) VALUES ('H1', @p0, @p1, 2, @p2, 'sha-mar')", Ct,
                new DateOnly(2026, 3, 1), CrisisIndicators.GasArrears, true);
        }

        await v9.MigrateAsync(Ct);
        Assert.Equal(Schema.Migrations.Latest, await v9.SchemaVersionAsync(Ct));
        // Numbered in the order the files were committed: the March crisis file first.
        Assert.Equal([(1L, "sha-mar"), (2L, "sha-apr")], await FileNumbersAsync(v9.Dialect));
        Assert.Equal([("versions", "H1", "sha-apr"), ("versions", "H2", "sha-apr"), ("crisis", "H1", "sha-mar")],
            await HistoryFilesAsync(v9.Dialect));
        var data = await v9.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct);
        Assert.Equal(["H1", "H2"], data.Households.Select(h => h.HouseholdId));
        Assert.Equal(2m, Assert.Single(data.Crisis).Value);

        // A file committed after the upgrade takes the next number.
        var oct = new DateOnly(2026, 10, 30);
        Assert.True(await v9.CommitFileAsync(Some.Batch("sha-oct", households: [Some.Household("H1", oct)]), Ct));
        Assert.Equal((3L, "sha-oct"), (await FileNumbersAsync(v9.Dialect))[^1]);
    }

    [Fact]
    public async Task CommitsAFileOnceAndRefusesTheSameBytesAgain()
    {
        var tip = Some.Tip("T1", new DateTime(2026, 10, 1, 14, 30, 0));
        Assert.True(await Store.CommitFileAsync(Some.Batch("sha-a", tips: [tip]), Ct));
        Assert.False(await Store.CommitFileAsync(Some.Batch("sha-a", tips: [tip with { TipId = "T2" }]), Ct));

        var data = await Store.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct);
        Assert.Equal(tip, Assert.Single(data.Tips));
        var file = Assert.Single(await Store.ListFilesAsync(Ct));
        Assert.Equal(["extra column 'memo' ignored"], file.Notes);
        var found = await Store.FindFileAsync("sha-a", Ct);
        Assert.Equal(file with { Notes = [] }, found! with { Notes = [] });
        Assert.Null(await Store.FindFileAsync("sha-b", Ct));
    }

    [Fact]
    public async Task KeepsTheFirstRowOfARepeatedKeyAcrossFiles()
    {
        var first = Some.Tip("T1", new DateTime(2026, 10, 1, 9, 0, 0));
        await Store.CommitFileAsync(Some.Batch("sha-1", tips: [first]), Ct);
        await Store.CommitFileAsync(Some.Batch("sha-2", tips: [first with { Note = "다른 내용" }]), Ct);
        var data = await Store.LoadDistrictAsync(new DateOnly(2026, 10, 31), Ct);
        Assert.Equal(first.Note, Assert.Single(data.Tips).Note);
    }

    [Fact]
    public async Task ReadsOnlyWhatWasKnownByTheEndOfTheDay()
    {
        var h = Some.Household("H1", new DateOnly(2026, 1, 31));
        await Store.CommitFileAsync(Some.Batch("sha-h", households: [h]), Ct);
        await Store.CommitFileAsync(Some.Batch("sha-x",
            tips: [Some.Tip("T-in", new DateTime(2026, 3, 10, 23, 59, 0)), Some.Tip("T-out", new DateTime(2026, 3, 11, 0, 0, 0))],
            crisis:
            [
                new CrisisRecord("H1", new DateOnly(2026, 2, 1), CrisisIndicators.MgmtFeeArrears, 3m, true),
                new CrisisRecord("H1", new DateOnly(2026, 3, 1), CrisisIndicators.ElecCutoff, 1m, true),
                new CrisisRecord("H1", new DateOnly(2026, 2, 1), "NEW_AGENCY_CODE", 2.5m, false),
            ],
            outcomes: [new Outcome("H1", new DateOnly(2026, 3, 10), VisitResult.Absent, null, "W1"), new Outcome("H1", new DateOnly(2026, 3, 11), VisitResult.Discovered, "긴급지원;기초생활보장", "W1")]), Ct);

        var data = await Store.LoadDistrictAsync(new DateOnly(2026, 3, 10), Ct);
        Assert.Equal("T-in", Assert.Single(data.Tips).TipId);
        Assert.Equal(VisitResult.Absent, Assert.Single(data.Outcomes).Result);
        // March figures are not known before March is over.
        Assert.All(data.Crisis, c => Assert.Equal(new DateOnly(2026, 2, 1), c.Month));
        Assert.Contains(data.Crisis, c => c is { KnownCode: false, Value: 2.5m });
        Assert.Equal(h with { Address = "", HeadName = "", Phone = null }, Assert.Single(data.Households)); // no contact details

        var endOfMarch = await Store.LoadDistrictAsync(new DateOnly(2026, 3, 31), Ct);
        Assert.Equal(3, endOfMarch.Crisis.Count);
    }

    [Fact]
    public async Task MarksAHouseholdMissingFromANewerSnapshotAsMovedOutWithoutDeletingIt()
    {
        var jan = new DateOnly(2026, 1, 31);
        var jun = new DateOnly(2026, 6, 30);
        await Store.CommitFileAsync(Some.Batch("s1", households: [Some.Household("H1", jan), Some.Household("H2", jan)]), Ct);
        await Store.CommitFileAsync(Some.Batch("s2", households: [Some.Household("H1", jun, caseManaged: true)]), Ct);

        var before = await Store.LoadDistrictAsync(new DateOnly(2026, 5, 1), Ct);
        Assert.All(before.Households, h => Assert.False(h.MovedOut));
        Assert.False(before.Households.Single(h => h.HouseholdId == "H1").CaseManaged);

        var after = await Store.LoadDistrictAsync(new DateOnly(2026, 7, 1), Ct);
        Assert.True(after.Households.Single(h => h.HouseholdId == "H2").MovedOut);
        Assert.True(after.Households.Single(h => h.HouseholdId == "H1").CaseManaged);

        // Seen again in a later snapshot: back.
        var sep = new DateOnly(2026, 9, 30);
        await Store.CommitFileAsync(Some.Batch("s3", households: [Some.Household("H1", sep), Some.Household("H2", sep)]), Ct);
        var back = await Store.LoadDistrictAsync(new DateOnly(2026, 10, 1), Ct);
        Assert.All(back.Households, h => Assert.False(h.MovedOut));
    }

    [Fact]
    public async Task LoadsTheIngestContextWithEveryStoredKeyAndTheNewestHouseholdVersion()
    {
        await Store.CommitFileAsync(Some.Batch("s1",
            households: [Some.Household("H1", new DateOnly(2026, 1, 31)), Some.Household("H1", new DateOnly(2026, 6, 30), dong: "대림2동")],
            tips: [Some.Tip("T1", new DateTime(2026, 5, 1, 10, 0, 0))],
            crisis: [new CrisisRecord("H1", new DateOnly(2026, 2, 1), CrisisIndicators.GasArrears, 2m, true)],
            outcomes: [new Outcome("H1", new DateOnly(2026, 5, 2), VisitResult.NotInCrisis, null, "W2")]), Ct);
        var ctx = await Store.LoadIngestContextAsync(Ct);
        Assert.Contains(IngestKeys.Household("H1", new DateOnly(2026, 1, 31)), ctx.HouseholdSnapshotKeys);
        Assert.Contains(IngestKeys.Crisis("H1", new DateOnly(2026, 2, 1), CrisisIndicators.GasArrears), ctx.CrisisKeys);
        Assert.Contains(IngestKeys.Outcome("H1", new DateOnly(2026, 5, 2)), ctx.OutcomeKeys);
        Assert.Contains("T1", ctx.OfficerTipIds);
        Assert.Equal("대림2동", ctx.Households["H1"].Dong);
    }

    [Fact]
    public async Task KeepsQuarantinedRowsVerbatim()
    {
        var raw = "T9,2024-02-30 10:00,OFF-1,도림동,\"도림로 1, 2층\",,,,고립,N,\"줄바꿈\n포함\"";
        await Store.CommitFileAsync(Some.Batch("q1", quarantine: [new QuarantinedRow("q1", "tips_officer_x.csv", 7, "received_at", "impossible date", raw)]), Ct);
        var q = Assert.Single(await Store.ListQuarantineAsync(Ct));
        Assert.Equal(raw, q.Raw);
        Assert.Equal(7, q.Line);
    }

    [Fact]
    public async Task ReplacesScoresAndWorklistsOfADateInsteadOfAddingToThem()
    {
        var d = new DateOnly(2026, 11, 2);
        HouseholdScore S(string id, double p) => new(d, id, "도림동", "m-1", p, ["관리비 3개월 체납", "1인 가구 60대 남성"]);
        await Store.ReplaceScoresAsync(d, [S("H1", 0.3), S("H2", 0.1)], Ct);
        await Store.ReplaceScoresAsync(d, [S("H1", 0.4)], Ct);
        var scores = await Store.LoadScoresAsync(d, Ct);
        Assert.Equal(0.4, Assert.Single(scores).Probability);
        Assert.Equal(["관리비 3개월 체납", "1인 가구 60대 남성"], scores[0].Reasons);

        WorklistEntry E(int rank, string id) => new(d, "도림동", rank, id, Selection.Exploration, 0.05, "m-1", ["탐색"], 0.02, false,
            new DateTime(2026, 10, 30, 8, 15, 0), 2);
        await Store.ReplaceWorklistAsync(d, [E(1, "H1"), E(2, "H2")], [], Ct);
        await Store.ReplaceWorklistAsync(d, [E(1, "H3")], [], Ct);
        var list = await Store.LoadWorklistAsync(d, Ct);
        Assert.Equal(E(1, "H3") with { Reasons = list[0].Reasons }, Assert.Single(list));
        Assert.Equal(["탐색"], list[0].Reasons);
    }

    [Fact]
    public async Task StoresTheExclusionCountsOfAWorklistDayAndReplacesThemWithIt()
    {
        var mon = new DateOnly(2026, 11, 2);
        var tue = new DateOnly(2026, 11, 3);
        WorklistEntry E(DateOnly d, string id) => new(d, "도림동", 1, id, Selection.Model, 0.3, "m-1", [], 1, false, null, 0);
        ExclusionCount X(DateOnly d, string dong, Exclusion e, int n) => new(d, dong, e, n);

        await Store.ReplaceWorklistAsync(mon, [E(mon, "H1")], [X(mon, "도림동", Exclusion.MovedOut, 4), X(mon, "도림동", Exclusion.CaseManaged, 9)], Ct);
        // The day built again: its entries and its counts are replaced together, zeros kept (a zero is a count, not a gap).
        IReadOnlyList<ExclusionCount> monday =
        [
            X(mon, "도림동", Exclusion.MovedOut, 5), X(mon, "도림동", Exclusion.CaseManaged, 0), X(mon, "도림동", Exclusion.RecentlyListed, 2),
            X(mon, "문래동", Exclusion.CoolOff, 1),
        ];
        await Store.ReplaceWorklistAsync(mon, [E(mon, "H2")], [.. monday.Reverse()], Ct);
        await Store.ReplaceWorklistAsync(tue, [E(tue, "H3")], [X(tue, "도림동", Exclusion.BasicLivelihood, 7)], Ct);

        Assert.Equal(monday, await Store.LoadExclusionCountsAsync(mon, mon, Ct));
        Assert.Equal([.. monday, X(tue, "도림동", Exclusion.BasicLivelihood, 7)], await Store.LoadExclusionCountsAsync(mon, tue, Ct));
        Assert.Equal("H2", Assert.Single(await Store.LoadWorklistAsync(mon, Ct)).HouseholdId);

        // A list stored without counts (a caller that has none) leaves the day without counts, never with the old ones.
        await Store.ReplaceWorklistAsync(tue, [E(tue, "H4")], [], Ct);
        Assert.Empty(await Store.LoadExclusionCountsAsync(tue, tue, Ct));

        // A count of another day is refused and changes nothing.
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceWorklistAsync(mon, [], [X(tue, "도림동", Exclusion.CoolOff, 1)], Ct));
        Assert.Equal(monday, await Store.LoadExclusionCountsAsync(mon, mon, Ct));
        Assert.Equal("H2", Assert.Single(await Store.LoadWorklistAsync(mon, Ct)).HouseholdId);
    }

    [Fact]
    public async Task PromotingAModelRetiresTheFormerChampion()
    {
        ModelRecord M(string v) => new(v, ModelStatus.Challenger, new DateTime(2026, 10, 30, 2, 0, 0), new DateOnly(2026, 10, 29), "{}");
        await Store.SaveModelAsync(M("m-1"), [1, 2, 3], Ct);
        await Store.SaveModelAsync(M("m-2"), [4, 5], Ct);
        await Store.PromoteAsync("m-1", Ct);
        await Store.PromoteAsync("m-2", Ct);
        var models = await Store.ListModelsAsync(Ct);
        Assert.Equal(ModelStatus.Retired, models.Single(m => m.Version == "m-1").Status);
        Assert.Equal(ModelStatus.Champion, models.Single(m => m.Version == "m-2").Status);
        Assert.Equal([4, 5], await Store.LoadModelBytesAsync("m-2", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.PromoteAsync("m-404", Ct));
    }

    [Fact]
    public async Task AJobRunIsStampedInKoreanTimeByTheStoresClock()
    {
        var utc = new DateTimeOffset(2026, 11, 1, 20, 30, 0, TimeSpan.Zero); // 05:30 on Nov 2 in Seoul
        var opening = await StoreFactory.OpenAsync(Db, create: false, Ct, new FakeTimeProvider(utc));
        await using var stamped = opening.Store!;
        Assert.True(await stamped.TryBeginJobRunAsync("worklists", "2026-11-02", Ct));

        await using var c = await ((Sql.SqlStore)stamped).Dialect.OpenConnectionAsync(Ct);
        var started = await Sql.Db.ScalarAsync(c, null, "SELECT started_at FROM job_runs WHERE job = @p0", Ct, "worklists");
        var value = started is DateTime d ? d : DateTime.Parse((string)started!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTime(2026, 11, 2, 5, 30, 0), value);
    }

    [Fact]
    public async Task AJobRunKeyIsDoneOnlyOnce()
    {
        Assert.True(await Store.TryBeginJobRunAsync("score", "2026-11-02", Ct));
        // Not completed (a crash, or another server working on it now): a second claimant takes it over. It is not a
        // lock; the job's work is idempotent by key.
        Assert.True(await Store.TryBeginJobRunAsync("score", "2026-11-02", Ct));
        await Store.CompleteJobRunAsync("score", "2026-11-02", "18 dongs", Ct);
        Assert.False(await Store.TryBeginJobRunAsync("score", "2026-11-02", Ct));
        Assert.True(await Store.TryBeginJobRunAsync("score", "2026-11-03", Ct));
    }

    /// <summary>
    /// The registry's copy is written in place in pieces on SQLite (SqliteDialect.WriteBlobAsync): every byte comes back,
    /// for a copy that is not a whole number of pieces, one that replaces a longer copy of the same state, and an empty
    /// one; a copy of another state is dropped.
    /// </summary>
    [Fact]
    public async Task TheRegistryCopyComesBackByteForByte()
    {
        await Store.MigrateAsync(Ct);
        var large = new byte[(5 << 20) / 2 + 7];
        new Random(11).NextBytes(large);
        await Store.SaveRegistryCacheAsync("s1", large, Ct);
        Assert.Equal(large, await Store.LoadRegistryCacheAsync("s1", Ct));

        var shorter = large.AsSpan(3, 1000).ToArray();
        await Store.SaveRegistryCacheAsync("s1", shorter, Ct);
        Assert.Equal(shorter, await Store.LoadRegistryCacheAsync("s1", Ct));

        await Store.SaveRegistryCacheAsync("s2", [], Ct);
        Assert.Equal(Array.Empty<byte>(), await Store.LoadRegistryCacheAsync("s2", Ct));
        Assert.Null(await Store.LoadRegistryCacheAsync("s1", Ct));
    }

    /// <summary>
    /// A large value (the registry's copy: ~38 MB at 190,000 households; a model) is read without a pooled buffer of its
    /// size: on PostgreSQL, read as a whole buffered row, it got an oversize read buffer from the shared ArrayPool, which
    /// the pool then kept per thread (a national server held 64 MiB per thread it had read a copy on).
    /// </summary>
    [Fact]
    public async Task ALargeValueIsReadWithoutAPooledBufferOfItsSize()
    {
        await Store.MigrateAsync(Ct);
        var large = new byte[20 << 20];
        new Random(12).NextBytes(large);
        await Store.SaveRegistryCacheAsync("s1", large, Ct);
        await Store.SaveModelAsync(new ModelRecord("m-large", ModelStatus.Challenger, new DateTime(2026, 11, 1, 9, 0, 0), new DateOnly(2026, 10, 30), "{}"), large, Ct);

        using var rents = new LargeRents();
        Assert.Equal(large, await Store.LoadRegistryCacheAsync("s1", Ct));
        Assert.Equal(large, await Store.LoadModelBytesAsync("m-large", Ct));
        Assert.Equal(0, rents.Count);
    }

    /// <summary>Counts the buffers of 16 MiB or more rented from any ArrayPool while it listens.</summary>
    sealed class LargeRents : System.Diagnostics.Tracing.EventListener
    {
        int count;
        public int Count => Volatile.Read(ref count);

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "System.Buffers.ArrayPoolEventSource") EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName != "BufferRented" || e.PayloadNames is not { } names) return;
            if (e.Payload![names.IndexOf("bufferSize")] is int size && size >= 16 << 20) Interlocked.Increment(ref count);
        }
    }

    [Fact]
    public async Task PurgeBlanksOldPersonalDataButKeepsTheFacts()
    {
        var jan = new DateOnly(2025, 1, 31);
        var jun = new DateOnly(2026, 6, 30);
        await Store.CommitFileAsync(Some.Batch("p1",
            households: [Some.Household("H1", jan), Some.Household("H1", jun)],
            tips: [Some.Tip("OLD", new DateTime(2025, 2, 1, 9, 0, 0)), Some.Tip("NEW", new DateTime(2026, 9, 1, 9, 0, 0))]), Ct);
        WorklistEntry Entry(DateOnly day) => new(day, "문래동", 1, "H1", Selection.Tip, 0.4, "m1", ["제보 어제(2/1 일), 편의점 신고: \"우편물이 쌓여 있음\""], 1, false, null, 1);
        await Store.ReplaceWorklistAsync(new DateOnly(2025, 2, 3), [Entry(new DateOnly(2025, 2, 3))], [], Ct);
        await Store.ReplaceWorklistAsync(new DateOnly(2026, 9, 2), [Entry(new DateOnly(2026, 9, 2))], [], Ct);
        var touched = await Store.PurgePersonalDataAsync(new DateOnly(2026, 1, 1), Ct);
        Assert.Equal(3, touched);
        Assert.Empty(Assert.Single(await Store.LoadWorklistAsync(new DateOnly(2025, 2, 3), Ct)).Reasons);
        Assert.Single(Assert.Single(await Store.LoadWorklistAsync(new DateOnly(2026, 9, 2), Ct)).Reasons);
        var data = await Store.LoadDistrictAsync(new DateOnly(2026, 10, 1), Ct);
        var old = data.Tips.Single(t => t.TipId == "OLD");
        Assert.Equal("", old.Note);
        Assert.Null(old.SubjectName);
        Assert.Equal("H1", old.HouseholdId);
        Assert.NotEqual("", data.Tips.Single(t => t.TipId == "NEW").Note);
        async Task<HouseholdContact> ContactAsync(DateOnly snapshot) =>
            (await Store.LoadContactsAsync([data.HouseholdVersions.Single(h => h.SnapshotDate == snapshot)], Ct))["H1"];
        Assert.Equal(new HouseholdContact("H1", jan, "", "", null), await ContactAsync(jan));
        Assert.Equal("김철수", (await ContactAsync(jun)).HeadName);
        Assert.Equal(0, await Store.PurgePersonalDataAsync(new DateOnly(2026, 1, 1), Ct));
    }
}

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    readonly TempDir dir = new();
    int databases;
    protected override Task<string> CreateDbAsync() => Task.FromResult(dir.File($"blindspot{++databases}.db"));
    public void Dispose() => dir.Dispose();
}

public sealed class PostgresStoreTests : StoreContractTests
{
    protected override async Task<string> CreateDbAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
}
