namespace BlindSpot.Storage.Schema;

/// <summary>Logical column types; each engine maps them to its own (see <see cref="Sql.SqlDialect"/>).</summary>
internal enum ColumnType { Text, Int, Long, Real, Decimal, Bool, Date, Timestamp, Bytes }

internal sealed record Column(string Name, ColumnType Type, bool Nullable = false);

/// <summary>A table of the storage contract: one definition, DDL for both engines.</summary>
internal sealed record Table(string Name, Column[] Columns, string[] Key)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>
/// The schema. Changing it means adding a migration (<see cref="Migrations"/>), never editing version 1 in place
/// once a district runs on it.
/// </summary>
internal static class Tables
{
    static Column C(string name, ColumnType type, bool nullable = false) => new(name, type, nullable);

    public static readonly Table Files = new("ingested_files",
    [
        C("sha256", ColumnType.Text), C("file_name", ColumnType.Text), C("feed", ColumnType.Text), C("encoding", ColumnType.Text),
        C("rows_read", ColumnType.Int), C("accepted", ColumnType.Int), C("duplicate", ColumnType.Int), C("quarantined", ColumnType.Int),
        C("rejected_reason", ColumnType.Text, true), C("notes", ColumnType.Text), C("ingested_at", ColumnType.Timestamp),
    ], ["sha256"]);

    public static readonly Table Quarantine = new("quarantine",
    [
        C("file_sha256", ColumnType.Text), C("line", ColumnType.Int), C("file_name", ColumnType.Text),
        C("column_name", ColumnType.Text, true), C("reason", ColumnType.Text), C("raw", ColumnType.Text),
    ], ["file_sha256", "line"]);

    /// <summary>The registry versions as schema version 1 created them (frozen), each row naming its file by its SHA-256.</summary>
    public static readonly Table HouseholdVersionsV1 = new("household_versions",
    [
        C("household_id", ColumnType.Text), C("snapshot_date", ColumnType.Date), C("dong", ColumnType.Text),
        C("address", ColumnType.Text), C("head_name", ColumnType.Text), C("phone", ColumnType.Text, true),
        C("head_birth_year", ColumnType.Int), C("head_sex", ColumnType.Text), C("members", ColumnType.Int),
        C("children_under_2", ColumnType.Int), C("single_parent", ColumnType.Bool, true), C("pregnant", ColumnType.Bool, true),
        C("disability", ColumnType.Bool, true), C("housing_type", ColumnType.Text), C("tenure", ColumnType.Text),
        C("moved_in", ColumnType.Date), C("basic_livelihood", ColumnType.Bool), C("case_managed", ColumnType.Bool),
        C("file_sha256", ColumnType.Text),
    ], ["household_id", "snapshot_date"]);

    /// <summary>The crisis rows as schema version 1 created them (frozen).</summary>
    public static readonly Table CrisisV1 = new("crisis",
    [
        C("household_id", ColumnType.Text), C("month", ColumnType.Date), C("indicator", ColumnType.Text),
        C("value", ColumnType.Decimal), C("known_code", ColumnType.Bool), C("file_sha256", ColumnType.Text),
    ], ["household_id", "month", "indicator"]);

    /// <summary>
    /// The history tables since version 10: a row names the file that brought it by that file's number in
    /// <see cref="HistoryFiles"/> (8 bytes at most) instead of its SHA-256 (64 characters, a third of the history's bytes).
    /// </summary>
    public static readonly Table HouseholdVersions = HouseholdVersionsV1 with
    {
        Columns = [.. HouseholdVersionsV1.Columns[..^1], C("file_no", ColumnType.Long)],
    };

    public static readonly Table Crisis = CrisisV1 with { Columns = [.. CrisisV1.Columns[..^1], C("file_no", ColumnType.Long)] };

    /// <summary>
    /// The ledger's files that brought history rows (registry versions, crisis rows), numbered 1, 2, ... in the order they
    /// were committed: a history row's <c>file_no</c> is its file's number here, and the file's SHA-256 leads to its ledger
    /// entry (<see cref="Files"/>). Schema version 10.
    /// </summary>
    public static readonly Table HistoryFiles = new("history_files",
    [
        C("file_no", ColumnType.Long), C("sha256", ColumnType.Text),
    ], ["file_no"]);

