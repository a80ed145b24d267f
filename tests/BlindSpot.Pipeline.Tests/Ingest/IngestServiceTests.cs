using BlindSpot.Core.Domain;
using BlindSpot.Pipeline.Ingest;

namespace BlindSpot.Pipeline.Tests.Ingest;

public sealed class IngestServiceTests : IDisposable
{
    readonly IngestFixture fx = new();
    static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => fx.Dispose();

    [Fact]
    public async Task AccountsForEveryRowOfEveryFileInTheLedgerTheStoreAndTheQuarantineFolder()
    {
        fx.Copy(IngestFixture.District);
        await using var store = await IngestFixture.OpenAsync(fx.Db());

        var report = await fx.IngestAsync(store);

        Assert.False(report.AnyFailure);
        Assert.All(report.Files, f => Assert.Equal(IngestFileStatus.Ingested, f.Status));
        var ledger = await store.ListFilesAsync(Ct);
        Assert.Equal(IngestFixture.District.Length, ledger.Count);
        Assert.All(ledger, f => Assert.Equal(f.RowsRead, f.Accepted + f.Duplicate + f.Quarantined));
        var quarantine = await store.ListQuarantineAsync(Ct);
        Assert.Equal(ledger.Sum(f => f.Quarantined), quarantine.Count);
        foreach (var f in report.Files.Where(f => f.Ledger!.Quarantined > 0))
        {
            var lines = await File.ReadAllLinesAsync(f.QuarantineFile!, Ct);
            Assert.Equal(Path.Combine(fx.Quarantine, $"{f.Ledger!.Sha256[..12]}_{f.FileName}"), f.QuarantineFile);
            Assert.Equal(string.Join(',', BlindSpot.Csv.Output.QuarantineCsvWriter.Headers), lines[0].TrimStart('\uFEFF'));
            Assert.Equal(f.Ledger.Quarantined, quarantine.Count(q => q.FileSha256 == f.Ledger.Sha256));
        }
        var district = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        Assert.Equal(ledger.Sum(f => f.Accepted), district.HouseholdVersions.Count + district.Crisis.Count + district.Tips.Count
            + district.Outcomes.Count + district.Capacity.Count + district.Baselines.Count);
    }

    [Fact]
    public async Task MatchesTipsAndCrisisRowsToHouseholdsOfTheSameInbox()
    {
        // "crisis" and "tips" sort before "households": the households must still be committed first.
        fx.Copy("crisis_202403.csv", "tips_officer_202404.csv", "households_20240430.csv");
        await using var store = await IngestFixture.OpenAsync(fx.Db());

        var report = await fx.IngestAsync(store);

        Assert.Equal("households_20240430.csv", report.Files[0].FileName);
        var district = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        Assert.Equal(4, district.Crisis.Count);
        Assert.Equal(MatchMethod.AddressAndName, district.Tips.Single(t => t.TipId == "T3").Match);
        Assert.Equal("H004", district.Tips.Single(t => t.TipId == "T3").HouseholdId);
    }

