namespace BlindSpot.Csv.Ingest;

/// <summary>One column of a feed: its canonical English name, the aliases accepted as header, and whether it is required.</summary>
internal sealed record ColumnDef(string Name, bool Required, params string[] Aliases);

/// <summary>
/// The columns of the contract's first feeds (§2; English name first, then the Korean alias). A feed added later keeps
/// its columns beside its row reader; <see cref="FeedReaders"/> pairs each feed with its columns and reader.
/// </summary>
internal static class FeedSchema
{
    public static readonly ColumnDef[] Households =
    [
        new("household_id", true, "세대ID"),
        new("dong", true, "행정동"),
        new("address", true, "주소"),
        new("head_name", true, "세대주성명"),
        new("phone", false, "연락처"),
        new("head_birth_year", true, "세대주출생연도"),
        new("head_sex", true, "세대주성별"),
        new("members", true, "세대원수"),
        new("children_under_2", false, "만2세미만자녀수"),
        new("single_parent", false, "한부모"),
        new("pregnant", false, "임신"),
        new("disability", false, "장애"),
        new("housing_type", true, "주거형태"),
        new("tenure", true, "점유형태"),
        new("moved_in", true, "전입일"),
        new("basic_livelihood", true, "기초생활수급"),
        new("case_managed", true, "사례관리"),
    ];

    public static readonly ColumnDef[] Crisis =
    [
        new("household_id", true, "세대ID"),
        new("reference_month", true, "기준월"),
        new("indicator", true, "위기정보"),
        new("value", true, "값"),
    ];

    public static readonly ColumnDef[] TipsOfficer =
    [
        new("tip_id", true, "제보번호"),
        new("received_at", true, "접수일시"),
        new("officer_id", true, "제보자ID"),
        new("dong", true, "행정동"),
        new("address", true, "주소"),
        new("subject_name", false, "대상자성명"),
        new("phone", false, "대상자연락처"),
        new("household_id", false, "세대ID"),
        new("category", true, "유형"),
        new("urgent", false, "긴급"),
        new("note", true, "내용"),
    ];

    public static readonly ColumnDef[] TipsHotline =
    [
        new("call_id", true, "접수번호"),
        new("called_at", true, "접수일시"),
        new("reporter_type", true, "신고자유형"),
        new("dong", false, "행정동"),
        new("address", true, "주소"),
        new("subject_name", false, "대상자성명"),
        new("urgent", false, "긴급"),
        new("note", true, "내용"),
    ];

    public static readonly ColumnDef[] Outcomes =
    [
        new("household_id", true, "세대ID"),
        new("visited_on", true, "방문일"),
        new("result", true, "결과"),
        new("services", false, "연계서비스"),
        new("worker_id", true, "담당자ID"),
        new("correction", false, "정정"),
    ];

    // The contract gives no Korean aliases for the two configuration files: these are ours (docs/data-contract.md).
    public static readonly ColumnDef[] TargetsBaseline =
    [
        new("dong", true, "행정동"),
        new("year", true, "연도"),
        new("discoveries", true, "발굴건수", "발굴"),
    ];

    public static readonly ColumnDef[] Capacity =
    [
        new("dong", true, "행정동"),
        new("daily_visits", true, "일일방문가능수", "일일방문"),
    ];
}
