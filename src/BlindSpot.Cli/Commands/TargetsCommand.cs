using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Time;
using BlindSpot.Cli.Terminal;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;

namespace BlindSpot.Cli.Commands;

/// <summary>`targets --year Y [--as-of D] [--out DIR] [--db DB] [--rate R] [--json]`.</summary>
internal static class TargetsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var year = new Option<int>("--year") { Description = "The target year, e.g. 2026.", Required = true }
            .InRange(DateWindows.FirstAsOf.Year, DateWindows.LastAsOf.Year);
        var asOf = CommonOptions.Date("--as-of", "Count discoveries visited up to this day (default: today in KST, or Dec 31 for a past year)");
        var outDir = new Option<string?>("--out") { Description = "Also write DIR/targets/<year>.csv." };
        var rate = new Option<decimal?>("--rate") { Description = "Target = ceil(rate x last year's discoveries); overrides BlindSpot:Targets:Rate (default 1.10)." }
            .InRange(0.01m, 10m);
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("targets", "Shows each dong's discoveries against its +10% target (pace, projection, status) with the district total.")
        {
            year, asOf, outDir, rate, db, json,
        };
        command.Validators.Add(r =>
        {
            // A year that has not started on the as-of day has nothing to count: a usage error (exit 2), no store opened.
            var day = r.ValueOrDefault(asOf) ?? Kst.Today(TimeProvider.System);
            if (r.ValueOrDefault(year) is var y && day.Year < y && y >= DateWindows.FirstAsOf.Year && y <= DateWindows.LastAsOf.Year)
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{y}년은 기준일 {day:yyyy-MM-dd}에 아직 시작되지 않았습니다: --year나 --as-of를 확인하세요."));
        });
        command.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) ?? Kst.Today(TimeProvider.System);
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([
                CommonOptions.DbFlag(parse, db),
                new(BlindSpotKeys.TargetRate, parse.GetValue(rate)?.ToString(CultureInfo.InvariantCulture)),
            ]), ct);
            if (app is null) return CliApp.UsageError;
            var result = await app.Get<TargetsService>().ReportAsync(parse.GetValue(year), day, parse.GetValue(outDir), ct);
            if (!result.Succeeded) { await error.WriteLineAsync(result.Error); return CliApp.Failed; }

            if (parse.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CommonOptions.JsonStyle));
            else
            {
                await output.WriteAsync(TargetTable.Format(result.Report!));
                if (result.File is not null) await output.WriteLineAsync($"파일: {result.File}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
