using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Cli.Terminal;

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
        if (!r.IsBusinessDay) return string.Create(inv, $"{r.Date:yyyy-MM-dd}은(는) 업무일이 아닙니다 (주말 또는 공휴일): 방문 목록을 만들지 않았습니다.\n");
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(string.Create(inv, $"방문 목록 {r.Date:yyyy-MM-dd} ({r.AsOf:yyyy-MM-dd}까지 알려진 자료로)"));
        sb.AppendLine(r.Mode == ScoringMode.Model
            ? string.Create(inv, $"순위: 모델 {r.ModelVersion}의 점수 ({r.ScoresAsOf:yyyy-MM-dd} 기준)")
            : "모델 점수가 없어 제보와 규칙 점수(최근 위기정보 건수)로 순위를 정했습니다");
        var table = new ConsoleTable().Column("동").Column("방문 가능", numeric: true).Column("선정", numeric: true)
            .Column("긴급", numeric: true).Column("초과", numeric: true).Column("탐색", numeric: true);
        foreach (var d in r.Dongs)
            table.Row(d.Dong, N(d.Capacity), N(d.Listed), N(d.Urgent), N(d.OverCapacity), N(d.Exploration));
        table.Rule().Row("합계", N(r.Dongs.Sum(d => d.Capacity)), N(r.Listed), N(r.Dongs.Sum(d => d.Urgent)),
            N(r.Dongs.Sum(d => d.OverCapacity)), N(r.Dongs.Sum(d => d.Exploration)));
        sb.Append(table.Render());
        sb.AppendLine(string.Create(inv, $"목록에서 뺀 세대: {r.ExcludedText}"));
        if (r.Dongs.Count > 0) sb.AppendLine($"파일: {Path.GetDirectoryName(r.Dongs[0].File)}");
        return sb.ToString();
        string N(int n) => n.ToString(inv);
    }
}
