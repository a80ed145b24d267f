using System.CommandLine;
using System.Text.Json;
using BlindSpot.Core.Time;
using BlindSpot.Model.Registry;
using BlindSpot.Model.UseCases;
using BlindSpot.Cli.Hosting;

namespace BlindSpot.Cli.Commands;

/// <summary>`score [--as-of D] [--db DB] [--json]`: scores every eligible household with the champion and stores the scores with reasons.</summary>
internal static class ScoreCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var asOf = CommonOptions.Date("--as-of", "Score as of the end of this day (default: today in Asia/Seoul)");
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("score", "Scores every household living in the district with the champion model and stores probabilities and reasons.")
        {
            asOf, db, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) ?? Kst.Today(TimeProvider.System);
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct);
            if (app is null) return CliApp.UsageError;
            var report = await app.Get<ScoreService>().ScoreAsync(day, ct);
            if (parse.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CommonOptions.JsonStyle));
            else if (report.Succeeded)
                await output.WriteLineAsync($"Scored {report.Scored} households as of {report.AsOf:yyyy-MM-dd} with {report.ModelVersion} " +
                                            $"(features {report.FeatureSeconds:F1} s, scoring {report.ScoringSeconds:F1} s).");
            if (report.Succeeded) return CliApp.Ok;
            await error.WriteLineAsync($"점수를 매기지 않았습니다: {report.Failure}");
            return CliApp.Failed;
        });
        return command;
    }
}
