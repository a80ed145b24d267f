using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Core.Text;

namespace BlindSpot.Cli.Commands;

/// <summary>`worklists --date D --out DIR [--db DB] [--as-of D] [--holidays FILE] [--exploration-share X] [--json]`.</summary>
internal static class WorklistsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var date = CommonOptions.Date("--date", "The business day the worklists are for");
        date.Required = true;
        var outDir = new Option<string>("--out") { Description = "Output folder: files go to DIR/worklists/<date>/<dong>.csv.", Required = true };
        var asOf = CommonOptions.Date("--as-of", "Use what was known by the end of this day (default: the day before --date)");
        var holidays = new Option<string?>("--holidays") { Description = "A file of extra holidays (election days, temporary holidays) added to the computed Korean public holidays; overrides BlindSpot:Calendar:HolidaysFile." };
        var share = new Option<double?>("--exploration-share") { Description = "Expected share of each list drawn at random (탐색); overrides BlindSpot:Worklists:ExplorationShare (default 0.05)." }
            .InRange(0d, 1d);
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var command = new Command("worklists", "Writes the day's worklist of each of the 18 dongs (UTF-8 with BOM, Korean headers) and stores why each household was chosen.")
        {
            date, outDir, asOf, holidays, share, db, json,
        };
        command.Validators.Add(r =>
        {
            // A usage error (exit 2) before any store is opened; the use case checks the same for its other callers.
            if (r.ValueOrDefault(asOf) is { } a && r.ValueOrDefault(date) is { } d && a >= d)
                r.AddError("--as-of는 --date보다 앞선 날이어야 합니다: 명단은 그 전날까지 알려진 것으로 만듭니다.");
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([
                CommonOptions.DbFlag(parse, db),
                new(BlindSpotKeys.HolidaysFile, parse.GetValue(holidays)),
                new(BlindSpotKeys.ExplorationShare, parse.GetValue(share)?.ToString("R", CultureInfo.InvariantCulture)),
            ]), ct);
            if (app is null) return CliApp.UsageError;
            var result = await app.Get<WorklistService>().BuildAsync(parse.GetValue(date)!.Value, parse.GetValue(asOf), parse.GetValue(outDir)!, ct);
            if (!result.Succeeded) { await error.WriteLineAsync(result.Error); return CliApp.Failed; }

            if (parse.GetValue(json)) await output.WriteLineAsync(JsonSerializer.Serialize(result, CommonOptions.JsonStyle));
            else await output.WriteAsync(Format(result));
            return CliApp.Ok;
        });
        return command;
    }

    static string Format(WorklistResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!r.IsBusinessDay) return string.Create(inv, $"{r.Date:yyyy-MM-dd} is not a business day (weekend or public holiday): no worklists.\n");
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Create(inv, $"Worklists for {r.Date:yyyy-MM-dd} from what was known by the end of {r.AsOf:yyyy-MM-dd}"));
        sb.AppendLine(r.Mode == ScoringMode.Model
            ? string.Create(inv, $"Ranked by model {r.ModelVersion} (scores as of {r.ScoresAsOf:yyyy-MM-dd})")
            : "No model scores: ranked by tips and the rules score (count of recent crisis indicators)");
        sb.AppendLine("dong          capacity  listed  urgent  over  exploration");
        foreach (var d in r.Dongs)
            sb.AppendLine(string.Create(inv, $"{TerminalText.PadRight(d.Dong, 13)} {d.Capacity,8}  {d.Listed,6}  {d.Urgent,6}  {d.OverCapacity,4}  {d.Exploration,11}"));
        sb.AppendLine(string.Create(inv, $"{TerminalText.PadRight("합계", 13)} {r.Dongs.Sum(d => d.Capacity),8}  {r.Listed,6}  {r.Dongs.Sum(d => d.Urgent),6}  {r.Dongs.Sum(d => d.OverCapacity),4}  {r.Dongs.Sum(d => d.Exploration),11}"));
        sb.AppendLine(string.Create(inv, $"Kept off the lists: {r.ExcludedText}"));
        if (r.Dongs.Count > 0) sb.AppendLine($"Files: {Path.GetDirectoryName(r.Dongs[0].File)}");
        return sb.ToString();
    }
}
