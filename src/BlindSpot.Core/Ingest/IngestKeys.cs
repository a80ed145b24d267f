namespace BlindSpot.Core.Ingest;

/// <summary>The duplicate keys of <see cref="IngestContext"/>, built the same way everywhere.</summary>
public static class IngestKeys
{
    public static string Household(string id, DateOnly snapshot) => $"{id}|{snapshot:yyyyMMdd}";
    public static string Crisis(string id, DateOnly month, string indicator) => $"{id}|{month:yyyy-MM}|{indicator}";
    public static string Outcome(string id, DateOnly visitedOn) => $"{id}|{visitedOn:yyyy-MM-dd}";
}
