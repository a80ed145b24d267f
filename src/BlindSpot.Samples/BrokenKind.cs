namespace BlindSpot.Samples;

/// <summary>The kinds of deliberately broken rows the data contract names; each must be quarantined or merged.</summary>
public enum BrokenKind
{
    /// <summary>A date that does not exist (2026-02-30).</summary>
    ImpossibleDate,
    /// <summary>A date or date-time years after the moment of any ingest.</summary>
    FutureDate,
    /// <summary>A reference_month that is no month (2026-13).</summary>
    BadMonth,
    /// <summary>A dong that is not one of Yeongdeungpo-gu's (역삼동).</summary>
    UnknownDong,
    /// <summary>A legal dong (법정동: 여의도동, 당산동, 신길동 ...), not an administrative one.</summary>
    LegalDong,
    /// <summary>신길2동, merged long ago.</summary>
    MergedDong,
    /// <summary>An empty required field.</summary>
    EmptyRequired,
    /// <summary>A value outside a closed list (housing_type, tenure, sex, category, reporter_type, result).</summary>
    BadEnum,
    /// <summary>An int outside its range (members 25, head_birth_year 1890 ...).</summary>
    OutOfRange,
    /// <summary>A negative number where the contract wants >= 0 or >= 1.</summary>
    NegativeValue,
    /// <summary>A boolean that is none of Y/N, 예/아니오, 1/0, true/false.</summary>
    BadBoolean,
    /// <summary>A crisis row for a household_id the registry never had.</summary>
    UnknownHousehold,
    /// <summary>A hotline call with no dong and an address that does not show one.</summary>
    HotlineWithoutDong,
    /// <summary>A row with more or fewer fields than the header.</summary>
    WrongFieldCount,
    /// <summary>The last line of the file cut short (mid-field or inside an open quote), no newline after it.</summary>
    TruncatedLastLine,
    /// <summary>A key repeated inside one file: counted as duplicate, not quarantined.</summary>
    DuplicateInFile,
    /// <summary>A key already written in an earlier file of the same feed: counted as duplicate.</summary>
    DuplicateAcrossFiles,
}

public static class BrokenKinds
{
    /// <summary>Duplicates are merged (counted as duplicate); every other kind is quarantined.</summary>
    public static bool IsDuplicate(BrokenKind kind) => kind is BrokenKind.DuplicateInFile or BrokenKind.DuplicateAcrossFiles;
}
