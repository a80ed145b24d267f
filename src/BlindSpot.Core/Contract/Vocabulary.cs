using System.Collections.Immutable;

namespace BlindSpot.Core.Contract;

/// <summary>
/// The closed value lists of the data contract (docs/data-contract.md), in contract order. The readers accept exactly
/// these, the feature schema has one slot per value in this order (the last is the catch-all 기타), and the generator
/// and the tests draw from them. A new value is a contract change: it moves the feature vector, so the schema version
/// must move with it (the schema's approval test fails otherwise). Immutable: no caller can change the contract at run time.
/// </summary>
public static class Vocabulary
{
    /// <summary>households.housing_type.</summary>
    public static readonly ImmutableArray<string> HousingTypes = ["아파트", "연립다세대", "단독", "반지하", "고시원", "쪽방", "기타"];

    /// <summary>households.tenure.</summary>
    public static readonly ImmutableArray<string> Tenures = ["자가", "전세", "월세", "무상", "기타"];

    /// <summary>tips_hotline.reporter_type: who called the memo-pad hotline.</summary>
    public static readonly ImmutableArray<string> ReporterTypes = ["관리사무소", "부동산", "편의점", "약국", "이웃", "본인", "기타"];

    /// <summary>tips_officer.category: what the honorary officer saw.</summary>
    public static readonly ImmutableArray<string> TipCategories = ["경제", "주거", "건강", Isolation, "돌봄", "기타"];

    /// <summary>The tip category of social isolation (고립): a signal of its own in the worklist policy.</summary>
    public const string Isolation = "고립";
}
