using System.CommandLine;
using BlindSpot.Model.UseCases;
using BlindSpot.Cli.Hosting;

namespace BlindSpot.Cli.Commands;

/// <summary>`promote VERSION [--db DB] [--by NAME] [--reason TEXT]`: an analyst makes a model the champion (or rolls back to an earlier one).</summary>
internal static class PromoteCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var version = new Argument<string>("version") { Description = "The model version to make champion (see `models`)." };
        var db = CommonOptions.Db();
        var by = new Option<string>("--by") { Description = "Who decides (kept on the model card; default: the user name)" };
        var reason = new Option<string>("--reason") { Description = "Why (kept on the model card)" };
        var command = new Command("promote", "Makes a model version the champion; the former champion is retired. Roll back by promoting an earlier version.")
        {
            version, db, by, reason,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct);
            if (app is null) return CliApp.UsageError;
            var report = await app.Get<ModelRegistryService>().PromoteAsync(parse.GetValue(version)!,
                parse.GetValue(by) ?? Environment.UserName, parse.GetValue(reason) ?? "no reason given", ct);
            await (report.Succeeded ? output : error).WriteLineAsync(report.Message);
            return report.Succeeded ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }
}
