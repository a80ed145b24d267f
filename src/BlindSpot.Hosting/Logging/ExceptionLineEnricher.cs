using Serilog.Core;
using Serilog.Events;

namespace BlindSpot.Hosting.Logging;

/// <summary>
/// The console names an event's exception in a few words (" (NpgsqlException: Failed to connect to 127.0.0.1:5432)")
/// instead of printing its stack trace: people read the console (issue 10: no stack trace shown to a user). The JSON
/// log file keeps the whole exception for whoever debugs.
/// </summary>
internal sealed class ExceptionLineEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var e = logEvent.Exception;
        var line = e is null ? "" : $" ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").Trim()})";
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("ExceptionLine", line));
    }
}
