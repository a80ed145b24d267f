namespace BlindSpot.Core.Domain;

/// <summary>
/// Everything the store knew by the end of <see cref="AsOf"/> (KST): every registry snapshot version of every
/// household, crisis rows of months that had ended, tips received and visits made up to that day, and the
/// configuration. Features, labels, worklists and targets are all computed from one of these, and
/// <see cref="Until"/> cuts it to an earlier day, so no computation can look ahead.
/// </summary>
public sealed record DistrictData(DateOnly AsOf)
{
    /// <summary>
    /// Every registry snapshot version of every household (<see cref="Households"/> resolves them as of the day). A store's
    /// district leaves out their contact details (<see cref="Household"/>): modeling does not need them.
    /// </summary>
    public IReadOnlyList<Household> HouseholdVersions { get; init; } = [];
    public IReadOnlyList<CrisisRecord> Crisis { get; init; } = [];
    public IReadOnlyList<Tip> Tips { get; init; } = [];
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];

    /// <summary>
    /// The rows of every other feed, by row type (<see cref="FeedRows"/>), as the store's registration of their tables
    /// loaded them; <see cref="Until"/> cuts the dated ones (<see cref="IKnownOn"/>).
    /// </summary>
    public FeedRows Rows { get; init; } = FeedRows.Empty;

    /// <summary>capacity.csv's rows (kept in <see cref="Rows"/>; set after <see cref="Rows"/> when both are set).</summary>
    public IReadOnlyList<DongCapacity> Capacity { get => Rows.Of<DongCapacity>(); init => Rows = Rows.With(value); }

    /// <summary>targets_baseline.csv's rows (kept in <see cref="Rows"/>; set after <see cref="Rows"/> when both are set).</summary>
    public IReadOnlyList<TargetBaseline> Baselines { get => Rows.Of<TargetBaseline>(); init => Rows = Rows.With(value); }

    /// <summary>A district that knows nothing yet on <paramref name="asOf"/> (tests and callers add lists with <c>with</c>).</summary>
    public static DistrictData Empty(DateOnly asOf) => new(asOf);

    /// <summary>A monthly crisis figure is known once its month is over.</summary>
    public static bool IsCrisisKnown(CrisisRecord c, DateOnly asOf) => c.Month.AddMonths(1) <= asOf.AddDays(1);

    /// <summary>A copy restricted to what was known by the end of <paramref name="date"/> (no look-ahead).</summary>
    public DistrictData Until(DateOnly date)
    {
        if (date >= AsOf) return this;
        var endOfDay = date.ToDateTime(TimeOnly.MaxValue);
        return this with
        {
            AsOf = date,
            Crisis = Crisis.Where(c => IsCrisisKnown(c, date)).ToArray(),
            Tips = Tips.Where(t => t.ReceivedAt <= endOfDay).ToArray(),
            Outcomes = Outcomes.Where(o => o.VisitedOn <= date).ToArray(),
            Rows = Rows.Until(date),
        };
    }

    /// <summary>
    /// The households as the registry described them on <see cref="AsOf"/>: for each household its newest
    /// snapshot version dated on or before that day, with <see cref="Household.MovedOut"/> set when the
    /// household is missing from the newest snapshot of that time. A household first seen in a later
    /// snapshot but already living here (moved_in on or before the day) is back-filled from its oldest
    /// version: registries are extracted rarely, and its facts are the best knowledge there is; households
    /// that moved in later do not exist yet.
    /// </summary>
    public IReadOnlyList<Household> Households => households ??= Resolve();

    // Cached resolution for AsOf; deliberately not carried over by `with` (see the copy constructor).
    IReadOnlyList<Household>? households;

    DistrictData(DistrictData original)
    {
        AsOf = original.AsOf;
        HouseholdVersions = original.HouseholdVersions;
        Crisis = original.Crisis;
        Tips = original.Tips;
        Outcomes = original.Outcomes;
        Rows = original.Rows;
    }

    IReadOnlyList<Household> Resolve()
    {
        DateOnly? newestSnapshot = null;
        foreach (var v in HouseholdVersions)
            if (v.SnapshotDate <= AsOf && (newestSnapshot is null || v.SnapshotDate > newestSnapshot)) newestSnapshot = v.SnapshotDate;

        // The store gives each household's versions one after another, households in id order: then one pass picks each
        // household's version and the result is in id order already. Versions in any other order take the general way.
        var result = new List<Household>();
        Household? current = null;
        foreach (var v in HouseholdVersions)
        {
            if (current is null) { current = v; continue; }
            if (ReferenceEquals(v.HouseholdId, current.HouseholdId) || string.Equals(v.HouseholdId, current.HouseholdId, StringComparison.Ordinal))
            {
                current = Better(current, v);
                continue;
            }
            if (string.CompareOrdinal(v.HouseholdId, current.HouseholdId) < 0) return ResolveInAnyOrder(newestSnapshot);
            Add(result, current, newestSnapshot);
            current = v;
        }
        if (current is not null) Add(result, current, newestSnapshot);
        return result;
    }

    IReadOnlyList<Household> ResolveInAnyOrder(DateOnly? newestSnapshot)
    {
        var chosen = new Dictionary<string, Household>(StringComparer.Ordinal);
        foreach (var v in HouseholdVersions)
        {
            if (!chosen.TryGetValue(v.HouseholdId, out var current)) { chosen[v.HouseholdId] = v; continue; }
            chosen[v.HouseholdId] = Better(current, v);
        }

        var result = new List<Household>(chosen.Count);
        foreach (var h in chosen.Values) Add(result, h, newestSnapshot);
        result.Sort((a, b) => string.CompareOrdinal(a.HouseholdId, b.HouseholdId));
        return result;
    }

    /// <summary>
    /// Adds a household's chosen version as the day sees it: moved out when it is missing from the newest snapshot of
    /// the day; a version of a later snapshot only when the household had moved in by then. A version that already
    /// says what the day says is shared, not copied (records never change).
    /// </summary>
    void Add(List<Household> result, Household h, DateOnly? newestSnapshot)
    {
        if (h.SnapshotDate > AsOf)
        {
            if (h.MovedIn > AsOf) return;
            result.Add(h.MovedOut ? h with { MovedOut = false } : h);
        }
        else
        {
            var movedOut = newestSnapshot is { } s && h.SnapshotDate < s;
            result.Add(h.MovedOut == movedOut ? h : h with { MovedOut = movedOut });
        }
    }

    /// <summary>Newest version on or before AsOf wins; failing that, the oldest version after it.</summary>
    Household Better(Household a, Household b)
    {
        var aIn = a.SnapshotDate <= AsOf;
        var bIn = b.SnapshotDate <= AsOf;
        if (aIn != bIn) return aIn ? a : b;
        if (aIn) return b.SnapshotDate > a.SnapshotDate ? b : a;
        return b.SnapshotDate < a.SnapshotDate ? b : a;
    }
}
