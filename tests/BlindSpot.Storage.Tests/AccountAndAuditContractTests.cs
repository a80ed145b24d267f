using System.Data.Common;
using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Storage.Tests;

/// <summary>The web application's part of the storage contract (accounts, the append-only audit table, the job-run
/// ledger listing), against both real engines.</summary>
public abstract class AccountAndAuditContractTests : IAsyncLifetime
{
    protected IBlindSpotStore Store { get; private set; } = null!;
    static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<string> CreateDbAsync();

    public async Task InitializeAsync() => Store = await StoreFactory.OpenAsync(await CreateDbAsync(), Ct);

    public async Task DisposeAsync() => await Store.DisposeAsync();

    static Account Some(string username, Role role = Role.Dong, string? dong = "도림동") =>
        new(username, role, dong, "AQAAAAIAAYagAAAAE-hash", false, 0, null, new DateTime(2026, 11, 30, 9, 0, 0));

    [Fact]
    public async Task AddsAnAccountOnceAndReadsItBack()
    {
        var a = Some("dorim1");
        Assert.True(await Store.AddAccountAsync(a, Ct));
        Assert.False(await Store.AddAccountAsync(a with { Role = Role.Admin, Dong = null }, Ct));
        Assert.Equal(a, await Store.FindAccountAsync("dorim1", Ct));
        Assert.Null(await Store.FindAccountAsync("nobody", Ct));
        await Store.AddAccountAsync(Some("admin", Role.Admin, null), Ct);
        Assert.Equal(["admin", "dorim1"], (await Store.ListAccountsAsync(Ct)).Select(x => x.Username));
    }

    [Fact]
    public async Task DisablesAnAccountAndKeepsTheLockoutCounter()
    {
        await Store.AddAccountAsync(Some("dorim1"), Ct);
        Assert.True(await Store.SetAccountDisabledAsync("dorim1", true, Ct));
        Assert.False(await Store.SetAccountDisabledAsync("nobody", true, Ct));
        var until = new DateTime(2026, 11, 30, 9, 15, 0);
        await Store.UpdateSignInStateAsync("dorim1", 5, until, Ct);
        var read = await Store.FindAccountAsync("dorim1", Ct);
        Assert.True(read!.Disabled);
        Assert.Equal(5, read.FailedSignIns);
        Assert.Equal(until, read.LockedUntil);
    }

    [Fact]
    public async Task ListsAuditEntriesNewestFirstWithFilters()
    {
        var t = new DateTime(2026, 11, 30, 9, 0, 0);
        await Store.AppendAuditAsync(new AuditEntry(t, "dorim1", AuditActions.SignIn, "도림동", [], null), Ct);
        await Store.AppendAuditAsync(new AuditEntry(t.AddMinutes(1), "dorim1", AuditActions.ViewWorklist, "도림동", ["H1", "H2"], "2026-12-01"), Ct);
        await Store.AppendAuditAsync(new AuditEntry(t.AddMinutes(2), "planner1", AuditActions.SignIn, null, [], null), Ct);

        var all = await Store.ListAuditAsync(new AuditQuery(), Ct);
        Assert.Equal(["planner1", "dorim1", "dorim1"], all.Select(e => e.Username));
        Assert.Equal(["H1", "H2"], all[1].HouseholdIds);
        Assert.Equal("2026-12-01", all[1].Detail);

        Assert.Equal(2, (await Store.ListAuditAsync(new AuditQuery(Username: "dorim1"), Ct)).Count);
        Assert.Single(await Store.ListAuditAsync(new AuditQuery(Action: AuditActions.ViewWorklist, Dong: "도림동"), Ct));
        Assert.Equal(["planner1"], (await Store.ListAuditAsync(new AuditQuery(From: t.AddMinutes(2)), Ct)).Select(e => e.Username));
        Assert.Single(await Store.ListAuditAsync(new AuditQuery(To: t.AddMinutes(1)), Ct));
        Assert.Single(await Store.ListAuditAsync(new AuditQuery(Limit: 1), Ct));
    }

    [Fact]
    public async Task RefusesToChangeOrDeleteAuditEntries()
    {
        await Store.AppendAuditAsync(new AuditEntry(new DateTime(2026, 11, 30, 9, 0, 0), "dorim1", AuditActions.SignIn, null, [], null), Ct);
        var sql = (Sql.SqlStore)Store;
        await using var c = await sql.Dialect.OpenConnectionAsync(Ct);
        await Assert.ThrowsAnyAsync<DbException>(() => Sql.Db.ExecAsync(c, null, "UPDATE audit_log SET username = 'someone'", Ct));
        await Assert.ThrowsAnyAsync<DbException>(() => Sql.Db.ExecAsync(c, null, "DELETE FROM audit_log", Ct));
        Assert.Equal("dorim1", Assert.Single(await Store.ListAuditAsync(new AuditQuery(), Ct)).Username);
    }

    [Fact]
    public async Task ListsTheJobRunLedgerNewestFirst()
    {
        Assert.True(await Store.TryBeginJobRunAsync("score", "2026-11-02", Ct));
        await Store.CompleteJobRunAsync("score", "2026-11-02", "12000 scored", Ct);
        Assert.True(await Store.TryBeginJobRunAsync("worklists", "2026-11-03", Ct));
        var runs = await Store.ListJobRunsAsync(10, Ct);
        Assert.Equal(2, runs.Count);
        var score = Assert.Single(runs, r => r.Job == "score");
        Assert.Equal(("completed", "12000 scored"), (score.Status, score.Summary));
        Assert.NotNull(score.CompletedAt);
        Assert.Equal("running", Assert.Single(runs, r => r.Job == "worklists").Status);
    }
}

public sealed class SqliteAccountAndAuditTests : AccountAndAuditContractTests, IDisposable
{
    readonly TempDir dir = new();
    protected override Task<string> CreateDbAsync() => Task.FromResult(dir.File("blindspot.db"));
    public void Dispose() => dir.Dispose();
}

public sealed class PostgresAccountAndAuditTests : AccountAndAuditContractTests
{
    protected override async Task<string> CreateDbAsync() => await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
}
