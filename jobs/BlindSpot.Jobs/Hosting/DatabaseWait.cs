using BlindSpot.Hosting.Failures;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BlindSpot.Jobs.Hosting;

/// <summary>
/// A jobs host started with (or before) its PostgreSQL server (a machine boot, a container set) waits for the
/// database instead of crashing: it tries to connect, logs one line per attempt while the server is down or starting,
/// with growing pauses (1 s, 2 s, 4 s ... at most 15 s), and gives up after <c>BlindSpot:Jobs:DatabaseWait</c>
/// (default 2 minutes). A refused login or a missing database is not waited for: waiting would not fix it.
/// </summary>
internal static class DatabaseWait
{
    static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    /// <summary>Null once the database answers (at once for SQLite), else the one line to print before exiting with 1.</summary>
    public static async Task<string?> UntilReachableAsync(string db, TimeSpan limit, ILogger logger, TimeProvider clock, CancellationToken ct)
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
                if (waited + pause > limit)
                {
                    logger.LogError("Database {Database} still unreachable after {WaitedSeconds:0} s: giving up", address.Display, waited.TotalSeconds);
                    return $"{EnvironmentFailure.Describe(e, db)} ({waited.TotalSeconds:0}초 기다렸습니다: BlindSpot:Jobs:DatabaseWait)";
                }
                logger.LogWarning("Database {Database} not reachable yet (attempt {Attempt}); trying again in {PauseSeconds:0} s, {WaitedSeconds:0} of {LimitSeconds:0} s waited",
                    address.Display, attempt, pause.TotalSeconds, waited.TotalSeconds, limit.TotalSeconds);
                await Task.Delay(pause, clock, ct);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
