using SQLitePCL;

namespace BlindSpot.Storage.Sqlite;

/// <summary>
/// Puts this process's SQLite in multi-thread mode (<c>SQLITE_CONFIG_MULTITHREAD</c>) before it opens its first
/// connection. SQLite as bundled with Microsoft.Data.Sqlite is serialized: every call on a connection (each bind, step and
/// column read) takes and lets go of that connection's mutex, ~2.5% of a first run's CPU at 190,000 households
/// (<c>pthread_mutex_lock</c>/<c>unlock</c> in <c>perf</c>). Multi-thread mode drops those mutexes and leaves one rule:
/// a connection, and the statements made on it, are used by one thread at a time. The store keeps it by construction:
/// every store call opens a connection of its own from the pool (<see cref="SqliteDialect.OpenConnectionAsync"/>),
/// reads side by side run on connections of their own, and an ADO.NET connection is not thread-safe anyway
/// (docs/adr/0006-daily-run-in-proportion.md, twenty-first pass).
/// <para>
/// SQLite takes the setting only before it has started (its first connection): <see cref="Configure"/> is called by
/// the store's dialect before it opens one, and is a no-op after the first call. A process whose SQLite had started
/// before (a test that opened a connection of its own first) stays serialized, which is correct, only slower;
/// <see cref="Mode"/> says which one the process got.
/// </para>
/// </summary>
internal static class SqliteThreading
{
    static readonly Lazy<string> mode = new(Apply);

    /// <summary>"multi-thread" when the setting took, otherwise the mode the process has and why.</summary>
    public static string Mode => mode.Value;

    /// <summary>True when this process's SQLite runs in multi-thread mode.</summary>
    public static bool MultiThreaded => Mode == MultiThread;

    const string MultiThread = "multi-thread";

    /// <summary>Applies the setting once per process (later calls return at once).</summary>
    public static void Configure() => _ = mode.Value;

    static string Apply()
    {
        Batteries_V2.Init(); // what Microsoft.Data.Sqlite does first; again is a no-op
        if (raw.sqlite3_threadsafe() == 0) return "single-thread: the library was built without mutexes";
        var rc = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
        return rc == raw.SQLITE_OK ? MultiThread : $"serialized: SQLite had started before the store configured it (rc {rc})";
    }
}
