namespace BlindSpot.Core.Contract;

/// <summary>The input feeds of the data contract, recognised by file-name prefix.</summary>
public enum Feed
{
    Households,
    Crisis,
    TipsOfficer,
    TipsHotline,
    Outcomes,
    TargetsBaseline,
    Capacity,
}

public static class Feeds
{
    /// <summary>Prefixes in matching order (tips_officer before a hypothetical tips*).</summary>
    static readonly (string Prefix, Feed Feed)[] Prefixes =
    [
        ("households", Feed.Households),
        ("crisis", Feed.Crisis),
        ("tips_officer", Feed.TipsOfficer),
        ("tips_hotline", Feed.TipsHotline),
        ("outcomes", Feed.Outcomes),
        ("targets_baseline", Feed.TargetsBaseline),
        ("capacity", Feed.Capacity),
    ];

    /// <summary>The feed a file belongs to by its name (case-insensitive), or null when no prefix matches.</summary>
    public static Feed? FromFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var (prefix, feed) in Prefixes)
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return feed;
        return null;
    }

    public static string Name(Feed feed) => Prefixes.First(p => p.Feed == feed).Prefix;
}
