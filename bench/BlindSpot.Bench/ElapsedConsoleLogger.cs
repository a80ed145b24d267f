using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Bench;

/// <summary>
/// Writes each log event to standard error prefixed with the seconds since the provider was created, so the duration
/// of every step of a run can be read from the gaps between lines. Same rendered message templates as the CLI
/// (the pipeline logs household ids and counts only).
/// </summary>
internal sealed class ElapsedConsoleLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    readonly long started = Stopwatch.GetTimestamp();
    readonly Lock gate = new();
    readonly LogLevel minimumLevel = minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose() { }

    sealed class Logger(ElapsedConsoleLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var seconds = Stopwatch.GetElapsedTime(owner.started).TotalSeconds;
            var line = string.Create(CultureInfo.InvariantCulture, $"[+{seconds,7:F2} s {logLevel.ToString()[..3].ToUpperInvariant()}] {category}: {formatter(state, exception)}");
            lock (owner.gate) Console.Error.WriteLine(line);
        }
    }
}
