namespace BlindSpot.Core.Domain;

/// <summary>One crisis-information row (contract §2.2): a household, a month and an indicator.</summary>
/// <param name="Month">The first day of the reference month.</param>
/// <param name="Indicator">Canonical code; unknown codes are kept upper-cased.</param>
/// <param name="KnownCode">False for a code the contract does not list yet (stored and reported).</param>
public sealed record CrisisRecord(string HouseholdId, DateOnly Month, string Indicator, decimal Value, bool KnownCode);
