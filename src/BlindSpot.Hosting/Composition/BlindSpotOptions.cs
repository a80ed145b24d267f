using BlindSpot.Storage;

namespace BlindSpot.Hosting.Composition;

/// <summary>
/// Where a BlindSpot process keeps and finds its data. Section "BlindSpot" (keys BlindSpot:Db, BlindSpot:Inbox...;
/// environment BlindSpot__Db; the CLI's --db and the jobs host's --db override).
/// </summary>
public sealed class BlindSpotOptions
{
    public const string Section = "BlindSpot";

    /// <summary>SQLite file path (embedded) or a PostgreSQL connection string (Host=...; or postgresql://...).</summary>
    public string Db { get; set; } = "./blindspot.db";

    /// <summary>Folder the district's systems drop CSV files into (the jobs host's scheduled ingest).</summary>
    public string Inbox { get; set; } = "./inbox";

    /// <summary>Folder the worklists (worklists/&lt;date&gt;/&lt;dong&gt;.csv) and target reports (targets/&lt;year&gt;.csv) are written to.</summary>
    public string Out { get; set; } = "./out";

    /// <summary>Where quarantined rows are copied as files for clerks; default: quarantine/ beside the SQLite file (./quarantine for PostgreSQL).</summary>
    public string? Quarantine { get; set; }

    /// <summary>
    /// Where the district's history is kept between runs (docs/adr/0006, "Third pass"; docs/operations.md): unset,
    /// beside a SQLite store ("&lt;file&gt;.district-cache") and nowhere for PostgreSQL (several hosts share it; each
    /// keeps its own copy only when given a folder); a folder: there, one owner-only file per store; "off": nowhere.
    /// </summary>
    public string? DistrictCache { get; set; }

    public string QuarantineDir => string.IsNullOrWhiteSpace(Quarantine)
        ? Path.Combine(StoreFactory.DataDirectory(Db), "quarantine")
        : Quarantine;

    /// <summary>Null when valid, else one Korean sentence naming the key (never echoing Db: it may hold a password).</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Db) ? $"{Section}:{nameof(Db)}가 비어 있습니다: SQLite 파일 경로나 PostgreSQL 연결 문자열을 주세요."
        : StoreAddress.Parse(Db).Problem is { } db ? db
        : string.IsNullOrWhiteSpace(Inbox) ? $"{Section}:{nameof(Inbox)}가 비어 있습니다: 수신 폴더를 주세요."
        : string.IsNullOrWhiteSpace(Out) ? $"{Section}:{nameof(Out)}이 비어 있습니다: 출력 폴더를 주세요."
        : SameFolder(Inbox, QuarantineDir)
            ? $"격리 폴더(--quarantine, {Section}:{nameof(Quarantine)})가 받은 파일 폴더(--inbox, {Section}:{nameof(Inbox)})와 같습니다: " +
              "격리 사본이 다음 수집마다 피드를 모르는 파일로 나옵니다. 다른 폴더를 주세요."
        : null;

    /// <summary>True when both paths name the same folder (a sub-folder is fine: the inbox's sub-folders are not read).</summary>
    static bool SameFolder(string a, string b)
    {
        static string Full(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
        try
        {
            return string.Equals(Full(a), Full(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false; // a path that is no path is reported where it is used
        }
    }
}
