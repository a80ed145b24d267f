using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Failures;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlindSpot.Jobs.Hosting;

/// <summary>
/// A jobs host started with (or before) its PostgreSQL server (a machine boot, a container set) waits for the
/// database instead of crashing: it tries to connect, logs one line per attempt while the server is down or starting,
/// with growing pauses (1 s, 2 s, 4 s ... at most 15 s), and gives up after <c>BlindSpot:Jobs:DatabaseWait</c>
/// (default 2 minutes). A refused login or a missing database is not waited for: waiting would not fix it.
/// Every process that runs the jobs waits the same way: the jobs host, and `blindspot web --with-jobs`.
/// </summary>
public static class DatabaseWait
{
    static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The wait of a host composed with <c>AddBlindSpotJobs</c>, from its own configuration (BlindSpot:Db,
    /// BlindSpot:Jobs:DatabaseWait) and logger: null once the database answers, else the one line to print before
    /// exiting with 1. Call it after the start check, before starting the host. <paramref name="wait"/> false: one
    /// attempt, no waiting (a web server without the jobs).
    /// </summary>
    public static Task<string?> ForHostAsync(IServiceProvider services, CancellationToken ct, bool wait = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<IOptions<BlindSpotOptions>>().Value.Db;
        var limit = wait ? services.GetRequiredService<IOptions<JobsOptions>>().Value.DatabaseWait : TimeSpan.Zero;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseWait).FullName!);
        return UntilReachableAsync(db, limit, logger, TimeProvider.System, ct);
    }

    /// <summary>Null once the database answers (at once for SQLite), else the one line to print before exiting with 1.</summary>
    internal static async Task<string?> UntilReachableAsync(string db, TimeSpan limit, ILogger logger, TimeProvider clock, CancellationToken ct)
    {
        var address = StoreAddress.Parse(db);
        if (!address.IsPostgres) return null;
        var started = clock.GetTimestamp();
        var pause = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(address.Target);
                await connection.OpenAsync(ct);
                if (attempt > 1) logger.LogInformation("Database {Database} reachable after {Attempts} attempts", address.Display, attempt);
                return null;
            }
            catch (Exception e) when (e is NpgsqlException && EnvironmentFailure.IsTransient(e))
            {
                var waited = clock.GetElapsedTime(started);
                if (waited >= limit)
                {
                    logger.LogError("Database {Database} still unreachable after {WaitedSeconds:0} s: giving up", address.Display, waited.TotalSeconds);
                    return limit <= TimeSpan.Zero ? EnvironmentFailure.Describe(e, db)
                        : $"{EnvironmentFailure.Describe(e, db)} ({waited.TotalSeconds:0}초 기다렸습니다: BlindSpot:Jobs:DatabaseWait)";
                }
                // The last pause is cut to what is left, so the last attempt comes at the end of the wait, not a pause before it.
                var next = pause < limit - waited ? pause : limit - waited;
                logger.LogWarning("Database {Database} not reachable yet (attempt {Attempt}); trying again in {PauseSeconds:0.#} s, {WaitedSeconds:0} of {LimitSeconds:0} s waited",
                    address.Display, attempt, next.TotalSeconds, waited.TotalSeconds, limit.TotalSeconds);
                await Task.Delay(next, clock, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
