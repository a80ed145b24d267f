namespace BlindSpot.Core.Worklists;

/// <summary>Why an eligible-looking household was kept off every list (counted per dong, never listed by name).</summary>
public enum Exclusion
{
    MovedOut,
    CaseManaged,
    /// <summary>Visited within the cool-off period with no new tip or crisis indicator since.</summary>
    CoolOff,
    /// <summary>Nobody was home (부재) a few days ago: it comes back after <see cref="WorklistOptions.AbsentReturnDays"/>.</summary>
    AbsentWaiting,
    /// <summary>A basic-livelihood recipient with no recent tip and no isolation signal.</summary>
    BasicLivelihood,
    /// <summary>Listed on a recent worklist and not visited since (and no urgent tip).</summary>
    RecentlyListed,
}

/// <summary>What clerks read of each <see cref="Exclusion"/> (the counts printed by `run` and `worklists`).</summary>
public static class Exclusions
{
    /// <summary>The Korean name of <paramref name="exclusion"/> ("전출", "사례관리 중", ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An exclusion without a name (a test holds every value to one).</exception>
    public static string KoreanName(Exclusion exclusion) => exclusion switch
    {
        Exclusion.MovedOut => "전출",
        Exclusion.CaseManaged => "사례관리 중",
        Exclusion.CoolOff => "최근 방문(재방문 대기)",
        Exclusion.AbsentWaiting => "부재 후 대기",
        Exclusion.BasicLivelihood => "기초생활수급",
        Exclusion.RecentlyListed => "최근 목록에 오름",
        _ => throw new ArgumentOutOfRangeException(nameof(exclusion), exclusion, "This exclusion has no Korean name."),
    };
}

/// <summary>
/// How many households one exclusion kept off one dong's worklist of a day (counts only, never a household), as
/// stored beside the worklist (<see cref="Storage.IWorklistStore.ReplaceWorklistAsync"/>).
/// </summary>
public sealed record ExclusionCount(DateOnly Date, string Dong, Exclusion Exclusion, int Households);

/// <summary>How the day's entries were ranked.</summary>
public enum ScoringMode
{
    /// <summary>By the champion's calibrated probabilities.</summary>
    Model,
    /// <summary>No scores for the day: by tips and a rules score (count of distinct recent crisis indicators).</summary>
    Rules,
}

/// <summary>One dong's list for the day.</summary>
/// <param name="Capacity">daily_visits of capacity.csv (or the configured default).</param>
/// <param name="Excluded">How many households each exclusion kept off.</param>
public sealed record DongWorklist(string Dong, int Capacity, IReadOnlyList<WorklistEntry> Entries, IReadOnlyDictionary<Exclusion, int> Excluded)
{
    public int OverCapacity => Entries.Count(e => e.OverCapacity);

    /// <summary>Every exclusion's count for this dong, zeros included, in the enum's order (what is stored).</summary>
    public IEnumerable<ExclusionCount> ExclusionCounts(DateOnly date) =>
        Enum.GetValues<Exclusion>().Select(e => new ExclusionCount(date, Dong, e, Excluded.GetValueOrDefault(e)));
}

/// <summary>The worklists of one business day for every dong (empty lists on a day that is not a business day).</summary>
public sealed record WorklistPlan(DateOnly Date, DateOnly AsOf, bool IsBusinessDay, ScoringMode Mode, string ModelVersion, IReadOnlyList<DongWorklist> Dongs)
{
    public IEnumerable<WorklistEntry> Entries => Dongs.SelectMany(d => d.Entries);

    /// <summary>Every dong's exclusion counts, zeros included (what <see cref="Storage.IWorklistStore.ReplaceWorklistAsync"/> stores).</summary>
    public IEnumerable<ExclusionCount> ExclusionCounts => Dongs.SelectMany(d => d.ExclusionCounts(Date));
}
