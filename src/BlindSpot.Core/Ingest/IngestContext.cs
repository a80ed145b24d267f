using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// What ingest needs to know of the store before reading files: the keys already stored (for duplicates)
/// and the registry's households (to check ids and to match tips by address). Ingest adds the keys of each
/// file it commits, so duplicates across files of one run are found too.
/// </summary>
public sealed class IngestContext
{
    /// <summary>household_id + "|" + snapshot date (yyyyMMdd).</summary>
    public HashSet<string> HouseholdSnapshotKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>household_id + "|" + yyyy-MM + "|" + indicator.</summary>
    public HashSet<string> CrisisKeys { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OfficerTipIds { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HotlineCallIds { get; } = new(StringComparer.Ordinal);
    /// <summary>household_id + "|" + visited_on (yyyy-MM-dd).</summary>
    public HashSet<string> OutcomeKeys { get; } = new(StringComparer.Ordinal);
    /// <summary>The stored result of each outcome key (corrections and conflicts are told apart by it).</summary>
    public Dictionary<string, Domain.VisitResult> OutcomeResults { get; } = new(StringComparer.Ordinal);
    /// <summary>Newest known version of every household: id -> (dong, address, head name).</summary>
    public Dictionary<string, HouseholdRef> Households { get; } = new(StringComparer.Ordinal);
}

/// <summary>The part of a household that tip resolution needs (phone, sex and birth year are evidence when a tip names them).</summary>
public sealed record HouseholdRef(string HouseholdId, string Dong, string Address, string HeadName, DateOnly SnapshotDate,
    string? Phone = null, Sex? HeadSex = null, int HeadBirthYear = 0);
