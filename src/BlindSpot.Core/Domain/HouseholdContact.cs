namespace BlindSpot.Core.Domain;

/// <summary>
/// The contact details of one registry version of a household (contract §2.1: 세대주 성명, 주소, 연락처): what a dong's
/// worklist shows of a listed household. Read from the store for the listed households only
/// (<see cref="Storage.IDistrictReader.LoadContactsAsync"/>); a district loaded for modeling does not carry them.
/// </summary>
public sealed record HouseholdContact(string HouseholdId, DateOnly SnapshotDate, string HeadName, string Address, string? Phone);