    [Fact]
    public async Task ChangesNothingWhenTheSameBytesComeAgainUnderAnotherName()
    {
        fx.Copy(IngestFixture.District);
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        await fx.IngestAsync(store);
        var before = await IngestFixture.StateAsync(store);
        File.Copy(Path.Combine(fx.Inbox, "tips_officer_202404.csv"), Path.Combine(fx.Inbox, "tips_officer_resent.csv"));

        var again = await fx.IngestAsync(store);

        Assert.All(again.Files, f => Assert.Equal(IngestFileStatus.Skipped, f.Status));
        Assert.Equal("tips_officer_202404.csv", again.Files.Single(f => f.FileName == "tips_officer_resent.csv").Ledger!.FileName);
        Assert.Equal(before, await IngestFixture.StateAsync(store));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public async Task EndsLikeOneCleanRunWhenCancelledAfterACommitAndRunAgain(int commits)
    {
        fx.Copy(IngestFixture.District);
        var clean = await CleanStateAsync();
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var logger = new ListLogger(m => { if (m.StartsWith("Ingested ") && ++seen == commits) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fx.IngestAsync(store, logger, ct: cts.Token));
        // The parts of one snapshot date are committed (and logged) together: the run stops after the commit that holds
        // the chosen file, with every file it logged as ingested in the ledger.
        Assert.True(seen >= commits);
        Assert.Equal(seen, (await store.ListFilesAsync(Ct)).Count);
        await fx.IngestAsync(store);

        Assert.Equal(clean, await IngestFixture.StateAsync(store));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public async Task AFileThatFailsInsideTheRunIsReportedAndTheNextRunEndsLikeOneCleanRun(int reads)
    {
        fx.Copy(IngestFixture.District);
        var clean = await CleanStateAsync();
        await using var store = await IngestFixture.OpenAsync(fx.Db());

        // The clock is read once at the start and once per file, before its commit: the failure lands in between.
        var report = await fx.IngestAsync(store, clock: new CrashingClock(reads));
        var failed = Assert.Single(report.Files, f => f.Status == IngestFileStatus.Failed);
        Assert.Contains("InvalidOperationException", failed.Message);
        Assert.Equal(IngestFixture.District.Length - 1, (await store.ListFilesAsync(Ct)).Count);
        await fx.IngestAsync(store);

        Assert.Equal(clean, await IngestFixture.StateAsync(store));
    }

    async Task<string> CleanStateAsync()
    {
        await using var clean = await IngestFixture.OpenAsync(fx.Db("clean.db"));
        await fx.IngestAsync(clean);
        return await IngestFixture.StateAsync(clean);
    }

    [Fact]
    public async Task KeepsEveryHouseholdSnapshotAndMarksHouseholdsMissingFromANewerOneAsMovedOut()
    {
        const string header = "household_id,dong,address,head_name,head_birth_year,head_sex,members,housing_type,tenure,moved_in,basic_livelihood,case_managed\n";
        static string Row(string id) => $"{id},도림동,도림로 {id[1..]},홍길동,1960,M,1,단독,자가,2000-01-01,N,N\n";
        fx.Write("households_20240131.csv", header + Row("H1") + Row("H2") + Row("H3"));
        fx.Write("households_20240430_part1.csv", header + Row("H1"));
        fx.Write("households_20240430_part2.csv", header + Row("H2"));
        await using var store = await IngestFixture.OpenAsync(fx.Db());

        // One of three moving out is far above the 5% guard: confirmed, as an operator would.
        await fx.IngestAsync(store, options: new IngestOptions { ConfirmMovedOut = true });

        var april = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        Assert.Equal(5, april.HouseholdVersions.Count);
        Assert.Equal([("H1", false), ("H2", false), ("H3", true)], april.Households.Select(h => (h.HouseholdId, h.MovedOut)));
        var february = await store.LoadDistrictAsync(new DateOnly(2024, 2, 1), Ct);
        Assert.All(february.Households, h => Assert.False(h.MovedOut));
    }

    [Fact]
    public async Task RecordsAWholeFileRejectionAndFailsTheRun()
    {
        fx.Copy("outcomes_missing_column.csv", "households_rrn_header.csv", "capacity.csv");
        fx.Write("tips_officr_202404.csv", "tip_id\nX\n");
        fx.Write("notes.txt", "not a feed");
        await using var store = await IngestFixture.OpenAsync(fx.Db());

        var report = await fx.IngestAsync(store);

        Assert.True(report.AnyFailure);
        var status = report.Files.ToDictionary(f => f.FileName, f => f.Status);
        Assert.Equal(IngestFileStatus.Rejected, status["outcomes_missing_column.csv"]);
        Assert.Equal(IngestFileStatus.Rejected, status["households_rrn_header.csv"]);
        Assert.Equal(IngestFileStatus.Ingested, status["capacity.csv"]);
        Assert.Equal(IngestFileStatus.Unrecognised, status["tips_officr_202404.csv"]);
        Assert.Equal(IngestFileStatus.Ignored, status["notes.txt"]);
        var district = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        Assert.Empty(district.HouseholdVersions);
        Assert.Empty(district.Outcomes);
        Assert.Contains(await store.ListFilesAsync(Ct), f => f.FileName == "households_rrn_header.csv" && f.Rejected);

        var again = await fx.IngestAsync(store);
        Assert.Equal(IngestFileStatus.Skipped, again.Files.Single(f => f.FileName == "outcomes_missing_column.csv").Status);
    }

    [Fact]
    public async Task NeverLogsPersonalData()
    {
        fx.Copy(IngestFixture.District);
        fx.Copy("tips_officer_rrn_value.csv");
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        var logger = new ListLogger();

        await fx.IngestAsync(store, logger);

        var district = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), Ct);
        // A district's versions carry no contact details: the store gives those of every version, snapshot by snapshot.
        var contacts = new List<HouseholdContact>();
        foreach (var snapshot in district.HouseholdVersions.GroupBy(h => h.SnapshotDate))
            contacts.AddRange((await store.LoadContactsAsync(snapshot.ToList(), Ct)).Values);
        Assert.NotEmpty(contacts);
        var personal = contacts.SelectMany(h => new[] { h.HeadName, h.Address, h.Phone })
            .Concat(district.Tips.SelectMany(t => new[] { t.Address, t.SubjectName, t.Phone, t.Note }))
            .Append("800101-1234567")
            .OfType<string>().Where(s => s.Length >= 2).Distinct().ToList();
        Assert.NotEmpty(logger.Messages);
        foreach (var message in logger.Messages)
            foreach (var value in personal)
                Assert.DoesNotContain(value, message);
    }

    [Fact]
    public void APartReadAheadIsTakenOnlyAgainstTheSameContextHoldingTheSameKeysOfItsDateOnTheSameDay()
    {
        var date = new DateOnly(2024, 4, 30);
        var context = new Core.Ingest.IngestContext();
        context.HouseholdSnapshotKeys.Add(Core.Ingest.IngestKeys.Household("H1", date));
        context.HouseholdSnapshotKeys.Add(Core.Ingest.IngestKeys.Household("H1", date.AddDays(-30))); // another date's keys do not count
        var readAt = new DateTime(2024, 5, 1, 9, 0, 0);
        var batch = Core.Ingest.IngestBatch.Empty(new Core.Ingest.FileLedgerEntry("x", "households_20240430.csv", Core.Contract.Feed.Households, "utf-8", 0, 0, 0, 0, null, [], readAt));
        var part = new IngestService.AheadPart(new InboxEntry("households_20240430.csv", null, Core.Contract.Feed.Households, null), "x", batch, context, date, 1, readAt, 0);

        Assert.True(part.ReadAsThisWouldBe(context, readAt.AddHours(14)));
        Assert.False(part.ReadAsThisWouldBe(context, readAt.AddHours(15))); // midnight passed: dates are checked against another day
        Assert.False(part.ReadAsThisWouldBe(new Core.Ingest.IngestContext(), readAt)); // the context was loaded again
        context.HouseholdSnapshotKeys.Add(Core.Ingest.IngestKeys.Household("H2", date.AddDays(1)));
        Assert.True(part.ReadAsThisWouldBe(context, readAt));
        context.HouseholdSnapshotKeys.Add(Core.Ingest.IngestKeys.Household("H2", date)); // a key of its date came meanwhile
        Assert.False(part.ReadAsThisWouldBe(context, readAt));
    }
}

/// <summary>
/// A clock that fails on its n-th reading: a crash inside the run. Hand-made on purpose: FakeTimeProvider (used for
/// the stopped clocks) gives a time on every reading and cannot stand for a crash.
/// </summary>
internal sealed class CrashingClock(int failOnRead) : TimeProvider
{
    int reads;
    public override DateTimeOffset GetUtcNow() =>
        ++reads == failOnRead ? throw new InvalidOperationException("simulated crash") : IngestFixture.Now;
}
