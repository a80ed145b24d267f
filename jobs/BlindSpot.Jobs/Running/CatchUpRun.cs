using System.Globalization;
using BlindSpot.Core.Time;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline.Run;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Running;

/// <summary>
/// <c>--once</c>: the main job (<see cref="RunService"/>: new files of the inbox -> a first model if none -> score ->
/// the next business day's worklists -> targets) once, with the host's configuration, then exit; no Hangfire server
/// starts. What an operator runs to catch up after downtime (docs/operations.md), and what a test starts to see the
/// process's configuration at work. As of yesterday in Asia/Seoul by default (what the night's jobs would have scored
/// on), or <c>--as-of</c>.
/// </summary>
internal static class CatchUpRun
{
    public const string OnceSwitch = "--once", AsOfSwitch = "--as-of";

    /// <summary>
    /// The arguments without <c>--once</c> and <c>--as-of DATE</c> (which the configuration does not read), whether
    /// <c>--once</c> was given, its date, or one Korean line (exit 2) when <c>--as-of</c> has no date or comes alone.
    /// </summary>
    public static (string[] Others, bool Once, DateOnly? AsOf, string? Problem) Split(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        var once = false;
        string? asOfText = null;
        var asOfGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (args[i] == OnceSwitch) once = true;
            else if (name == AsOfSwitch)
            {
                asOfGiven = true;
                asOfText = args[i].Contains('=', StringComparison.Ordinal) ? args[i].Split('=', 2)[1]
                    : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            }
            else rest.Add(args[i]);
        }
        if (!asOfGiven) return ([.. rest], once, null, null);
        if (!once) return ([.. rest], once, null, $"{AsOfSwitch}는 {OnceSwitch}와 함께만 줄 수 있습니다. (--help: 옵션 보기)");
        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return ([.. rest], once, null, $"{AsOfSwitch} 뒤에 yyyy-MM-dd 형식의 날짜를 주세요 (예: 2026-11-30). (--help: 옵션 보기)");
        return ([.. rest], once, day, null);
    }

    /// <summary>Runs the main job once; 0 when every step did its work, 1 when a file, the worklists or the targets failed (one line each).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, DateOnly? asOf, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var o = services.GetRequiredService<IOptions<BlindSpotOptions>>().Value;
        var today = Kst.Today(services.GetRequiredService<TimeProvider>());
        var day = asOf ?? today.AddDays(-1);
        if (day > today)
        {
            await error.WriteLineAsync($"{AsOfSwitch} {day:yyyy-MM-dd}는 미래입니다 (오늘 {today:yyyy-MM-dd}, 한국 시간).");
            return Hosting.JobsHost.UsageError;
        }
        if (!Directory.Exists(o.Inbox))
        {
            await error.WriteLineAsync($"받은 파일 폴더가 없습니다: {o.Inbox} (--inbox, {BlindSpotKeys.Inbox}).");
            return Hosting.JobsHost.UsageError;
        }

        using var scope = services.CreateScope();
        var r = await scope.ServiceProvider.GetRequiredService<RunService>().RunAsync(o.Inbox, o.Out, o.QuarantineDir, day, ct);
        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv,
            $"한 번 실행: 기준일 {r.AsOf:yyyy-MM-dd}, 파일 {r.FilesIngested}개 수집, 모델 {r.ModelVersion ?? "없음(규칙)"}, {r.WorklistDate:yyyy-MM-dd} 방문 목록 {r.Worklists.Listed}세대 -> {o.Out}"));
        foreach (var f in r.Ingest.Files.Where(f => f.IsFailure))
            await error.WriteLineAsync($"파일 실패: {f.FileName}: {f.Ledger?.RejectedReason ?? f.Message}");
        if (!r.Worklists.Succeeded) await error.WriteLineAsync($"방문 목록 실패: {r.Worklists.Error}");
        if (!r.Targets.Succeeded) await error.WriteLineAsync($"목표 실패: {r.Targets.Error}");
        return r.Succeeded ? Hosting.JobsHost.Ok : Hosting.JobsHost.Failed;
    }
}
