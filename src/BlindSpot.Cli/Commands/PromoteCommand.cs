using System.CommandLine;
using BlindSpot.Pipeline.Modeling;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Cli.Commands;

/// <summary>`promote VERSION [--db DB]`: an analyst makes a model the champion (or rolls back to an earlier one).</summary>
internal static class PromoteCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var version = new Argument<string>("version") { Description = "The model version to make champion (see `models`)." };
        var db = CommonOptions.Db();
        var command = new Command("promote", "Makes a model version the champion; the former champion is retired. Roll back by promoting an earlier version.")
        {
            version, db,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var logs = CliLogging.Create();
            await using var store = await StoreFactory.OpenAsync(CommonOptions.ResolveDb(parse.GetValue(db)), ct);
            var report = await new ModelRegistryService(store, logs.CreateLogger<ModelRegistryService>(), TimeProvider.System)
                .PromoteAsync(parse.GetValue(version)!, ct);
            await (report.Succeeded ? output : error).WriteLineAsync(report.Message);
            return report.Succeeded ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }
}
