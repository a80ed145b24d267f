using BlindSpot.Core.Domain;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Registry;
using BlindSpot.Resolution.Text;

namespace BlindSpot.Resolution;

/// <summary>
/// What <see cref="TipResolver"/> reads of a household to weigh it, copied side by side: its unit, dong, name, surname,
/// phone, whether it is current, and what a description of the person is compared with. Read from the index, a
/// household's facts are spread over its entry, its <see cref="Core.Ingest.HouseholdRef"/> and its name's string, three
/// places in memory that a tip's hundreds of candidates each miss the processor's cache on (most of the resolver's time
/// at 190,000 households); copied once per building (<see cref="BuildingCards"/>), they are read in a row.
/// </summary>
/// <remarks>
/// Every comparison made with them gives what the comparison of the originals gives: the dong is a number given to each
/// dong string (<see cref="DongCodes"/>: equal numbers, equal strings); a surname (never longer than two letters in the
/// registry) is its letters packed in a number; a name and a phone are compared by a hash first and, when the hashes are
/// equal, as they are (<see cref="TipResolver"/>), so a collision costs a lookup, never a wrong answer.
/// </remarks>
internal readonly struct HouseholdFacts
{
    public readonly string Id;
    public readonly UnitSpec Unit;
    // The dong's number (DongCodes), 0 for a household without a dong.
    public readonly int Dong;
    // string.GetHashCode of the squeezed name; of the phone's key folded (0 without a phone, see HasPhone).
    public readonly int NameHash, PhoneHash;
    // The surname's letters packed (SurnameKey).
    public readonly ulong Surname;
    public readonly int HeadBirthYear, Members;
    readonly sbyte sex;
    readonly byte flags;

    const byte CurrentFlag = 1, PhoneFlag = 2, SingleParentFlag = 4, PregnantFlag = 8, InfantFlag = 16;
    // The housing type's likelihood when a management office reports (TipResolver.ReporterLikelihood), bits 5-6.
    const int HousingShift = 5;

    HouseholdFacts(string id, UnitSpec unit, int dong, int nameHash, int phoneHash, ulong surname, int birthYear, int members, sbyte sex, byte flags)
    {
        Id = id;
        Unit = unit;
        Dong = dong;
        NameHash = nameHash;
        PhoneHash = phoneHash;
        Surname = surname;
        HeadBirthYear = birthYear;
        Members = members;
        this.sex = sex;
        this.flags = flags;
    }

    /// <summary>The facts of <paramref name="h"/>, its dong numbered by <paramref name="dongs"/>.</summary>
    public static HouseholdFacts Of(HouseholdEntry h, DongCodes dongs)
    {
        var r = h.Ref;
        var name = h.Name;
        var phone = h.Phone;
        var flags = (byte)((h.Current ? CurrentFlag : 0) | (phone != 0 ? PhoneFlag : 0) | (r.SingleParent ? SingleParentFlag : 0)
            | (r.Pregnant ? PregnantFlag : 0) | (r.ChildrenUnder2 > 0 ? InfantFlag : 0) | Housing(r.HousingType) << HousingShift);
        return new HouseholdFacts(r.HouseholdId, h.Unit, r.Dong is null ? 0 : dongs.Of(r.Dong), string.GetHashCode(name.AsSpan()),
            phone != 0 ? PhoneHashOf(phone) : 0, SurnameKey(SubjectName.SurnameOfSqueezed(name)), r.HeadBirthYear, r.Members,
            r.HeadSex is { } s ? (sbyte)s : (sbyte)-1, flags);
    }

    /// <summary>Still in the newest snapshot.</summary>
    public bool Current => (flags & CurrentFlag) != 0;
    /// <summary>The registry has a phone for the household.</summary>
    public bool HasPhone => (flags & PhoneFlag) != 0;
    public bool SingleParent => (flags & SingleParentFlag) != 0;
    public bool Pregnant => (flags & PregnantFlag) != 0;
    /// <summary>Children under 2: at least one.</summary>
    public bool Infants => (flags & InfantFlag) != 0;
    public Sex? HeadSex => sex < 0 ? null : (Sex)sex;

    /// <summary>
    /// The housing type as a management office's report weighs it: 0 unknown (null or empty), 1 아파트, 2 연립다세대 or
    /// 기타, 3 anything else.
    /// </summary>
    public int HousingKind => flags >> HousingShift;

    static int Housing(string? type) => type switch
    {
        null or "" => 0,
        "아파트" => 1,
        "연립다세대" or "기타" => 2,
        _ => 3,
    };

    /// <summary>A phone's key (<see cref="Phones.Key"/>) folded to a hash: equal keys, equal hashes.</summary>
    public static int PhoneHashOf(UInt128 phone) => phone.GetHashCode();

    /// <summary>
    /// A surname's letters packed in a number: equal for equal letters, and for up to three letters (a registry head's
    /// surname is one or two) different for different ones; a longer surname gets <see cref="ulong.MaxValue"/>, which
    /// no registry surname has.
    /// </summary>
    public static ulong SurnameKey(ReadOnlySpan<char> surname)
    {
        if (surname.Length > 3) return ulong.MaxValue;
        ulong key = (ulong)surname.Length << 48;
        for (var i = 0; i < surname.Length; i++) key |= (ulong)surname[i] << (16 * (2 - i));
        return key;
    }
}
