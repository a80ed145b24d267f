using BlindSpot.Hosting.Composition;
using BlindSpot.Core.Contract;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlindSpot.Core.Time;
using BlindSpot.Cli.Hosting;
using BlindSpot.Core.Storage;
using BlindSpot.Pipeline.Run;
using BlindSpot.Core.Worklists;
using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Commands;

/// <summary>
/// `run --inbox DIR --out DIR [--as-of D] [--db DB] [--json]`: the main job. Ingest everything new, train a first
/// champion if none exists, score as of D, write the worklists of the next business day after D and the targets.
/// Exit 0 when every step did its work, 1 when an inbox file was rejected whole (every other step still ran) or a
/// step failed, 2 on usage errors.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inbox = new Option<string>("--inbox") { Description = "The inbox folder of CSV drops (the five feeds and the configuration).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Where worklists/<date>/<dong>.csv and targets/<year>.csv are written.", Required = true };
        var asOf = CommonOptions.Date("--as-of", "Score with what was known by the end of this day (default: today in Asia/Seoul)");
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var confirmMovedOut = new Option<bool>("--confirm-moved-out")
        {
            Description = "Take household snapshots even when they mark more of the district as moved out than the guard allows (5% a month since the previous snapshot).",
        };
        var command = new Command("run", "The main job: ingest -> (first) model -> score as of D -> worklists for the next business day -> targets.")
        {
            inbox, outDir, asOf, db, json, confirmMovedOut,
        };
        command.SetAction(async (parse, ct) =>
        {
            var inboxDir = parse.GetValue(inbox)!;
            if (!Directory.Exists(inboxDir))
            {
                await error.WriteLineAsync($"--inbox 폴더가 없습니다: {inboxDir}");
                return CliApp.UsageError;
            }
            var day = parse.GetValue(asOf) ?? Kst.Today(TimeProvider.System); // a given --as-of was checked against DateWindows by its parser
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([
                CommonOptions.DbFlag(parse, db),
                new(BlindSpotKeys.ConfirmMovedOut, parse.GetValue(confirmMovedOut) ? "true" : null),
                new(BlindSpotKeys.Inbox, inboxDir), // checked against the quarantine folder (BlindSpotOptions.Validate)
            ]), ct, createStore: true);
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            var report = await LiveStatus.RunAsync(output, "수집 중", show =>
                app.Get<RunService>().RunAsync(inboxDir, parse.GetValue(outDir)!, app.Options.QuarantineDir, day, new StepShown(show), ct));

            if (parse.GetValue(json)) await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(report, store.Engine), CommonOptions.JsonStyle));
            else await output.WriteAsync(Format(report, store.Engine));
            return report.Succeeded ? CliApp.Ok : CliApp.Failed;
        });
        return command;
    }

    static object ToJson(RunReport r, string engine) => new
    {
        asOf = r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        engine,
        succeeded = r.Succeeded,
        ingest = new
        {
            filesIngested = r.FilesIngested, filesSkipped = r.FilesSkipped, filesRejected = r.FilesFailed,
            rowsRead = r.RowsRead, accepted = r.RowsAccepted, duplicate = r.RowsDuplicate, quarantined = r.RowsQuarantined,
            rejected = r.Ingest.Files.Where(f => f.IsFailure).Select(f => new { file = f.FileName, reason = f.Ledger?.RejectedReason ?? f.Message }),
            quarantineDirectory = r.Ingest.QuarantineDirectory,
        },
        model = new
        {
            version = r.ModelVersion,
            trainedNow = r.Training?.Version,
            trainingFailure = r.Training?.Failure,
            promoted = r.Training?.Promoted,
            scored = r.Scores?.Scored ?? 0,
            scoringFailure = r.Scores?.Failure,
        },
        worklists = new
        {
            date = r.WorklistDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            mode = r.Worklists.Mode,
            error = r.Worklists.Error,
            dongs = r.Worklists.Dongs.Select(d => new { d.Dong, d.Capacity, d.Listed, d.Urgent, d.OverCapacity, d.Exploration, d.File, d.Excluded }),
            excluded = r.Worklists.Excluded.ToDictionary(e => e.Key.ToString(), e => e.Value),
        },
        targets = new { file = r.Targets.File, error = r.Targets.Error, dongsBehind = r.DongsBehind },
    };

    /// <summary>The step the run is in, in the words of the summary below, for the progress display.</summary>
    sealed class StepShown(Action<string> show) : IProgress<RunProgress>
    {
        public void Report(RunProgress p) => show(p.Step switch
        {
            RunStep.Ingest when p.Files.Total > 0 => IngestCommand.FilesShown.Text(p.Files),
            RunStep.Ingest => "수집 중",
            RunStep.Train => "첫 모델 학습 중",
            RunStep.Score => "점수 계산 중",
            RunStep.Worklists => "방문 목록 만드는 중",
            _ => "목표 계산 중",
        });
    }

    /// <summary>The operator's summary, in Korean like every line staff read (docs/adr/0011-cli-output-language.md).</summary>
    static string Format(RunReport r, string engine)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"BlindSpot 실행: 기준일 {r.AsOf:yyyy-MM-dd} ({engine})"));
        sb.AppendLine(string.Create(inv,
            $"수집     파일 {r.FilesIngested}개 받음, {r.FilesSkipped}개 이미 받음, {r.FilesFailed}개 거부·실패; " +
            $"{r.RowsRead:N0}행 읽음 = {r.RowsAccepted:N0} 받음 + {r.RowsDuplicate:N0} 중복 + {r.RowsQuarantined:N0} 격리"));
        if (r.Ingest.InboxBusy) sb.AppendLine("         다른 수집이 이 저장소로 읽고 있어 지금은 파일을 읽지 않았습니다: 아래 단계는 이미 저장된 자료로 했습니다");
        foreach (var f in r.Ingest.Files.Where(f => f.IsFailure))
            sb.AppendLine($"         ! {f.FileName}: {f.Ledger?.RejectedReason ?? f.Message}");
        if (r.RowsQuarantined > 0) sb.AppendLine($"         격리한 행: {r.Ingest.QuarantineDirectory}");

        if (r.Training is { } t)
        {
            if (t.Failure is not null) sb.AppendLine($"학습     첫 모델을 만들지 못했습니다: {t.Failure}");
            else if (t.Figures is { } card)
                sb.AppendLine(string.Create(inv,
                    $"학습     {t.Version}: AUC {card.Auc:F3}, precision@{card.K} {card.PrecisionAtK:F3} " +
                    $"(규칙 {card.RulesPrecisionAtK:F3}, 제보만 {card.TipsPrecisionAtK:F3}) -> {(t.Promoted ? "운영 모델(챔피언)" : "도전 모델로 보관")}"));
            // The card's warnings (a calibrator that fell back, a model that does not beat the baselines) are the
            // analyst's to read; the CLI logs errors only, so they are printed here or nowhere (in the card's words).
            foreach (var warning in t.Warnings) sb.AppendLine($"         경고: {warning}");
        }
        sb.AppendLine(r.ModelVersion is { } v
            ? string.Create(inv, $"점수     {r.Scores!.Scored:N0}세대 (운영 모델 {v})")
            : $"점수     없음: {r.Scores?.Failure}");

        var w = r.Worklists;
        if (w.Error is not null) sb.AppendLine($"방문 목록 만들지 못했습니다: {w.Error}");
        else if (!w.IsBusinessDay) sb.AppendLine(string.Create(inv, $"방문 목록 {r.WorklistDate:yyyy-MM-dd}은(는) 업무일이 아닙니다"));
        else
        {
            sb.AppendLine(string.Create(inv, $"방문 목록 {r.WorklistDate:yyyy-MM-dd}: {w.Dongs.Count}개 동 {w.Listed}세대 -> {Path.GetDirectoryName(w.Dongs.FirstOrDefault()?.File)}"));
            if (w.Mode == ScoringMode.Rules)
                sb.AppendLine("         그날의 모델 점수가 없어 제보와 규칙 점수(최근 위기정보 건수)로 순위를 정했습니다");
            sb.AppendLine($"         목록에서 뺀 세대: {w.ExcludedText}");
            var table = new ConsoleTable(indent: 9).Column("동").Column("방문 가능", numeric: true).Column("선정", numeric: true)
                .Column("긴급", numeric: true).Column("탐색", numeric: true);
            foreach (var d in w.Dongs)
                table.Row(d.Dong, d.Capacity.ToString(inv), d.Listed.ToString(inv), d.Urgent.ToString(inv), d.Exploration.ToString(inv));
            sb.Append(table.Render());
        }

        if (r.Targets.Error is not null) sb.AppendLine($"목표     만들지 못했습니다: {r.Targets.Error}");
        else
        {
            var behind = r.DongsBehind;
            var names = behind.Count > 0 ? $" ({string.Join(", ", behind)})" : "";
            sb.AppendLine(string.Create(inv, $"목표     {r.AsOf.Year}년: {r.Targets.Report?.Dongs.Count ?? 0}개 동 중 {behind.Count}개 동이 +10% 속도보다 뒤처짐{names} -> {r.Targets.File}"));
            if (r.Targets.Report is { Unattributed: > 0 } unknown)
                sb.AppendLine(string.Create(inv, $"         세대 명부에 없는 세대의 발굴 {unknown.Unattributed}건은 어느 동에도 세지 않았습니다"));
        }
        return sb.ToString();
    }
}
