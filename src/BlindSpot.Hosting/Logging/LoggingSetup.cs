using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// The one Serilog set-up of BlindSpot, called by the CLI and by the jobs host: a console sink, a compact JSON file
/// sink, and enrichment from the log context so that the <see cref="LogScopes"/> properties (Job, RunKey, Feed, Dong)
/// land on every event written inside a scope. Personal data never goes in: callers log household ids, counts and
/// durations, through message templates with named properties.
/// </summary>
public static class LoggingSetup
{
    /// <summary>A Serilog logger built from <paramref name="options"/>; dispose it to flush the file.</summary>
    public static Serilog.Core.Logger CreateLogger(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quietLevel = options.MinimumLevel <= LogEventLevel.Debug ? options.MinimumLevel : LogEventLevel.Warning;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            // Library chatter (Hangfire polling, host lifetime, HTTP) would drown the pipeline's own events.
            .MinimumLevel.Override("Hangfire", quietLevel)
            .MinimumLevel.Override("Microsoft", quietLevel)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", quietLevel)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", options.Application);
        if (options.Console)
            // A sub-logger gets its own copy of each event, so the console-only JobTag never reaches the JSON file.
            config = config.WriteTo.Logger(console => console
                .Enrich.With(new JobTagEnricher())
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{JobTag}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(options.File))
            config = config.WriteTo.File(new CompactJsonFormatter(), options.File,
                rollingInterval: options.RollDaily ? RollingInterval.Day : RollingInterval.Infinite,
                retainedFileCountLimit: 31, shared: true);
        return config.CreateLogger();
    }

    /// <summary>
    /// Replaces the builder's providers with Serilog built from <paramref name="options"/>; the logger is disposed
    /// (and the file flushed) with the service provider.
    /// </summary>
    public static ILoggingBuilder AddBlindSpotLogging(this ILoggingBuilder builder, LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ClearProviders();
        builder.SetMinimumLevel(LogLevel.Trace); // Serilog filters; MEL must not filter before it
        builder.AddSerilog(CreateLogger(options), dispose: true);
        return builder;
    }

    /// <summary>An ILoggerFactory over Serilog for processes without a host (the CLI); dispose it at exit.</summary>
    public static ILoggerFactory CreateLoggerFactory(LoggingOptions options) =>
        LoggerFactory.Create(b => b.AddBlindSpotLogging(options));
}
