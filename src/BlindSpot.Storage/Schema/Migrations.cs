namespace BlindSpot.Storage.Schema;

/// <summary>
/// Schema versions, applied in order inside one transaction each and recorded in <c>schema_version</c>.
/// A new version appends an entry; existing entries never change.
/// </summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Description, Func<Sql.SqlDialect, IEnumerable<string>> Statements);

    public static readonly Migration[] All =
    [
        new(1, "initial schema", d => Tables.Version1.Select(d.CreateTable).Concat(
        [
            "CREATE INDEX ix_household_versions_snapshot ON household_versions (snapshot_date)",
            "CREATE INDEX ix_tips_household ON tips (household_id)",
            "CREATE INDEX ix_tips_received ON tips (received_at)",
            "CREATE INDEX ix_outcomes_visited ON outcomes (visited_on)",
            "CREATE INDEX ix_worklist_household ON worklist_entries (household_id)",
        ])),
        new(2, "outcome corrections keep the replaced result", d => [d.CreateTable(Tables.OutcomeHistory)]),
        new(3, "tip links: confidence, candidates, rejected candidates, snapshot resolved against", d =>
        [
            $"ALTER TABLE tips ADD COLUMN link_confidence {d.TypeName(Schema.ColumnType.Real)} NOT NULL DEFAULT 0",
            $"ALTER TABLE tips ADD COLUMN candidates {d.TypeName(Schema.ColumnType.Text)} NOT NULL DEFAULT ''",
            $"ALTER TABLE tips ADD COLUMN rejected_candidates {d.TypeName(Schema.ColumnType.Text)} NOT NULL DEFAULT ''",
            $"ALTER TABLE tips ADD COLUMN resolved_against {d.TypeName(Schema.ColumnType.Date)}",
            // Links made before version 3 were exact address or id matches: fully trusted, as they were used.
            "UPDATE tips SET link_confidence = 1 WHERE household_id IS NOT NULL",
        ]),
        new(4, "web accounts and audit", d => new[] { d.CreateTable(Tables.Accounts), d.CreateTable(Tables.Audit),
            "CREATE INDEX ix_audit_at ON audit_log (at)" }.Concat(AppendOnly(d, Tables.Audit.Name))),
        new(5, "visit notes beside outcomes", d => [d.CreateTable(Tables.VisitNotes), "CREATE INDEX ix_visit_notes_dong ON visit_notes (dong, household_id)"]),
        new(6, "registry copy kept between runs", d => [d.CreateTable(Tables.RegistryCache)]),
        // The id is drawn when the migration runs: a store made again under the same name or path is another store.
        new(7, "store id and history change counter", d => [d.CreateTable(Tables.StoreState),
            $"INSERT INTO store_state (store_id, history_changes) VALUES ('{Guid.NewGuid():N}', 0)"]),
        new(8, "worklist exclusion counts", d => [d.CreateTable(Tables.WorklistExclusions)]),
        new(9, "inbox files' stamps", d => [d.CreateTable(Tables.InboxStamps)]),
        new(10, "history rows name their file by number", d => [
            d.CreateTable(Tables.HistoryFiles),
            "CREATE UNIQUE INDEX ux_history_files_sha256 ON history_files (sha256)",
            // The files that brought the rows stored so far, numbered in the order they were committed (a file missing from
            // the ledger, which ingest never leaves, after them by its SHA-256), so that no row loses its file.
            "INSERT INTO history_files (file_no, sha256) " +
            "SELECT ROW_NUMBER() OVER (ORDER BY f.ingested_at IS NULL, f.ingested_at, s.sha256), s.sha256 " +
            "FROM (SELECT file_sha256 AS sha256 FROM household_versions UNION SELECT file_sha256 FROM crisis) s " +
            "LEFT JOIN ingested_files f ON f.sha256 = s.sha256",
            .. FileNumber(d, Tables.HouseholdVersions.Name),
            .. FileNumber(d, Tables.Crisis.Name),
        ]),
    ];

    /// <summary>A history table's <c>file_sha256</c> replaced by its file's number in <c>history_files</c>.</summary>
    static string[] FileNumber(Sql.SqlDialect d, string table) =>
    [
        $"ALTER TABLE {table} ADD COLUMN file_no {d.TypeName(ColumnType.Long)} NOT NULL DEFAULT 0",
        $"UPDATE {table} SET file_no = (SELECT h.file_no FROM history_files h WHERE h.sha256 = {table}.file_sha256)",
        $"ALTER TABLE {table} DROP COLUMN file_sha256",
    ];

    /// <summary>Triggers that make a table append-only: UPDATE, DELETE (and TRUNCATE on PostgreSQL) fail.</summary>
    static IEnumerable<string> AppendOnly(Sql.SqlDialect d, string table) => d.Engine == "postgresql"
        ?
        [
            $"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{table} is append-only'; END $$",
            $"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
            $"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
        ]
        :
        [
            $"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            $"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        ];

    public static int Latest => All[^1].Version;
}
