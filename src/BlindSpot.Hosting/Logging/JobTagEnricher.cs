using Serilog.Core;
using Serilog.Events;

namespace BlindSpot.Hosting.Logging;

/// <summary>Adds a short " (job=…, feed=…, dong=…)" suffix for the console template when those scope properties are set.</summary>
internal sealed class JobTagEnricher : ILogEventEnricher
{
    static readonly string[] Keys = [LogScopes.Job, LogScopes.Feed, LogScopes.Dong];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var parts = new List<string>(3);
        foreach (var key in Keys)
            if (logEvent.Properties.TryGetValue(key, out var v) && v is ScalarValue { Value: { } value })
                parts.Add($"{key.ToLowerInvariant()}={value}");
        // Only the console template uses JobTag; the JSON file has the properties themselves.
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("JobTag", parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})"));
    }
}