    /// <summary>The tips table as schema version 1 created it (frozen: migration 1 must keep creating exactly this).</summary>
    public static readonly Table TipsV1 = new("tips",
    [
        C("source", ColumnType.Text), C("tip_id", ColumnType.Text), C("received_at", ColumnType.Timestamp),
        C("source_detail", ColumnType.Text), C("dong", ColumnType.Text), C("address", ColumnType.Text),
        C("subject_name", ColumnType.Text, true), C("phone", ColumnType.Text, true), C("household_id", ColumnType.Text, true),
        C("match_method", ColumnType.Text), C("category", ColumnType.Text, true), C("urgent", ColumnType.Bool),
        C("note", ColumnType.Text), C("file_sha256", ColumnType.Text),
    ], ["source", "tip_id"]);

    /// <summary>Columns version 3 added to tips: the link's confidence, the candidates for staff, what staff rejected,
    /// and the registry snapshot the tip was last resolved against (a newer one makes an open tip be tried again).</summary>
    public static readonly Column[] TipLinkColumns =
    [
        C("link_confidence", ColumnType.Real), C("candidates", ColumnType.Text), C("rejected_candidates", ColumnType.Text),
        C("resolved_against", ColumnType.Date, true),
    ];

    public static readonly Table Tips = TipsV1 with { Columns = [.. TipsV1.Columns, .. TipLinkColumns] };

    public static readonly Table Outcomes = new("outcomes",
    [
        C("household_id", ColumnType.Text), C("visited_on", ColumnType.Date), C("result", ColumnType.Text),
        C("services", ColumnType.Text, true), C("worker_id", ColumnType.Text), C("file_sha256", ColumnType.Text),
    ], ["household_id", "visited_on"]);

    /// <summary>Visit results replaced by a correction (정정), with the file that replaced them (schema version 2).</summary>
    public static readonly Table OutcomeHistory = new("outcome_history",
    [
        C("household_id", ColumnType.Text), C("visited_on", ColumnType.Date), C("result", ColumnType.Text),
        C("services", ColumnType.Text, true), C("worker_id", ColumnType.Text), C("file_sha256", ColumnType.Text),
        C("replaced_by_sha256", ColumnType.Text), C("replaced_at", ColumnType.Timestamp),
    ], ["household_id", "visited_on", "replaced_by_sha256"]);

    public static readonly Table Capacity = new("capacity",
    [
        C("dong", ColumnType.Text), C("daily_visits", ColumnType.Int), C("file_sha256", ColumnType.Text),
    ], ["dong"]);

    public static readonly Table Baselines = new("target_baselines",
    [
        C("dong", ColumnType.Text), C("year", ColumnType.Int), C("discoveries", ColumnType.Int), C("file_sha256", ColumnType.Text),
    ], ["dong", "year"]);

    public static readonly Table Models = new("models",
    [
        C("version", ColumnType.Text), C("status", ColumnType.Text), C("trained_at", ColumnType.Timestamp),
        C("as_of", ColumnType.Date), C("card_json", ColumnType.Text), C("model_bytes", ColumnType.Bytes),
    ], ["version"]);

    public static readonly Table Scores = new("scores",
    [
        C("as_of", ColumnType.Date), C("household_id", ColumnType.Text), C("dong", ColumnType.Text),
        C("model_version", ColumnType.Text), C("probability", ColumnType.Real), C("reasons", ColumnType.Text),
    ], ["as_of", "household_id"]);

    public static readonly Table Worklist = new("worklist_entries",
    [
        C("list_date", ColumnType.Date), C("dong", ColumnType.Text), C("rank", ColumnType.Int), C("household_id", ColumnType.Text),
        C("selection", ColumnType.Text), C("score", ColumnType.Real), C("model_version", ColumnType.Text), C("reasons", ColumnType.Text),
        C("selection_probability", ColumnType.Real), C("over_capacity", ColumnType.Bool), C("last_tip_at", ColumnType.Timestamp, true),
        C("tip_count", ColumnType.Int),
    ], ["list_date", "dong", "rank"]);

    public static readonly Table JobRuns = new("job_runs",
    [
        C("job", ColumnType.Text), C("run_key", ColumnType.Text), C("status", ColumnType.Text),
        C("started_at", ColumnType.Timestamp), C("completed_at", ColumnType.Timestamp, true), C("summary", ColumnType.Text, true),
    ], ["job", "run_key"]);

    public static readonly Table[] All =
        [Files, Quarantine, HouseholdVersions, Crisis, Tips, Outcomes, Capacity, Baselines, Models, Scores, Worklist, JobRuns];

