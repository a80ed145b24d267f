namespace BlindSpot.Core.Domain;

/// <summary>
/// One household as one registry snapshot saw it (contract §2.1). Snapshots are kept as versions so that
/// features as of a date use what the registry said then.
/// <para>
/// <see cref="Address"/>, <see cref="HeadName"/> and <see cref="Phone"/> are the household's contact details: a version
/// read from a registry file (and the ingest's registry) carries them. A district loaded for modeling
/// (<see cref="DistrictData"/>) does not: its versions carry "" and null, as a version whose details retention has
/// cleared does, and the worklists read the listed households' details from the store
/// (<see cref="Storage.IDistrictReader.LoadContactsAsync"/>). Features never use them.
/// </para>
/// </summary>
public sealed record Household(
    string HouseholdId,
    string Dong,
    string Address,
    string HeadName,
    string? Phone,
    int HeadBirthYear,
    Sex HeadSex,
    int Members,
    int ChildrenUnder2,
    bool? SingleParent,
    bool? Pregnant,
    bool? Disability,
    string HousingType,
    string Tenure,
    DateOnly MovedIn,
    bool BasicLivelihood,
    bool CaseManaged,
    DateOnly SnapshotDate)
{
    /// <summary>Set on read: absent from the newest snapshot known as of the read date.</summary>
    public bool MovedOut { get; init; }

    public int AgeOn(DateOnly date) => date.Year - HeadBirthYear;
}
