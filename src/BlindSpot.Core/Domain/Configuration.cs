namespace BlindSpot.Core.Domain;

/// <summary>capacity.csv: how many households a dong's visiting team sees a day.</summary>
public sealed record DongCapacity(string Dong, int DailyVisits) : IFeedRow
{
    /// <summary>One figure per dong (the newest file's wins).</summary>
    public string Key => Dong;
}

/// <summary>targets_baseline.csv: last year's discoveries of a dong.</summary>
public sealed record TargetBaseline(string Dong, int Year, int Discoveries) : IFeedRow
{
    /// <summary>One figure per dong and year (the newest file's wins).</summary>
    public string Key => $"{Dong}|{Year}";
}
