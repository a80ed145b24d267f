using BlindSpot.Core.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// The one Serilog set-up of BlindSpot, called by the CLI and by the jobs host: a console sink, a compact JSON file
/// sink, and enrichment from the log context so that the <see cref="LogScopes"/> properties (Job, RunKey, Dong)
/// land on every event written inside a scope. Personal data never goes in: callers log household ids, counts and
/// durations, through message templates with named properties.
/// </summary>
public static class LoggingSetup
{
    /// <summary>
    /// The invariant culture with ISO dates: a DateOnly or DateTime property renders as 2026-11-01 on the console, not
    /// in the invariant culture's US order (11/01/2026), which a Korean operator reads as the 11th of January.
    /// </summary>
    static readonly System.Globalization.CultureInfo IsoDates = CreateIsoDates();

    static System.Globalization.CultureInfo CreateIsoDates()
    {
        var c = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        c.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        c.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return System.Globalization.CultureInfo.ReadOnly(c);
    }

    /// <summary>A Serilog logger built from <paramref name="options"/>; dispose it to flush the file.</summary>
    public static Serilog.Core.Logger CreateLogger(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Overrides replace the minimum for their sources: never let one of them say more than the minimum asks for.
        var quietLevel = options.MinimumLevel <= LogEventLevel.Debug || options.MinimumLevel > LogEventLevel.Warning
            ? options.MinimumLevel : LogEventLevel.Warning;
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
                .Enrich.With(new ExceptionLineEnricher())
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{JobTag}{ExceptionLine}{NewLine}",
                    formatProvider: IsoDates,
                    standardErrorFromLevel: options.StandardError ? LogEventLevel.Verbose : null));
        if (!string.IsNullOrWhiteSpace(options.File))
        {
            // The log folder is created 0700 before the sink opens a file in it; each file is made 0600 as it is opened.
            PrivateFiles.CreateParent(options.File);
            config = config.WriteTo.File(new CompactJsonFormatter(), options.File,
                rollingInterval: options.RollDaily ? RollingInterval.Day : RollingInterval.Infinite,
                retainedFileCountLimit: 31, hooks: new OwnerOnlyLogFiles());
        }
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

    /// <summary>
    /// What every host calls: Serilog from section "BlindSpot:Logging" of <paramref name="configuration"/>, over the
    /// host's <paramref name="defaults"/> (the CLI: warnings on standard error; the jobs host: a JSON file too).
    /// A value that does not bind leaves the defaults: <see cref="Composition.StartupCheck"/> reports it and the host stops.
    /// </summary>
    public static ILoggingBuilder AddBlindSpotLogging(this ILoggingBuilder builder, IConfiguration configuration, LoggingOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Composition.FilesOptions.Apply(configuration); // the log folder is the first thing created, before the container
        return builder.AddBlindSpotLogging(Bind(configuration, defaults));
    }

    /// <summary>An ILoggerFactory over Serilog for tools without a container (the benchmarks); dispose it at exit.</summary>
    public static ILoggerFactory CreateLoggerFactory(LoggingOptions options) =>
        LoggerFactory.Create(b => b.AddBlindSpotLogging(options));

    /// <summary>The logging options <paramref name="configuration"/> gives over <paramref name="defaults"/>.</summary>
    public static LoggingOptions Bind(IConfiguration configuration, LoggingOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(defaults);
        var options = defaults with { };
        try
        {
            configuration.GetSection(LoggingOptions.Section).Bind(options);
            return options;
        }
        catch (InvalidOperationException)
        {
            return defaults; // reported as one line by StartupCheck before the host does anything
        }
    }
}
