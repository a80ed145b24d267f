using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Storage.Tests;

/// <summary>Visit notes typed on the web: stored with their outcome, read by their own dong only, purged with the rest, against both engines.</summary>
public abstract class VisitNoteContractTests : IAsyncLifetime
{
    protected IBlindSpotStore Store { get; private set; } = null!;
    static readonly CancellationToken Ct = CancellationToken.None;
    static readonly DateOnly Visit = new(2026, 11, 2);
    static readonly DateTime Written = new(2026, 11, 2, 15, 30, 0);

    protected abstract Task<string> CreateDbAsync();

    public async Task InitializeAsync()
    {
        Store = await StoreFactory.OpenAsync(await CreateDbAsync(), Ct);
        await Store.CommitFileAsync(Some.Batch("sha-registry", households: [Some.Household("H1", new DateOnly(2026, 10, 1)), Some.Household("H2", new DateOnly(2026, 10, 1))]), Ct);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    static VisitNote Note(string household, string text, bool correction = false, string dong = "도림동", DateOnly? visit = null) =>
        new(household, visit ?? Visit, dong, text, "dorim1", correction ? Written.AddHours(1) : Written, correction);

    static Core.Ingest.IngestBatch Result(string sha, string household, VisitResult result, VisitNote? note, bool correction = false, DateOnly? visit = null)
    {
        var outcome = new Outcome(household, visit ?? Visit, result, "긴급지원", "dorim1");
        var batch = Some.Batch(sha) with { File = Some.File(sha, Feed.Outcomes) };
        batch = correction ? batch with { OutcomeCorrections = [outcome] } : batch with { Outcomes = [outcome] };
        return note is null ? batch : batch with { VisitNotes = [note] };
    }

    [Fact]
    public async Task StoresANoteWithItsOutcomeAndKeepsTheCorrectionsNoteBesideIt()
    {
        Assert.True(await Store.CommitFileAsync(Result("sha-1", "H1", VisitResult.Absent, Note("H1", "문 앞에 우편물이 쌓여 있음.\n이웃: 2주째 못 봤다고 함")), Ct));
        Assert.True(await Store.CommitFileAsync(Result("sha-2", "H1", VisitResult.Discovered, Note("H1", "재방문: 단전 예고장 확인", correction: true), correction: true), Ct));
        Assert.True(await Store.CommitFileAsync(Result("sha-3", "H2", VisitResult.NotInCrisis, null), Ct));

        var notes = await Store.LoadVisitNotesAsync("도림동", ["H1", "H2"], Ct);
        Assert.Equal([Note("H1", "문 앞에 우편물이 쌓여 있음.\n이웃: 2주째 못 봤다고 함"), Note("H1", "재방문: 단전 예고장 확인", correction: true)], notes);
        Assert.Equal(VisitResult.Discovered, Assert.Single((await Store.LoadDistrictAsync(Visit, Ct)).Outcomes, o => o.HouseholdId == "H1").Result);
    }

    [Fact]
    public async Task AnotherDongReadsNoneOfTheNotes()
    {
        await Store.CommitFileAsync(Result("sha-1", "H1", VisitResult.Absent, Note("H1", "이웃 말로는 혼자 지냄")), Ct);
        Assert.Empty(await Store.LoadVisitNotesAsync("대림2동", ["H1"], Ct));
        Assert.Empty(await Store.LoadVisitNotesAsync("도림동", ["H2"], Ct));
        Assert.Single(await Store.LoadVisitNotesAsync("도림동", ["H1"], Ct));
    }

    [Fact]
    public async Task ANoteIsNeverStoredWithoutItsOutcome()
    {
        await Store.CommitFileAsync(Result("sha-1", "H1", VisitResult.Absent, Note("H1", "첫 메모")), Ct);
        // The same bytes again (another server committed them meanwhile): nothing of the batch is written, its note neither.
        Assert.False(await Store.CommitFileAsync(Result("sha-1", "H1", VisitResult.Absent, Note("H1", "둘째 메모")), Ct));
        Assert.Equal(["첫 메모"], (await Store.LoadVisitNotesAsync("도림동", ["H1"], Ct)).Select(n => n.Text));
    }

    [Fact]
    public async Task RetentionBlanksTheWordsOfOldNotesAndKeepsTheVisit()
    {
        var old = new DateOnly(2025, 3, 4);
        await Store.CommitFileAsync(Result("sha-1", "H1", VisitResult.Absent, Note("H1", "오래된 메모", visit: old), visit: old), Ct);
        await Store.CommitFileAsync(Result("sha-2", "H2", VisitResult.Absent, Note("H2", "새 메모")), Ct);
        Assert.True(await Store.PurgePersonalDataAsync(new DateOnly(2026, 1, 1), Ct) >= 1);
        Assert.Equal(["H2"], (await Store.LoadVisitNotesAsync("도림동", ["H1", "H2"], Ct)).Select(n => n.HouseholdId));
        Assert.Contains((await Store.LoadDistrictAsync(Visit, Ct)).Outcomes, o => o.HouseholdId == "H1" && o.VisitedOn == old);
    }

    [Fact]
    public async Task AStoreOfTheAccountsVersionGainsTheNotesTable()
    {
        await using var v4 = StoreFactory.Unmigrated(await CreateDbAsync());
        await v4.MigrateAsync(4, Ct);
        await v4.MigrateAsync(Ct);
        Assert.Equal(Schema.Migrations.Latest, await v4.SchemaVersionAsync(Ct));
        Assert.Empty(await v4.LoadVisitNotesAsync("도림동", ["H1"], Ct));
    }
}

public sealed class SqliteVisitNoteTests : VisitNoteContractTests, IDisposable
{
    readonly TempDir dir = new();
    int databases;
    protected override Task<string> CreateDbAsync() => Task.FromResult(dir.File($"blindspot{++databases}.db"));
    public void Dispose() => dir.Dispose();
}

public sealed class PostgresVisitNoteTests : VisitNoteContractTests
{
    protected override async Task<string> CreateDbAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
}
