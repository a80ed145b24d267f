using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Commands;

/// <summary>
/// `ingest --inbox DIR [--db DB] [--quarantine DIR] [--json]`: ingests every file of the inbox not ingested yet and
/// prints the per-file ledger. Exit 0 when every file was processed (quarantined rows are not a failure), 1 when a
/// file was rejected whole or not recognised, 2 on usage errors.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inbox = new Option<string>("--inbox") { Description = "The folder of CSV files to ingest (the five feeds and the configuration).", Required = true };
        var db = CommonOptions.Db();
        var quarantine = new Option<string?>("--quarantine")
        {
            Description = "Where quarantined rows are copied as CSV (default: quarantine/ beside the SQLite file; ./quarantine for PostgreSQL).",
        };
        var json = CommonOptions.Json();
        var confirmMovedOut = new Option<bool>("--confirm-moved-out")
        {
            Description = "Take household snapshots even when they mark more of the district as moved out than the guard allows (5% a month since the previous snapshot).",
        };
        var command = new Command("ingest", "Ingests every file of the inbox not ingested yet and prints the per-file ledger.")
        {
            inbox, db, quarantine, json, confirmMovedOut,
        };
        command.SetAction(async (parse, ct) =>
        {
            var inboxDir = parse.GetValue(inbox)!;
            if (!Directory.Exists(inboxDir))
            {
                await error.WriteLineAsync($"--inbox 폴더가 없습니다: {inboxDir}");
                return CliApp.UsageError;
            }
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([
                CommonOptions.DbFlag(parse, db),
                new(BlindSpotKeys.ConfirmMovedOut, parse.GetValue(confirmMovedOut) ? "true" : null),
                new(BlindSpotKeys.Quarantine, parse.GetValue(quarantine) is { Length: > 0 } q ? q : null),
                new(BlindSpotKeys.Inbox, inboxDir), // checked against the quarantine folder (BlindSpotOptions.Validate)
            ]), ct, createStore: true);
            if (app is null) return CliApp.UsageError;
            var report = await LiveStatus.RunAsync(output, "수집 중", show => app.Get<IngestService>().IngestInboxAsync(inboxDir, app.Options.QuarantineDir,
                new FilesShown(show), ct));
            if (report.InboxBusy)
            {
                await error.WriteLineAsync("다른 수집(작업 서버나 다른 명령)이 지금 이 저장소로 파일을 읽고 있어 아무것도 읽지 않았습니다. 끝난 뒤 다시 실행하세요.");
                return CliApp.Failed;
            }

            if (parse.GetValue(json)) await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(report), CommonOptions.JsonStyle));
            else await WriteTableAsync(output, report);
            return report.AnyFailure ? CliApp.Failed : CliApp.Ok;
        });
        return command;
    }

    static object ToJson(IngestReport report) => new
    {
        inbox = report.Inbox,
        quarantineDirectory = report.QuarantineDirectory,
        failed = report.AnyFailure,
        files = report.Files.Select(f => new
        {
            file = f.FileName,
            status = f.Status,
            feed = f.Ledger?.Feed,
            encoding = f.Ledger?.Encoding,
            sha256 = f.Ledger?.Sha256,
            ledgerFileName = f.Ledger?.FileName,
            rowsRead = f.Ledger?.RowsRead,
            accepted = f.Ledger?.Accepted,
            duplicate = f.Ledger?.Duplicate,
            quarantined = f.Ledger?.Quarantined,
            rejected = f.Ledger?.Rejected ?? f.IsFailure,
            rejectedReason = f.Ledger?.RejectedReason ?? (f.IsFailure ? f.Message : null),
            notes = f.Ledger?.Notes ?? [],
            quarantineFile = f.QuarantineFile,
        }),
    };

    static async Task WriteTableAsync(TextWriter output, IngestReport report)
    {
        var rows = report.Files.Select(f => new[]
        {
            f.FileName, Status(f.Status), f.Ledger?.Feed.ToString() ?? "-", f.Ledger?.Encoding ?? "-",
            Num(f.Ledger?.RowsRead), Num(f.Ledger?.Accepted), Num(f.Ledger?.Duplicate), Num(f.Ledger?.Quarantined),
        }).ToList();
        var table = new ConsoleTable().Column("파일").Column("상태").Column("피드").Column("인코딩")
            .Column("읽음", numeric: true).Column("받음", numeric: true).Column("중복", numeric: true).Column("격리", numeric: true).Rule();
        foreach (var r in rows) table.Row(r);
        await output.WriteAsync(table.Render());

        foreach (var f in report.Files)
        {
            if (f.IsFailure) await output.WriteLineAsync($"! {f.FileName}: {f.Ledger?.RejectedReason ?? f.Message}");
            if (f.Status == IngestFileStatus.Deferred) await output.WriteLineAsync($"~ {f.FileName}: {f.Message}");
            if (f.Status == IngestFileStatus.Skipped && f.Ledger is { } l)
                await output.WriteLineAsync(l.Rejected
                    // Refused before for the same reason: the reason again, so the clerk knows what to fix without the earlier output.
                    ? $"= {f.FileName}: {l.IngestedAt:yyyy-MM-dd HH:mm}에 같은 이유로 받지 않은 파일 그대로입니다: {l.RejectedReason}"
                    : $"= {f.FileName}: {l.IngestedAt:yyyy-MM-dd HH:mm}에 {l.FileName}(으)로 이미 받은 것과 같은 내용입니다");
            if (f.Status is IngestFileStatus.Ingested)
                foreach (var note in f.Ledger!.Notes) await output.WriteLineAsync($"  {f.FileName}: {note}");
            if (f.QuarantineFile is { } qf) await output.WriteLineAsync($"  {f.FileName}: 격리한 행 -> {qf}");
        }
        var ingested = report.Files.Where(f => f.Status == IngestFileStatus.Ingested).Select(f => f.Ledger!).ToList();
        await output.WriteLineAsync(
            $"파일 {ingested.Count}개 받음, {report.Files.Count(f => f.Status == IngestFileStatus.Skipped)}개 이미 받음, " +
            $"{report.Files.Count(f => f.IsFailure)}개 거부·실패; 행: {ingested.Sum(l => l.RowsRead)} 읽음 = {ingested.Sum(l => l.Accepted)} 받음 + " +
            $"{ingested.Sum(l => l.Duplicate)} 중복 + {ingested.Sum(l => l.Quarantined)} 격리");
    }

    static string Status(IngestFileStatus s) => s switch
    {
        IngestFileStatus.Ingested => "받음",
        IngestFileStatus.Rejected => "거부",
        IngestFileStatus.Skipped => "이미 받음",
        IngestFileStatus.Unrecognised => "피드 모름",
        IngestFileStatus.Failed => "실패",
        IngestFileStatus.Deferred => "보류",
        _ => "무시",
    };

    static string Num(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>How many of the inbox's files are done, for the progress display.</summary>
    internal sealed class FilesShown(Action<string> show) : IProgress<FileProgress>
    {
        public void Report(FileProgress p) => show(Text(p));

        /// <summary>The words of the progress display while files are ingested (also `run`'s ingest step).</summary>
        public static string Text(FileProgress p) => string.Create(CultureInfo.InvariantCulture, $"수집 중: 파일 {p.Done}/{p.Total}");
    }
}
