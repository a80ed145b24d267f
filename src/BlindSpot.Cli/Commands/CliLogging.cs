using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace BlindSpot.Cli.Commands;

/// <summary>
/// Logging for the CLI: warnings and errors on standard error (standard output is the command's result), as Serilog
/// message templates with household ids at most. Set BLINDSPOT_LOG_LEVEL=Information for progress lines.
/// </summary>
internal static class CliLogging
{
    /// <param name="defaultLevel">The level when BLINDSPOT_LOG_LEVEL is not set (train shows its progress at Information).</param>
    public static ILoggerFactory Create(LogEventLevel defaultLevel = LogEventLevel.Warning)
    {
        var level = Enum.TryParse<LogEventLevel>(Environment.GetEnvironmentVariable("BLINDSPOT_LOG_LEVEL"), true, out var l) ? l : defaultLevel;
        return new SerilogLoggerFactory(new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: CultureInfo.InvariantCulture,
                outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger(), dispose: true);
    }
}
