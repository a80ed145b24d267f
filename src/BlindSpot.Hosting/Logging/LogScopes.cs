using Microsoft.Extensions.Logging;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// Scopes that put the pipeline's coordinates on every event logged inside them (Serilog turns the scope's
/// key/value pairs into event properties). Values are ids and names of feeds and dongs: never personal data.
/// </summary>
public static class LogScopes
{
    public const string Job = "Job";
    public const string RunKey = "RunKey";
    // No scope sets it: ingest's message templates carry {Feed} as an event property, which the console's job tag shows.
    public const string Feed = "Feed";
    public const string Dong = "Dong";

    /// <summary>A job run: the job's id and the key it is idempotent by (e.g. the as-of date).</summary>
    public static IDisposable? BeginJobScope(this ILogger logger, string job, string runKey) =>
        logger.BeginScope(new Dictionary<string, object> { [Job] = job, [RunKey] = runKey });

    /// <summary>One administrative dong.</summary>
    public static IDisposable? BeginDongScope(this ILogger logger, string dong) =>
        logger.BeginScope(new Dictionary<string, object> { [Dong] = dong });
}
