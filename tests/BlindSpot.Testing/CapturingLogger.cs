using Microsoft.Extensions.Logging;

namespace BlindSpot.Testing;

/// <summary>A logger that keeps every event (level and rendered message), for tests that a warning was written.</summary>
public sealed class CapturingLogger : ILogger, ILoggerFactory
{
    readonly List<(LogLevel Level, string Message)> events = [];

    /// <summary>The events so far (a copy: safe to enumerate while the code under test still logs).</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Events { get { lock (events) return [.. events]; } }

    public IEnumerable<string> Warnings => Events.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (events) events.Add((logLevel, formatter(state, exception)));
    }

    // As a factory, every category writes here.
    ILogger ILoggerFactory.CreateLogger(string categoryName) => this;

    void ILoggerFactory.AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    void IDisposable.Dispose() { }
}
