using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Failures;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Store;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Hosting;

/// <summary>
/// The jobs host's whole life, so that Program.cs stays one line: --help, configuration (with the jobs host's own
/// defaults under every other source), the start check (exit 2, one line), waiting for the database, then the
/// Hangfire server until stopped (or, with --once, the main job once: <see cref="CatchUpRun"/>). An environment failure (database down for longer than the wait, login refused)
/// is one line and exit 1, never a stack trace.
/// </summary>
public static partial class JobsHost
{
    public const int Ok = 0, Failed = 1, UsageError = 2;

    /// <summary>
    /// What the jobs host sets differently from the CLI, below appsettings.json, the environment and the command line:
    /// the scheduled ingest leaves a file alone until it has not changed for a minute, so a file still being copied
    /// into the inbox is read by the next slot, whole (docs/ingest.md).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        [BlindSpotKeys.QuietPeriod] = "00:01:00",
    };

    static readonly string[] HelpSwitches = ["--help", "-h", "-?", "/?", "help"];

    public static string Usage => """
        BlindSpot jobs host: the Hangfire server that ingests the inbox, scores, writes the worklists, reports targets,
        retrains and purges on its schedule (Asia/Seoul). It runs until stopped (Ctrl+C, SIGTERM), or with --once runs
        the main job once and exits.

        Usage: BlindSpot.Jobs [--db DB] [--inbox DIR] [--out DIR] [--quarantine DIR] [--workers N]
                              [--retention-years N] [--holidays FILE] [--log-file FILE] [--trigger ID,ID...]
                              [--districts CODE,CODE...]
                              [--once [--as-of yyyy-MM-dd]] [--BlindSpot:Section:Key=value ...]

          --db               SQLite file (default ./blindspot.db) or PostgreSQL connection string (BlindSpot:Db)
          --inbox            folder the district's systems drop CSV files into (default ./inbox)
          --out              worklists and target reports (default ./out)
          --quarantine       quarantined rows as files (default quarantine/ beside the SQLite file)
          --workers          Hangfire workers of this server (default 2)
          --retention-years  personal data older than this is blanked nightly (default 3)
          --holidays         extra holidays file (election days), added to the computed calendar
          --log-file         compact JSON log file (default logs/blindspot-jobs-.clef)
          --trigger          recurring jobs to run once at start, in order (ingest-inbox,retrain,score,worklists,...)
          --districts        national: district codes (d01,d02,...), each in its own database on --db's PostgreSQL
                             server and its own <inbox>/<code> folder; registers the national schedule (one job per
                             district: district-ingests, district-runs, district-retrains, district-purges) instead
                             of the one above; --db then holds only the job queue
          --once             no server: the main job once (new files -> a first model if none -> score -> the next
                             business day's worklists -> targets), then exit (a catch-up run)
          --as-of            with --once: the day it scores as of (default yesterday, Asia/Seoul)

        Every key, its default and environment variable: docs/configuration.md; running it: docs/operations.md.
        Exit codes: 0 stopped (--once: every step done), 1 environment failure (database unreachable after the wait;
        --once: a file, the worklists or the targets failed), 2 invalid configuration.
        """;

    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => HelpSwitches.Contains(a, StringComparer.OrdinalIgnoreCase));

    /// <summary>The Generic Host's own switches (besides configuration keys written --Section:Key).</summary>
    static readonly string[] HostSwitches = ["--environment", "--contentRoot", "--applicationName"];

    /// <summary>
    /// Null when every argument is a short switch with its value (<c>--db DB</c>, <c>--db=DB</c>), a configuration key
    /// (<c>--BlindSpot:Jobs:Workers=4</c>) or a Generic Host switch; else one Korean line (exit 2). Without this check a
    /// mistyped switch is silently ignored by the configuration's command-line source and the server starts with the
    /// defaults (a misspelled --db would open ./blindspot.db). A value is never repeated, an unknown switch only when
    /// it has the shape of one.
    /// </summary>
    public static string? ArgumentsProblem(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            var known = JobsOptions.SwitchMappings.ContainsKey(name)
                || (name.StartsWith("--", StringComparison.Ordinal) && name.Length > 2 && name.Contains(':', StringComparison.Ordinal))
                || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (!known)
                return (name.StartsWith('-') && SwitchShape().IsMatch(name)
                    ? $"알 수 없는 옵션입니다: {name}."
                    : "알 수 없는 인수가 있습니다: 값은 옵션 뒤에 주세요 (예: --db 경로).") + " (--help: 옵션 보기)";
            if (arg.Contains('=', StringComparison.Ordinal)) continue;
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return $"{name} 뒤에 값을 주세요. (--help: 옵션 보기)";
            i++;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^--?[A-Za-z][A-Za-z0-9-]{0,40}$")]
    private static partial System.Text.RegularExpressions.Regex SwitchShape();

    /// <summary>The host as configured: <see cref="Defaults"/> under appsettings.json, the environment and the command line (with its short switches).</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        builder.Configuration.AddCommandLine(args, JobsOptions.SwitchMappings);
        builder.Logging.AddBlindSpotLogging(builder.Configuration,
            new LoggingOptions { File = "logs/blindspot-jobs-.clef", Application = "blindspot-jobs" });
        builder.Services.AddBlindSpotJobs(builder.Configuration);
        return builder;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (WantsHelp(args))
        {
            await output.WriteAsync(Usage);
            return Ok;
        }
        var (rest, once, asOf, onceProblem) = CatchUpRun.Split(args);
        if ((onceProblem ?? ArgumentsProblem(rest)) is { } usage)
        {
            await error.WriteLineAsync(usage);
            return UsageError;
        }
        args = rest;

        IHost built;
        try
        {
            built = CreateBuilder(args).Build();
        }
        catch (Exception e) when (StartupCheck.FileProblem(e) is { } line)
        {
            await error.WriteLineAsync(line); // appsettings.json that is not valid JSON
            return UsageError;
        }
        catch (Exception e) when (EnvironmentFailure.Describe(e, null) is { } line)
        {
            // The log file's folder cannot be created (a path below a regular file, no permission): found by the replay,
            // it was an unhandled exception with a stack trace, as the CLI and the web host already answered in one line.
            await error.WriteLineAsync(line);
            return Failed;
        }
        using var host = built;
        if (StartupCheck.Problem(host.Services) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return UsageError;
        }
        // --once runs one store's main job; a national server's stores are its districts' (their catch-up: --trigger district-runs).
        var national = host.Services.GetRequiredService<IOptions<JobsOptions>>().Value.National;
        if (once && national)
        {
            await error.WriteLineAsync($"{CatchUpRun.OnceSwitch}는 저장소 하나의 실행입니다: 구마다 한 번 실행하려면 --districts와 함께 --trigger {Jobs.DistrictFanOutJob.RunsId}를 주세요.");
            return UsageError;
        }

        var db = host.Services.GetRequiredService<IOptions<BlindSpotOptions>>().Value.Db;
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            if (await DatabaseWait.ForHostAsync(host.Services, lifetime.ApplicationStopping) is { } down)
            {
                await error.WriteLineAsync(down);
                return Failed;
            }
            // Opened here rather than by the host's StoreStartup (which then finds it open): a --db that names no usable
            // store (a folder, a device) is one line and exit 2, not an exception out of a hosted service. A national
            // server opens none: --db is the national database, which holds Hangfire's queue and no district's tables
            // (each district's store is its own database, opened by its job: DistrictStores).
            var holder = host.Services.GetRequiredService<StoreHolder>();
            if (national) holder.HasNoStore("national: BlindSpot:Db holds the job queue, each district has its own database");
            else if (await holder.OpenAsync(create: true, lifetime.ApplicationStopping) is { } unusable)
            {
                await error.WriteLineAsync(unusable);
                return UsageError;
            }
            if (once) return await CatchUpRun.RunAsync(host.Services, asOf, output, error, lifetime.ApplicationStopping);
            await host.RunAsync();
            return Ok;
        }
        catch (Exception e) when (EnvironmentFailure.Describe(e, db) is { } line)
        {
            await error.WriteLineAsync(line);
            return Failed;
        }
    }
}
