using Serilog.Events;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// Where and how much a BlindSpot process logs. Bound from configuration section "BlindSpot:Logging" over the host's
/// own defaults (<see cref="LoggingSetup.AddBlindSpotLogging(Microsoft.Extensions.Logging.ILoggingBuilder, Microsoft.Extensions.Configuration.IConfiguration, LoggingOptions)"/>).
/// </summary>
public sealed record LoggingOptions
{
    public const string Section = "BlindSpot:Logging";

    /// <summary>Compact JSON (CLEF) log file, one event a line; null or empty for none. Rolled daily, kept 31 files.</summary>
    public string? File { get; init; }

    /// <summary>Human-readable events on the console.</summary>
    public bool Console { get; init; } = true;

    /// <summary>Console events go to standard error instead of standard output (the CLI: its standard output is the command's result).</summary>
    public bool StandardError { get; init; }

    /// <summary>Events below this level are dropped; Hangfire's and Microsoft's own logs start at Warning unless this is Debug or lower.</summary>
    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Information;

    /// <summary>Put on every event as "Application" so one log store can hold the CLI and the jobs hosts.</summary>
    public string Application { get; init; } = "blindspot";

    /// <summary>Roll the file daily (name gets a yyyyMMdd suffix); off gives one file, which tests read.</summary>
    public bool RollDaily { get; init; } = true;
}
