using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Time;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Registry;
using BlindSpot.Model.UseCases;
using BlindSpot.Cli.Hosting;
using Serilog.Events;
using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Commands;

/// <summary>`train [--as-of D] [--db DB] [--json] [--no-promote]`: trains a challenger and prints its metrics beside the baselines and the champion.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var asOf = CommonOptions.Date("--as-of", "Train on what was known by the end of this day (default: today in Asia/Seoul)");
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var noPromote = new Option<bool>("--no-promote") { Description = "Train and evaluate a challenger but never promote it automatically" };
        var command = new Command("train", "Trains a challenger risk model (temporal evaluation, calibration, fairness audit) and promotes it if it earns it.")
        {
            asOf, db, json, noPromote,
        };
        command.SetAction(async (parse, ct) =>
        {
            var day = parse.GetValue(asOf) ?? Kst.Today(TimeProvider.System);
            await using var app = await CliServices.StartAsync(error, new Dictionary<string, string?>([CommonOptions.DbFlag(parse, db)]), ct,
                LogEventLevel.Information);
            if (app is null) return CliApp.UsageError;
            var report = await LiveStatus.RunAsync(output, "학습 중: 특징, 모델, 평가", _ => app.Get<TrainService>().TrainAsync(day, null, !parse.GetValue(noPromote), ct));
            if (parse.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CommonOptions.JsonStyle));
            else
                await PrintAsync(report, output);
            if (!report.Trained)
            {
                await error.WriteLineAsync($"모델을 학습하지 못했습니다: {report.Failure}");
                return CliApp.Failed;
            }
            if (report.Card is { BeatsBaselines: false })
                await error.WriteLineAsync($"경고: {report.Version}은(는) precision@k에서 두 기준선(규칙 점수, 제보만)을 모두 넘지 못했습니다. 도전 모델로 보관하며 자동으로 승격하지 않습니다.");
            return CliApp.Ok;
        });
        return command;
    }

    static async Task PrintAsync(TrainReport r, TextWriter o)
    {
        if (r.Card is not { } c)
        {
            await o.WriteLineAsync($"As of {r.AsOf:yyyy-MM-dd}: no model trained. {r.Failure}");
            return;
        }
        var inv = CultureInfo.InvariantCulture;
        await o.WriteLineAsync($"Model {c.Version}{(r.AlreadyExisted ? " (already trained on the same data: unchanged)" : "")}");
        await o.WriteLineAsync(string.Create(inv, $"  train {c.TrainWindow.From:yyyy-MM-dd}..{c.TrainWindow.To:yyyy-MM-dd} ({c.TrainWindow.Rows} visits), calibration {c.CalibrationWindow.From:yyyy-MM-dd}..{c.CalibrationWindow.To:yyyy-MM-dd} ({c.CalibrationWindow.Rows}), test {c.TestWindow.From:yyyy-MM-dd}..{c.TestWindow.To:yyyy-MM-dd} ({c.TestWindow.Rows} visits, {c.TestWindow.Positives} 발굴, {c.TestDays} days)"));
        await o.WriteLineAsync(string.Create(inv, $"  k = {c.K} (district daily capacity; P@k = the k test visits ranked highest, dayP@k = top k of each day); trained in {c.TrainingSeconds:F1} s; seed {c.Options.Seed}"));
        await o.WriteLineAsync();
        await o.WriteLineAsync($"  {"scorer",-24} {"AUC",6} {"AUPRC",6} {"P@k",6} {"R@k",6} {"dayP@k",6} {"Brier",7}");
        var rows = new List<ScorerMetrics> { c.Model, c.Rules, c.TipsOnly };
        if (c.Champion?.Metrics is { } cm) rows.Add(cm with { Scorer = $"champion {c.Champion.Version}" });
        foreach (var m in rows)
            await o.WriteLineAsync(string.Create(inv, $"  {m.Scorer,-24} {m.Auc,6:F3} {m.Auprc,6:F3} {m.PrecisionAtK,6:F3} {m.RecallAtK,6:F3} {m.DailyPrecisionAtK,6:F3} {m.Brier,7:F4}"));
        if (c.Champion is { Metrics: null } nc) await o.WriteLineAsync($"  champion {nc.Version}: not comparable ({nc.NotComparable})");
        if (c.TestWithSampledNegatives is { } sn)
        {
            await o.WriteLineAsync(string.Create(inv,
                $"  test visits + {sn.SampledTestRows} sampled unvisited households ({sn.Rows} rows, {sn.Positives} 발굴; trained with {sn.SampledTrainRows} sampled):"));
            foreach (var m in new[] { sn.Model, sn.Rules, sn.TipsOnly })
                await o.WriteLineAsync(string.Create(inv, $"  {m.Scorer,-24} {m.Auc,6:F3} {m.Auprc,6:F3} {m.PrecisionAtK,6:F3} {m.RecallAtK,6:F3} {m.DailyPrecisionAtK,6:F3} {m.Brier,7:F4}"));
        }
        if (c.ModelIntervals is { } mi)
            await o.WriteLineAsync(string.Create(inv, $"  model 95% intervals ({mi.Replicates} bootstrap resamples): P@k {mi.PrecisionAtK.Low:F3}-{mi.PrecisionAtK.High:F3}, AUC {mi.Auc.Low:F3}-{mi.Auc.High:F3}"));
        if (c.Champion?.Gain is { } g)
            await o.WriteLineAsync(string.Create(inv, $"  gain over champion (paired, 95%): P@k {g.PrecisionAtK.Point:+0.000;-0.000} ({g.PrecisionAtK.Low:+0.000;-0.000}..{g.PrecisionAtK.High:+0.000;-0.000}), AUC {g.Auc.Point:+0.000;-0.000} ({g.Auc.Low:+0.000;-0.000}..{g.Auc.High:+0.000;-0.000})"));
        await o.WriteLineAsync(c.ExplorationCalibration is { } ec
            ? string.Create(inv, $"  calibration on {ec.Rows} exploration visits of the test window ({ec.Positives} 발굴): mean predicted {ec.MeanPredicted:F3}, observed {ec.ObservedRate:F3}, Brier {ec.Brier:F4}")
            : "  calibration on exploration visits: none in the test window (no stored worklists yet)");
        await o.WriteLineAsync();
        await o.WriteLineAsync($"  Fairness: {c.Fairness.FlaggedCount} flagged group(s) of {c.Fairness.Groups.Count} (`models --card {c.Version}` shows the table)");
        foreach (var w in c.Warnings) await o.WriteLineAsync($"  WARNING: {w}");
        await o.WriteLineAsync($"  {c.Decision.Reason}");
    }
}
