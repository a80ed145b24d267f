using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

public sealed class UsersCommandTests : IDisposable
{
    readonly TempDir dir = new();
    string Db => dir.File("bs.db");

    // Only ingest and run create a store (docs/operations.md): the accounts go into one that exists.
    public UsersCommandTests() => StoreFactory.OpenAsync(Db, default).GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public async Task AddsAnAccountWithAHashedPasswordReadFromStandardInput()
    {
        var added = await Cli.RunWithInputAsync("correct horse battery\n", "users", "add", "--username", "Dorim1", "--role", "dong", "--dong", "도림동", "--password-stdin", "--db", Db);
        Assert.Equal(0, added.ExitCode);

        await using var store = await StoreFactory.OpenAsync(Db, default);
        var a = await store.FindAccountAsync("dorim1", default);
        Assert.Equal((Role.Dong, "도림동", false), (a!.Role, a.Dong, a.Disabled));
        Assert.DoesNotContain("correct horse battery", a.PasswordHash, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", a.PasswordHash, StringComparison.Ordinal); // PasswordHasher v3 format (PBKDF2)
        var audit = Assert.Single(await store.ListAuditAsync(new AuditQuery(), default));
        // The admin's audit page shows the detail as stored: the role in the words staff use.
        Assert.Equal((AuditActions.AccountAdded, "도림동", "dorim1 (동 주민센터)"), (audit.Action, audit.Dong, audit.Detail));

        var list = await Cli.RunAsync("users", "list", "--db", Db);
        Assert.Contains("dorim1", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", list.Output, StringComparison.Ordinal);
        // Columns line up in a terminal: a Hangul syllable takes two cells.
        var header = list.Output.Split('\n')[0];
        var row = list.Output.Split('\n').Single(l => l.StartsWith("dorim1", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("status", StringComparison.Ordinal), row.IndexOf("active", StringComparison.Ordinal) + "도림동".Length);
    }

    [Fact]
    public async Task RefusesAPasswordOnTheCommandLineAShortOneAndADongAccountWithoutItsDong()
    {
        Assert.Equal(2, (await Cli.RunWithInputAsync("correct horse battery", "users", "add", "--username", "plan1", "--role", "planner", "--db", Db)).ExitCode);
        var shortPassword = await Cli.RunWithInputAsync("short", "users", "add", "--username", "plan1", "--role", "planner", "--password-stdin", "--db", Db);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("10자 이상", shortPassword.Error, StringComparison.Ordinal);
        var noDong = await Cli.RunWithInputAsync("correct horse battery", "users", "add", "--username", "dong1", "--role", "dong", "--password-stdin", "--db", Db);
        Assert.Equal(1, noDong.ExitCode);
        Assert.Contains("--dong", noDong.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunWithInputAsync("correct horse battery", "users", "add", "--username", "x9z", "--role", "root", "--password-stdin", "--db", Db)).ExitCode);

        await using var store = await StoreFactory.OpenAsync(Db, default);
        Assert.Empty(await store.ListAccountsAsync(default));
    }

    [Fact]
    public async Task DisablesAnAccount()
    {
        await Cli.RunWithInputAsync("correct horse battery", "users", "add", "--username", "plan1", "--role", "planner", "--password-stdin", "--db", Db);
        Assert.Equal(0, (await Cli.RunAsync("users", "disable", "plan1", "--db", Db)).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("users", "disable", "nobody", "--db", Db)).ExitCode);
        await using var store = await StoreFactory.OpenAsync(Db, default);
        Assert.True((await store.FindAccountAsync("plan1", default))!.Disabled);
    }

    [Fact]
    public async Task WebRefusesPlainHttpOnAPublicAddress()
    {
        var r = await Cli.RunAsync("web", "--urls", "http://0.0.0.0:5080", "--db", Db);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--behind-proxy", r.Error, StringComparison.Ordinal);
    }

    public void Dispose() => dir.Dispose();
}
