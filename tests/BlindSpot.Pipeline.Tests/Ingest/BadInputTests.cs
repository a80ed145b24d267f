using System.Runtime.InteropServices;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Outcomes;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Text;
using BlindSpot.Csv.Ingest;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>
/// Bad input and clerk mistakes (issue 10), each with real files in a real inbox, on both engines: nothing blocks the
/// other files, nothing valid is lost, nothing is echoed, and the next run goes on.
/// </summary>
public abstract class BadInputTests : IAsyncLifetime
{
    readonly IngestFixture fx = new();
    IBlindSpotStore store = null!;
    static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<string> CreateDbAsync(string root);

    public async Task InitializeAsync() => store = await StoreFactory.OpenAsync(await CreateDbAsync(fx.Root), Ct);

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        fx.Dispose();
    }

    const string HouseholdHeader = "household_id,dong,address,head_name,head_birth_year,head_sex,members,housing_type,tenure,moved_in,basic_livelihood,case_managed\n";
    static string Household(string id, string movedIn = "2000-01-01", string address = "") =>
        $"{id},도림동,{(address.Length > 0 ? address : "도림로 " + id[1..])},홍길동,1960,M,1,단독,자가,{movedIn},N,N\n";
    static string Households(int from, int count) =>
        HouseholdHeader + string.Concat(Enumerable.Range(from, count).Select(i => Household($"H{i}")));
    const string OutcomeHeader = "household_id,visited_on,result,services,worker_id\n";

    Task<IngestReport> IngestAsync(IngestOptions? options = null, IBlindSpotStore? over = null) =>
        new IngestService(over ?? store, new ListLogger(), new FakeTimeProvider(IngestFixture.Now), Parts.Feeds, Parts.Output, Parts.Tips, options).IngestInboxAsync(fx.Inbox, fx.Quarantine, Ct);

    void Write(string name, string text) => fx.Write(name, text);
    void WriteBytes(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(fx.Inbox, name), bytes);

    static IngestFileResult Of(IngestReport r, string name) => r.Files.Single(f => f.FileName == name);

    [Fact]
    public async Task QuarantinesNulAndControlCharactersOnBothEnginesAndGoesOn()
    {
        Write("households_20240430.csv", HouseholdHeader + Household("H1") + Household("H2", address: "도림로\0 2") + Household("H3", address: "도림로\u0007 3"));
        Write("tips_hotline_202404.csv", "call_id,called_at,reporter_type,dong,address,note\nC1,2024-04-02 10:00,이웃,도림동,도림로 1,혼자 지냄\0\nC2,2024-04-02 11:00,이웃,도림동,도림로 1,괜찮음\n");

        var report = await IngestAsync();

        Assert.DoesNotContain(report.Files, f => f.IsFailure);
        var households = Of(report, "households_20240430.csv").Ledger!;
        Assert.Equal((3, 1, 2), (households.RowsRead, households.Accepted, households.Quarantined));
        var quarantine = await store.ListQuarantineAsync(Ct);
        Assert.Equal(3, quarantine.Count);
        Assert.All(quarantine, q => Assert.StartsWith("잘못된 문자", q.Reason));
        Assert.Contains(quarantine, q => q.Raw.Contains('\u2400')); // NUL kept visibly as ␀, storable in PostgreSQL
        Assert.DoesNotContain(quarantine, q => q.Raw.Contains('\0'));
        Assert.Single((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Tips);
        Assert.All((await IngestAsync()).Files, f => Assert.Equal(IngestFileStatus.Skipped, f.Status));
    }

    [Fact]
    public async Task QuarantinesDatesBeforeNineteenHundredOrImplausiblyOldAndRefusesSuchASnapshotName()
    {
        Write("households_20240430.csv", HouseholdHeader + Household("H1") + Household("H2", movedIn: "0001-01-01") + Household("H3", movedIn: "18991231"));
        Write("households_00010101.csv", Households(10, 2));
        Write("outcomes_202404.csv", OutcomeHeader + "H1,0001-01-01,발굴,,W1\nH1,00010101,발굴,,W1\nH1,2003-01-01,발굴,,W1\nH1,2024-04-10,발굴,,W1\n");
        Write("tips_officer_202404.csv", "tip_id,received_at,officer_id,dong,address,category,note\nT1,0001-01-01 10:00,O1,도림동,도림로 1,고립,메모\nT2,2024-04-01 10:00,O1,도림동,도림로 1,고립,메모\n");
        Write("crisis_202404.csv", "household_id,reference_month,indicator,value\nH1,0001-01,단전,1\nH1,2024-03,단전,1\n");

        var report = await IngestAsync();

        Assert.Equal(IngestFileStatus.Rejected, Of(report, "households_00010101.csv").Status);
        Assert.Contains("너무 이릅니다", Of(report, "households_00010101.csv").Message);
        Assert.Equal((1, 2), (Of(report, "households_20240430.csv").Ledger!.Accepted, Of(report, "households_20240430.csv").Ledger!.Quarantined));
        Assert.Equal((1, 3), (Of(report, "outcomes_202404.csv").Ledger!.Accepted, Of(report, "outcomes_202404.csv").Ledger!.Quarantined));
        Assert.Equal((1, 1), (Of(report, "tips_officer_202404.csv").Ledger!.Accepted, Of(report, "tips_officer_202404.csv").Ledger!.Quarantined));
        Assert.Equal((1, 1), (Of(report, "crisis_202404.csv").Ledger!.Accepted, Of(report, "crisis_202404.csv").Ledger!.Quarantined));
        Assert.All(await store.ListQuarantineAsync(Ct), q => Assert.Contains("너무 이릅니다", q.Reason));
        var district = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        Assert.All(district.Outcomes, o => Assert.Equal(2024, o.VisitedOn.Year));
    }

    [Fact]
    public async Task KeepsUtf8WithAStrayByteAndQuarantinesOnlyItsRow()
    {
        var text = Encoding.UTF8.GetBytes(HouseholdHeader + string.Concat(Enumerable.Range(1, 50).Select(i => Household($"H{i}"))));
        var at = Array.IndexOf(text, (byte)'\n', Array.IndexOf(text, (byte)'\n', Array.IndexOf(text, (byte)'\n') + 1) + 1) - 3; // inside line 3
        var bytes = text.Take(at).Append((byte)0xE9).Concat(text.Skip(at)).ToArray();
        WriteBytes("households_20240430.csv", bytes);

        var ledger = Of(await IngestAsync(), "households_20240430.csv").Ledger!;

        Assert.Equal("utf-8", ledger.Encoding);
        Assert.Equal((50, 49, 1), (ledger.RowsRead, ledger.Accepted, ledger.Quarantined));
        var q = Assert.Single(await store.ListQuarantineAsync(Ct));
        Assert.Equal(3, q.Line);
        Assert.Equal(TextGuard.InvalidCharacterReason, q.Reason);
        Assert.Contains(ledger.Notes, n => n.Contains("UTF-8로 읽을 수 없는 바이트 1개"));
    }

    [Fact]
    public async Task CountsASnapshotPartWhoseBytesEqualAnEarlierPartForItsNewDate()
    {
        Write("households_20240331_part1.csv", Households(1, 10));
        Write("households_20240331_part2.csv", Households(11, 10));
        await IngestAsync();
        File.Delete(Path.Combine(fx.Inbox, "households_20240331_part1.csv"));
        File.Delete(Path.Combine(fx.Inbox, "households_20240331_part2.csv"));
        Write("households_20240430_part1.csv", Households(1, 9) + Household("H30"));
        Write("households_20240430_part2.csv", Households(11, 10)); // byte-identical to March's part 2

        var report = await IngestAsync();

        Assert.Equal(IngestFileStatus.Ingested, Of(report, "households_20240430_part2.csv").Status);
        var april = await store.LoadDistrictAsync(new DateOnly(2024, 4, 30), Ct);
        Assert.Equal(["H10"], april.Households.Where(h => h.MovedOut).Select(h => h.HouseholdId));
        Assert.Equal(21, april.Households.Count);
    }

    [Fact]
    public async Task RefusesASnapshotThatWouldMoveTooManyOutSaysHowManyAndTakesItWhenConfirmedOrCompleted()
    {
        Write("households_20240131.csv", Households(1, 100));
        await IngestAsync();
        Write("households_correction.csv", Households(1, 5)); // dated by the day of ingest: 95 of 100 would move out

        var refused = Of(await IngestAsync(), "households_correction.csv");

        Assert.Equal(IngestFileStatus.Rejected, refused.Status);
        Assert.Contains("100세대 중 95세대", refused.Message);
        Assert.Contains("--confirm-moved-out", refused.Message);
        Assert.DoesNotContain((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Households, h => h.MovedOut);
        Assert.Equal(IngestFileStatus.Skipped, Of(await IngestAsync(), "households_correction.csv").Status); // refused then, not again

        // A refused file is never remembered as known: the same bytes under the name the message asks for are read again.
        File.Move(Path.Combine(fx.Inbox, "households_correction.csv"), Path.Combine(fx.Inbox, "households_20240430_part1.csv"));
        Write("households_20240430_part2.csv", Households(6, 95));
        var completed = await IngestAsync();
        Assert.Equal(IngestFileStatus.Ingested, Of(completed, "households_20240430_part1.csv").Status);
        Assert.Equal(IngestFileStatus.Ingested, Of(completed, "households_20240430_part2.csv").Status);
        Assert.DoesNotContain((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Households, h => h.MovedOut);

        Write("households_20240501.csv", Households(1, 50));
        Assert.Equal(IngestFileStatus.Rejected, Of(await IngestAsync(), "households_20240501.csv").Status);
        Assert.Equal(IngestFileStatus.Ingested, Of(await IngestAsync(new IngestOptions { ConfirmMovedOut = true }), "households_20240501.csv").Status);
        Assert.Equal(50, (await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Households.Count(h => h.MovedOut));
    }

    [Fact]
    public async Task LeavesFilesBeingWrittenForALaterRun()
    {
        Write("households_20240430.csv", Households(1, 3));
        Write("tips_officer_202404.csv.part", "tip_id,received_at,officer_id,dong,address,category,note\nT1,2024-04-01 10:00,O1,도림동,도림로 1,고립,메모\n");

        var waiting = await IngestAsync(new IngestOptions { QuietPeriod = TimeSpan.FromHours(1) });

        Assert.Equal(IngestFileStatus.Deferred, Of(waiting, "households_20240430.csv").Status);
        Assert.Equal(IngestFileStatus.Ignored, Of(waiting, "tips_officer_202404.csv.part").Status);
        Assert.False(waiting.AnyFailure);
        Assert.Empty(await store.ListFilesAsync(Ct));
        Assert.Equal(IngestFileStatus.Ingested, Of(await IngestAsync(), "households_20240430.csv").Status);
    }

    [Fact]
    public async Task AFileReadWhileItWasWrittenLeavesNoCutValueBehind()
    {
        Write("households_20240430.csv", Households(1, 3));
        // The export was read while it was being written: the last value cut after its first digit (`1` of `12`),
        // no line break after it. The row has every field and passes every check.
        const string header = "reference_month,household_id,indicator,value\n";
        Write("crisis_202404.csv", header + "2024-04,H1,HEALTH_INS_ARREARS,3\n2024-04,H2,HEALTH_INS_ARREARS,1");

        var cut = Of(await IngestAsync(), "crisis_202404.csv").Ledger!;

        Assert.Equal((2, 1, 1), (cut.RowsRead, cut.Accepted, cut.Quarantined));
        var held = Assert.Single(await store.ListQuarantineAsync(Ct), q => q.FileName == "crisis_202404.csv");
        Assert.Equal(3, held.Line);
        Assert.StartsWith(IngestFileReader.UnfinishedLastRowReason, held.Reason);

        // The complete file arrives under the same name: the first row is a duplicate, the whole value is stored.
        Write("crisis_202404.csv", header + "2024-04,H1,HEALTH_INS_ARREARS,3\n2024-04,H2,HEALTH_INS_ARREARS,12\n");
        var complete = Of(await IngestAsync(), "crisis_202404.csv").Ledger!;
        Assert.Equal((2, 1, 1, 0), (complete.RowsRead, complete.Accepted, complete.Duplicate, complete.Quarantined));
        var h2 = Assert.Single((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Crisis, c => c.HouseholdId == "H2");
        Assert.Equal(12m, h2.Value);

        // A file whose writer is long done may end without a line break: its last row is read like any other.
        Write("crisis_202403.csv", header + "2024-03,H3,HEALTH_INS_ARREARS,4");
        File.SetLastWriteTimeUtc(Path.Combine(fx.Inbox, "crisis_202403.csv"), DateTime.UtcNow.AddHours(-2));
        Assert.Equal((1, 1, 0), Of(await IngestAsync(), "crisis_202403.csv").Ledger! is var old ? (old.RowsRead, old.Accepted, old.Quarantined) : default);
    }

    [Fact]
    public async Task CorrectsAVisitResultOnlyWhenMarkedKeepsTheHistoryAndQuarantinesAConflict()
    {
        Write("households_20240430.csv", Households(1, 3));
        Write("outcomes_20240411.csv", OutcomeHeader + "H1,2024-04-10,부재,,W1\nH2,2024-04-10,비해당,,W1\n");
        await IngestAsync();
        Write("outcomes_20240412.csv", OutcomeHeader + "H1,2024-04-10,발굴,,W1\nH2,2024-04-10,비해당,,W1\n");

        var conflict = Of(await IngestAsync(), "outcomes_20240412.csv").Ledger!;

        Assert.Equal((0, 1, 1), (conflict.Accepted, conflict.Duplicate, conflict.Quarantined));
        Assert.Contains(await store.ListQuarantineAsync(Ct), q => q.Reason == OutcomeAdmission.ConflictReason && q.Column == "result");
        Write("outcomes_20240413.csv", "household_id,visited_on,result,services,worker_id,정정\nH1,2024-04-10,발굴,긴급지원,W1,Y\n");

        var corrected = Of(await IngestAsync(), "outcomes_20240413.csv").Ledger!;

        Assert.Equal(1, corrected.Accepted);
        var outcome = Assert.Single((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Outcomes, o => o.HouseholdId == "H1");
        Assert.Equal((VisitResult.Discovered, "긴급지원"), (outcome.Result, outcome.Services));
        var history = Assert.Single(await store.ListOutcomeHistoryAsync(Ct));
        Assert.Equal(VisitResult.Absent, history.Replaced.Result);
        Assert.Equal(corrected.Sha256, history.ReplacedBySha256);
    }

    [Fact]
    public async Task QuarantinesAnOutcomeForAHouseholdTheRegistryDoesNotKnow()
    {
        Write("households_20240430.csv", Households(1, 3));
        Write("outcomes_202404.csv", OutcomeHeader + "H1,2024-04-10,발굴,,W1\nH9,2024-04-10,발굴,,W1\n");

        var ledger = Of(await IngestAsync(), "outcomes_202404.csv").Ledger!;

        Assert.Equal((1, 1), (ledger.Accepted, ledger.Quarantined));
        var q = Assert.Single(await store.ListQuarantineAsync(Ct));
        Assert.Equal(("household_id", OutcomeAdmission.UnknownHouseholdReason), (q.Column, q.Reason));
        Assert.DoesNotContain((await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Outcomes, o => o.HouseholdId == "H9");
    }

    [Fact]
    public async Task AFileThatFailsUnexpectedlyIsReportedNotRecordedAndRetriedWhileTheOthersGoOn()
    {
        Write("households_20240430.csv", Households(1, 3));
        Write("outcomes_202404.csv", OutcomeHeader + "H1,2024-04-10,발굴,,W1\n");
        Write("crisis_202403.csv", "household_id,reference_month,indicator,value\nH1,2024-03,단전,1\n");

        var report = await IngestAsync(over: new FailingStore(store, "outcomes_202404.csv"));

        var failed = Of(report, "outcomes_202404.csv");
        Assert.Equal(IngestFileStatus.Failed, failed.Status);
        Assert.Contains("다음 실행에서 다시 시도합니다", failed.Message);
        Assert.True(report.AnyFailure);
        Assert.Equal(IngestFileStatus.Ingested, Of(report, "crisis_202403.csv").Status);
        Assert.DoesNotContain(await store.ListFilesAsync(Ct), f => f.FileName == "outcomes_202404.csv");

        Assert.Equal(IngestFileStatus.Ingested, Of(await IngestAsync(), "outcomes_202404.csv").Status);
    }

    [Fact]
    public async Task AFileReadWhileTheFailingFileBeforeItWasCommittedIsReadAgainWithoutIt()
    {
        // A file's commit runs while the next file is read, against a context that already holds the committing file's
        // rows: when that commit fails, the next file must come out as if read after the failure (its rows accepted,
        // not counted as duplicates of rows that were never stored).
        Write("households_20240430.csv", Households(1, 3));
        Write("crisis_202403_a.csv", "household_id,reference_month,indicator,value\nH1,2024-03,단전,1\nH2,2024-03,단수,1\n");
        Write("crisis_202403_b.csv", "household_id,reference_month,indicator,value\nH1,2024-03,단전,1\nH3,2024-03,단전,1\n");
        Write("crisis_202403_c.csv", "household_id,reference_month,indicator,value\nH2,2024-03,단수,1\nH3,2024-03,단전,1\n");

        var report = await IngestAsync(over: new FailingStore(store, "crisis_202403_a.csv"));

        Assert.Equal(IngestFileStatus.Failed, Of(report, "crisis_202403_a.csv").Status);
        var b = Of(report, "crisis_202403_b.csv").Ledger!;
        Assert.Equal((2, 0), (b.Accepted, b.Duplicate));
        var c = Of(report, "crisis_202403_c.csv").Ledger!;
        Assert.Equal((1, 1), (c.Accepted, c.Duplicate)); // H3 came with b; H2 only with a, which was not stored
        Assert.Equal(["crisis_202403_b.csv", "crisis_202403_c.csv", "households_20240430.csv"],
            (await store.ListFilesAsync(Ct)).Select(f => f.FileName).Order(StringComparer.Ordinal));
        var crisis = (await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct)).Crisis.Select(x => x.HouseholdId).Order(StringComparer.Ordinal);
        Assert.Equal(["H1", "H2", "H3"], crisis);

        var again = Of(await IngestAsync(), "crisis_202403_a.csv").Ledger!;
        Assert.Equal((0, 2), (again.Accepted, again.Duplicate));
    }

    [Fact]
    public async Task AFileWithTheBytesOfTheFileBeingCommittedIsSkippedAsThatFile()
    {
        const string rows = "household_id,reference_month,indicator,value\nH1,2024-03,단전,1\n";
        Write("households_20240430.csv", Households(1, 3));
        Write("crisis_202403.csv", rows);
        Write("crisis_202403_copy.csv", rows);

        var report = await IngestAsync();

        Assert.Equal(IngestFileStatus.Ingested, Of(report, "crisis_202403.csv").Status);
        var copy = Of(report, "crisis_202403_copy.csv");
        Assert.Equal(IngestFileStatus.Skipped, copy.Status);
        Assert.Equal("crisis_202403.csv", copy.Ledger!.FileName);
    }

    [Fact]
    public async Task ReportsOddInboxEntriesWithASafeNameAndNeverFollowsThem()
    {
        Write("households_20240430.csv", Households(1, 3));
        File.CreateSymbolicLink(Path.Combine(fx.Inbox, "tips_officer_dangling.csv"), Path.Combine(fx.Root, "nowhere.csv"));
        File.CreateSymbolicLink(Path.Combine(fx.Inbox, "crisis_zero.csv"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(fx.Inbox, "outcomes_passwd.csv"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(fx.Inbox, "households_20240430_same.csv"), Path.Combine(fx.Inbox, "households_20240430.csv"));
        Assert.Equal(0, Native.mkfifo(Path.Combine(fx.Inbox, "tips_hotline_fifo.csv"), Convert.ToUInt32("600", 8)));
        var cp949Name = Encoding.UTF8.GetBytes(fx.Inbox + "/").Concat(new byte[] { 0xB0, 0xA1 }).Concat(Encoding.ASCII.GetBytes("_crisis.csv")).Append((byte)0).ToArray();
        var fd = Native.creat(cp949Name, Convert.ToUInt32("600", 8));
        Assert.True(fd >= 0);
        Native.close(fd);
        // .NET cannot name a file whose name is not UTF-8, so the fixture's Directory.Delete leaves it (and its folder) in
        // /tmp: removed here by its bytes, whatever the test's end.
        try
        {
            await OddEntriesAsync();
        }
        finally
        {
            Native.unlink(cp949Name);
        }
    }

    async Task OddEntriesAsync()
    {
        Write("tips_officer_800101-1234567.csv", "tip_id\n");

        var report = await IngestAsync();

        Assert.Equal(IngestFileStatus.Ingested, Of(report, "households_20240430.csv").Status);
        Assert.Equal(IngestFileStatus.Skipped, Of(report, "households_20240430_same.csv").Status); // a link inside the inbox is read
        foreach (var name in new[] { "tips_officer_dangling.csv", "crisis_zero.csv", "outcomes_passwd.csv", "tips_hotline_fifo.csv", "??_crisis.csv", "tips_officer_******-*******.csv" })
            Assert.Equal(IngestFileStatus.Failed, Of(report, name).Status);
        Assert.All(report.Files, f => Assert.True(TextGuard.IsSafeFileName(f.FileName)));
        Assert.DoesNotContain(report.Files, f => f.FileName.Contains("1234567"));
        Assert.Single(await store.ListFilesAsync(Ct));
        Assert.Equal(6, (await IngestAsync()).Files.Count(f => f.Status == IngestFileStatus.Failed)); // the next run goes on the same way
    }

    /// <summary>Two registry snapshots: March, and April in two parts that overlap (duplicates across parts), with a bad row and a row twice.</summary>
    void WriteTwoSnapshots()
    {
        Write("households_20240331.csv", Households(1, 40));
        Write("households_20240430_part1.csv", Households(1, 25) + "H26,도림동,도림로 26,홍길동,1960,X,1,단독,자가,2000-01-01,N,N\n");
        Write("households_20240430_part2.csv", Households(20, 26) + Household("H30"));
        Write("crisis_202404.csv", "household_id,reference_month,indicator,value\nH1,2024-04,단전,1\nH45,2024-04,단수,1\n");
    }

    async Task<(IngestReport Report, string State, List<string> Log)> IngestSnapshotsAsync(bool ahead, string? failing = null)
    {
        var dir = Directory.CreateTempSubdirectory("blindspot-ahead-");
        var into = await StoreFactory.OpenAsync(await CreateDbAsync(dir.FullName), Ct);
        try
        {
            var log = new ListLogger();
            var report = await new IngestService(failing is null ? into : new FailingStore(into, failing), log, new FakeTimeProvider(IngestFixture.Now),
                Parts.Feeds, Parts.Output, Parts.Tips, new IngestOptions { ReadSnapshotsAhead = ahead }).IngestInboxAsync(fx.Inbox, fx.Quarantine, Ct);
            return (report, await IngestFixture.StateAsync(into), log.Messages);
        }
        finally
        {
            await into.DisposeAsync();
            dir.Delete(recursive: true); // a store of the test's households: not left in the machine's temp folder
        }
    }

    static IEnumerable<string> Statuses(IngestReport r) => r.Files.Select(f => $"{f.FileName} {f.Status} {f.Ledger?.Accepted} {f.Ledger?.Duplicate} {f.Ledger?.Quarantined}");

    [Fact]
    public async Task ANextSnapshotReadAheadStoresWhatReadingItAfterTheOneBeforeStores()
    {
        WriteTwoSnapshots();

        var (aheadReport, aheadState, aheadLog) = await IngestSnapshotsAsync(ahead: true);
        var (report, state, log) = await IngestSnapshotsAsync(ahead: false);

        Assert.Equal(Statuses(report), Statuses(aheadReport));
        Assert.Equal(state, aheadState);
        var part2 = Of(aheadReport, "households_20240430_part2.csv").Ledger!;
        Assert.Equal((20, 7, 0), (part2.Accepted, part2.Duplicate, part2.Quarantined)); // H20-H25 came with part 1, H30 twice
        // Both April parts were taken as read ahead (while March was committed); March itself was read at its turn.
        Assert.Equal(["households_20240430_part1.csv", "households_20240430_part2.csv"],
            aheadLog.Where(m => m.StartsWith("Took ", StringComparison.Ordinal)).Select(m => m.Split(' ')[1]));
        Assert.DoesNotContain(log, m => m.StartsWith("Took ", StringComparison.Ordinal) || m.StartsWith("Reading ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASnapshotReadAheadIsReadAgainWhenTheCommitBeforeItFailed()
    {
        // March's commit fails after April's parts were read ahead against the context March was in: the ingest loads
        // the context again, and April is read again against it.
        WriteTwoSnapshots();

        var (aheadReport, aheadState, aheadLog) = await IngestSnapshotsAsync(ahead: true, failing: "households_20240331.csv");
        var (report, state, _) = await IngestSnapshotsAsync(ahead: false, failing: "households_20240331.csv");

        Assert.Equal(IngestFileStatus.Failed, Of(aheadReport, "households_20240331.csv").Status);
        Assert.Equal(IngestFileStatus.Ingested, Of(aheadReport, "households_20240430_part2.csv").Status);
        Assert.Equal(Statuses(report), Statuses(aheadReport));
        Assert.Equal(state, aheadState);
        Assert.DoesNotContain(aheadLog, m => m.StartsWith("Took ", StringComparison.Ordinal));
        Assert.Equal(["households_20240430_part1.csv", "households_20240430_part2.csv"],
            aheadLog.Where(m => m.StartsWith("Reading ", StringComparison.Ordinal)).Select(m => m.Split(' ')[1]));
    }

    /// <summary>A store whose commit of one named file fails as an engine might (the others go through).</summary>
    sealed class FailingStore(IBlindSpotStore inner, string failing) : StoreDecorator(inner)
    {
        public override Task<bool> CommitFileAsync(IngestBatch batch, CancellationToken ct) =>
            batch.File.FileName == failing ? throw new IOException("simulated storage failure") : base.CommitFileAsync(batch, ct);
    }

    static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int creat(byte[] path, uint mode);

        [DllImport("libc")]
        public static extern int close(int fd);

        [DllImport("libc")]
        public static extern int unlink(byte[] path);
    }
}

public sealed class SqliteBadInputTests : BadInputTests
{
    protected override Task<string> CreateDbAsync(string root) => Task.FromResult(Path.Combine(root, "blindspot.db"));
}

public sealed class PostgresBadInputTests : BadInputTests
{
    protected override async Task<string> CreateDbAsync(string root) => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
}
