using System.Globalization;
using System.CommandLine;
using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Time;
using BlindSpot.Cli.Hosting;
using BlindSpot.Core.Storage;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Hosting;
using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Commands;

/// <summary>`users add --username U --role R [--dong D] --password-stdin`, `users list`, `users disable U` (accounts of the web application).</summary>
internal static class UsersCommand
{
    public static Command Create(TextWriter output, TextWriter error, TextReader input)
    {
        var users = new Command("users", "Manages the web application's accounts (roles planner, dong, analyst, admin). There are no default accounts.");
        users.Subcommands.Add(Add(output, error, input));
        users.Subcommands.Add(List(output, error));
        users.Subcommands.Add(Disable(output, error));
        return users;
    }

    static Command Add(TextWriter output, TextWriter error, TextReader input)
    {
        var username = new Option<string>("--username") { Description = "Sign-in name: lower-case letters, digits, . _ -, 3 to 32 characters.", Required = true };
        var role = new Option<string>("--role") { Description = "planner, dong, analyst or admin.", Required = true };
        var dong = new Option<string?>("--dong") { Description = "The one dong a dong account serves (e.g. 도림동)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (required: passwords never go on the command line)." };
        var db = CommonOptions.Db();
        var command = new Command("add", "Adds an account; its password is read from standard input and stored hashed (PasswordHasher).") { username, role, dong, passwordStdin, db };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                await error.WriteLineAsync("--password-stdin이 필요합니다: 암호는 표준 입력으로 넣으세요 (명령줄에 쓰면 다른 사용자와 셸 기록에 보입니다).");
                return CliApp.UsageError;
            }
            if (Roles.Parse(parse.GetValue(role)) is not { } r)
            {
                await error.WriteLineAsync("--role은 planner, dong, analyst, admin 가운데 하나여야 합니다.");
                return CliApp.UsageError;
            }
            var password = (await input.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct,
                addMore: services => services.AddBlindSpotAccounts());
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            var accounts = app.Get<AccountService>();
            var name = parse.GetValue(username)!.Trim().ToLowerInvariant();
            if (await accounts.AddAsync(name, r, parse.GetValue(dong), password, ct) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return CliApp.Failed;
            }
            var added = await store.FindAccountAsync(name, ct);
            await store.AppendAuditAsync(new AuditEntry(Kst.Now(app.Get<TimeProvider>()), "(cli)", AuditActions.AccountAdded, added!.Dong, [], $"{name} ({Roles.Korean(r)})"), ct);
            await output.WriteLineAsync($"Added {name} ({Roles.Name(r)}{(added.Dong is { } d ? ", " + d : "")}).");
            return CliApp.Ok;
        });
        return command;
    }

    static Command List(TextWriter output, TextWriter error)
    {
        var db = CommonOptions.Db();
        var command = new Command("list", "Lists the accounts (no password hashes).") { db };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct);
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            var all = await store.ListAccountsAsync(ct);
            if (all.Count == 0)
            {
                await output.WriteLineAsync("(no accounts)");
                return CliApp.Ok;
            }
            var table = new ConsoleTable().Column("username").Column("role").Column("dong").Column("status")
                .Column("failed", numeric: true).Column("locked_until");
            foreach (var a in all)
                table.Row(a.Username, Roles.Name(a.Role), a.Dong ?? "-", a.Disabled ? "disabled" : "active",
                    a.FailedSignIns.ToString(CultureInfo.InvariantCulture), a.LockedUntil?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-");
            await output.WriteAsync(table.Render());
            return CliApp.Ok;
        });
        return command;
    }

    static Command Disable(TextWriter output, TextWriter error)
    {
        var username = new Argument<string>("username") { Description = "The account to disable (it can no longer sign in; its audit rows stay)." };
        var db = CommonOptions.Db();
        var command = new Command("disable", "Disables an account.") { username, db };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(username)!.Trim().ToLowerInvariant();
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct);
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            if (!await store.SetAccountDisabledAsync(name, true, ct))
            {
                await error.WriteLineAsync($"그런 이름의 계정이 없습니다: {name}.");
                return CliApp.Failed;
            }
            await store.AppendAuditAsync(new AuditEntry(Kst.Now(app.Get<TimeProvider>()), "(cli)", AuditActions.AccountDisabled, null, [], name), ct);
            await output.WriteLineAsync($"Disabled {name}.");
            return CliApp.Ok;
        });
        return command;
    }
}
