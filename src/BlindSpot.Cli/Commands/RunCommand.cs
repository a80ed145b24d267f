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
using BlindSpot.Core.Text;

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
            ]), ct, createStore: true);
            if (app is null) return CliApp.UsageError;
            var store = app.Get<IBlindSpotStore>();
            var report = await app.Get<RunService>().RunAsync(inboxDir, parse.GetValue(outDir)!, app.Options.QuarantineDir, day, ct);

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

    static string Format(RunReport r, string engine)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(inv, $"BlindSpot run as of {r.AsOf:yyyy-MM-dd} ({engine})"));
        sb.AppendLine(string.Create(inv,
            $"Ingest   {r.FilesIngested} files ingested, {r.FilesSkipped} already known, {r.FilesFailed} rejected; " +
            $"{r.RowsRead:N0} rows read = {r.RowsAccepted:N0} accepted + {r.RowsDuplicate:N0} duplicate + {r.RowsQuarantined:N0} quarantined"));
        if (r.Ingest.InboxBusy) sb.AppendLine("         another ingest was reading into this store: no file read now; the steps below use what was stored");
        foreach (var f in r.Ingest.Files.Where(f => f.IsFailure))
            sb.AppendLine($"         ! {f.FileName}: {f.Ledger?.RejectedReason ?? f.Message}");
        if (r.RowsQuarantined > 0) sb.AppendLine($"         quarantined rows: {r.Ingest.QuarantineDirectory}");

        if (r.Training is { } t)
        {
            if (t.Failure is not null) sb.AppendLine($"Training no first model: {t.Failure}");
            else if (t.Card is { } card)
                sb.AppendLine(string.Create(inv,
                    $"Training {t.Version}: AUC {card.Model.Auc:F3}, precision@{card.K} {card.Model.PrecisionAtK:F3} " +
                    $"(rules {card.Rules.PrecisionAtK:F3}, tips-only {card.TipsOnly.PrecisionAtK:F3}) -> {(t.Promoted ? "champion" : "kept as challenger")}"));
            // The card's warnings (a calibrator that fell back, a model that does not beat the baselines) are the
            // analyst's to read; the CLI logs errors only, so they are printed here or nowhere.
            foreach (var warning in t.Card?.Warnings ?? []) sb.AppendLine($"         WARNING: {warning}");
        }
        sb.AppendLine(r.ModelVersion is { } v
            ? string.Create(inv, $"Scoring  {r.Scores!.Scored:N0} households scored with champion {v}")
            : $"Scoring  none: {r.Scores?.Failure}");

        var w = r.Worklists;
        if (w.Error is not null) sb.AppendLine($"Worklists failed: {w.Error}");
        else if (!w.IsBusinessDay) sb.AppendLine(string.Create(inv, $"Worklists {r.WorklistDate:yyyy-MM-dd} is not a business day"));
        else
        {
            sb.AppendLine(string.Create(inv, $"Worklists for {r.WorklistDate:yyyy-MM-dd}: {w.Listed} households in {w.Dongs.Count} dongs -> {Path.GetDirectoryName(w.Dongs.FirstOrDefault()?.File)}"));
            if (w.Mode == ScoringMode.Rules)
                sb.AppendLine("         no model scores for the day: ranked by tips and the rules score (count of recent crisis indicators)");
            sb.AppendLine($"         kept off: {w.ExcludedText}");
            sb.AppendLine("         dong          capacity  listed  urgent  exploration");
            foreach (var d in w.Dongs)
                sb.AppendLine(string.Create(inv, $"         {TerminalText.PadRight(d.Dong, 12)}  {d.Capacity,8}  {d.Listed,6}  {d.Urgent,6}  {d.Exploration,11}"));
        }

        if (r.Targets.Error is not null) sb.AppendLine($"Targets  failed: {r.Targets.Error}");
        else
        {
            var behind = r.DongsBehind;
            var names = behind.Count > 0 ? $" ({string.Join(", ", behind)})" : "";
            sb.AppendLine(string.Create(inv, $"Targets  {r.AsOf.Year}: {behind.Count} of {r.Targets.Report?.Dongs.Count ?? 0} dongs behind the +10% pace{names} -> {r.Targets.File}"));
            if (r.Targets.Report is { Unattributed: > 0 } unknown)
                sb.AppendLine(string.Create(inv, $"         {unknown.Unattributed} discoveries of households unknown to the registry are counted in no dong"));
        }
        return sb.ToString();
    }
}
