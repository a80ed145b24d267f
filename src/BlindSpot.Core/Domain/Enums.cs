namespace BlindSpot.Core.Domain;

public enum Sex { M, F }

/// <summary>Where a tip came from: an honorary social welfare officer or the memo-pad hotline.</summary>
public enum TipSource { Officer, Hotline }

/// <summary>How a tip was resolved to a registry household; recorded on every tip.</summary>
public enum MatchMethod
{
    /// <summary>Not matched: the tip is kept and reported, and counts for nobody yet.</summary>
    None,
    /// <summary>The tip carried a household_id known to the registry.</summary>
    HouseholdId,
    /// <summary>The normalised address pointed at exactly one household.</summary>
    Address,
    /// <summary>The normalised address pointed at several households and the name (or phone, or what the caller said of the
    /// person) picked one.</summary>
    AddressAndName,
    /// <summary>A building name harvested from the registry (행복빌라 203호) found the building.</summary>
    BuildingName,
    /// <summary>A misspelt road name matched a registry road by Korean-aware (jamo) edit distance.</summary>
    RoadTypo,
    /// <summary>The building number did not fit; a nearby number on the same road did, with the unit and the person.</summary>
    NearbyNumber,
    /// <summary>Described by what is near it (… 근처, … 옆): a building around the place named.</summary>
    Landmark,
    /// <summary>The subject's phone number is the phone of a registry household.</summary>
    Phone,
    /// <summary>Dong staff chose the household among the candidates (or linked it by hand).</summary>
    Confirmed,
    /// <summary>The address fitted several households and what the tip says of the person (혼자 사는 할머니, 아기 엄마,
    /// 중년 남성) or who reported it (a management office) picked the one whose registry members fit.</summary>
    AddressAndPerson,
}

/// <summary>How a tip was linked, in the words dong staff read.</summary>
public static class MatchMethods
{
    public static string Korean(MatchMethod m) => m switch
    {
        MatchMethod.None => "미연결",
        MatchMethod.HouseholdId => "세대ID",
        MatchMethod.Address => "주소",
        MatchMethod.AddressAndName => "주소+성명",
        MatchMethod.BuildingName => "건물명",
        MatchMethod.RoadTypo => "도로명 오기",
        MatchMethod.NearbyNumber => "인근 번지",
        MatchMethod.Landmark => "주변 건물",
        MatchMethod.Phone => "전화번호",
        MatchMethod.Confirmed => "담당자 확인",
        MatchMethod.AddressAndPerson => "주소+인적사항",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };
}

/// <summary>The three outcomes of tip resolution.</summary>
public enum TipLinkStatus
{
    /// <summary>Linked to one household (by id, by the resolver above its precision threshold, or by staff).</summary>
    Linked,
    /// <summary>Not linked; one to five households for dong staff to confirm.</summary>
    Candidates,
    /// <summary>Not linked and no short list: kept with the address as written.</summary>
    Unresolved,
}

/// <summary>Visit results of contract §2.5.</summary>
public enum VisitResult
{
    Discovered,       // 발굴
    NotInCrisis,      // 비해당
    Absent,           // 부재
    Refused,          // 거부
    AlreadySupported, // 기존지원
}

public static class VisitResults
{
    public static string Korean(VisitResult r) => r switch
    {
        VisitResult.Discovered => "발굴",
        VisitResult.NotInCrisis => "비해당",
        VisitResult.Absent => "부재",
        VisitResult.Refused => "거부",
        VisitResult.AlreadySupported => "기존지원",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    public static VisitResult? Parse(string raw) => raw.Trim().ToUpperInvariant() switch
    {
        "발굴" or "DISCOVERED" => VisitResult.Discovered,
        "비해당" or "NOT_IN_CRISIS" => VisitResult.NotInCrisis,
        "부재" or "ABSENT" => VisitResult.Absent,
        "거부" or "REFUSED" => VisitResult.Refused,
        "기존지원" or "ALREADY_SUPPORTED" => VisitResult.AlreadySupported,
        _ => null,
    };

    /// <summary>The model's label: 발굴 = 1, 비해당 = 0, every other result carries none.</summary>
    public static bool? Label(VisitResult r) => r switch
    {
        VisitResult.Discovered => true,
        VisitResult.NotInCrisis => false,
        _ => null,
    };
}