    /// <summary>The tables as schema version 1 created them.</summary>
    public static readonly Table[] Version1 =
        [Files, Quarantine, HouseholdVersionsV1, CrisisV1, TipsV1, Outcomes, Capacity, Baselines, Models, Scores, Worklist, JobRuns];

    // ---------------------------------------------------------------- the kept district (migration "store id and history change counter")

    /// <summary>
    /// One row: the store's random id and a counter that every write to the district's history (household_versions,
    /// crisis) raises in its own transaction: a file bringing rows, retention's purge. A run keeps the history between
    /// runs under these (Sql/DistrictHistoryCache) and reads it again from the tables when they differ.
    /// </summary>
    public static readonly Table StoreState = new("store_state",
    [
        C("store_id", ColumnType.Text), C("history_changes", ColumnType.Long),
    ], ["store_id"]);

    // ---------------------------------------------------------------- the web application (migration "web accounts and audit")

    public static readonly Table Accounts = new("accounts",
    [
        C("username", ColumnType.Text), C("role", ColumnType.Text), C("dong", ColumnType.Text, true), C("password_hash", ColumnType.Text),
        C("disabled", ColumnType.Bool), C("failed_sign_ins", ColumnType.Int), C("locked_until", ColumnType.Timestamp, true),
        C("created_at", ColumnType.Timestamp),
    ], ["username"]);

    /// <summary>Append-only (triggers in both engines refuse UPDATE and DELETE); household ids only, never names.</summary>
    public static readonly Table Audit = new("audit_log",
    [
        C("id", ColumnType.Text), C("at", ColumnType.Timestamp), C("username", ColumnType.Text), C("action", ColumnType.Text),
        C("dong", ColumnType.Text, true), C("household_ids", ColumnType.Text), C("detail", ColumnType.Text, true),
    ], ["id"]);

    // ---------------------------------------------------------------- visit notes (migration "visit notes beside outcomes")

    /// <summary>
    /// Notes typed beside a web result (personal data, the dong's own): one per stored entry or correction, keyed by the
    /// one-row outcomes file that brought the result, so a correction's note never overwrites the first one.
    /// </summary>
    public static readonly Table VisitNotes = new("visit_notes",
    [
        C("household_id", ColumnType.Text), C("visited_on", ColumnType.Date), C("file_sha256", ColumnType.Text), C("dong", ColumnType.Text),
        C("note", ColumnType.Text), C("written_by", ColumnType.Text), C("written_at", ColumnType.Timestamp), C("correction", ColumnType.Bool),
    ], ["household_id", "visited_on", "file_sha256"]);

    // ---------------------------------------------------------------- migration "registry copy kept between runs"

    /// <summary>
    /// One copy of the registry for ingest and tip resolution (households in read order, addresses taken apart), kept for
    /// one state of the registry (<c>IRegistryCacheStore</c>). Personal data: dropped by the retention purge.
    /// </summary>
    public static readonly Table RegistryCache = new("registry_cache",
    [
        C("state", ColumnType.Text), C("saved_at", ColumnType.Timestamp), C("bytes", ColumnType.Bytes),
    ], ["state"]);

    // ---------------------------------------------------------------- migration "worklist exclusion counts"

    /// <summary>
    /// How many households each exclusion (<c>Exclusion</c>, by name) kept off each dong's worklist of a day, zeros
    /// included; replaced with the day's entries. Counts only: no household, nothing for retention to purge.
    /// </summary>
    public static readonly Table WorklistExclusions = new("worklist_exclusions",
    [
        C("list_date", ColumnType.Date), C("dong", ColumnType.Text), C("exclusion", ColumnType.Text), C("households", ColumnType.Int),
    ], ["list_date", "dong", "exclusion"]);

    /// <summary>
    /// Per inbox file name, the size and modification time (ticks, UTC) it had when its bytes were last identified, and that
    /// identity (Core.Ingest.InboxStamp): an ingest skips a file whose stamp is unchanged and whose identity the ledger holds
    /// as stored, without reading it again (schema version 9).
    /// </summary>
    public static readonly Table InboxStamps = new("inbox_stamps",
    [
        C("file_name", ColumnType.Text), C("size", ColumnType.Long), C("modified_ticks", ColumnType.Long), C("sha256", ColumnType.Text),
    ], ["file_name"]);
}
