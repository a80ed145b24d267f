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
        new(1, "initial schema", d => Tables.All.Select(d.CreateTable).Concat(
        [
            "CREATE INDEX ix_household_versions_snapshot ON household_versions (snapshot_date)",
            "CREATE INDEX ix_tips_household ON tips (household_id)",
            "CREATE INDEX ix_tips_received ON tips (received_at)",
            "CREATE INDEX ix_outcomes_visited ON outcomes (visited_on)",
            "CREATE INDEX ix_worklist_household ON worklist_entries (household_id)",
        ])),
        new(2, "outcome corrections keep the replaced result", d => [d.CreateTable(Tables.OutcomeHistory)]),
    ];

    public static int Latest => All[^1].Version;
}
