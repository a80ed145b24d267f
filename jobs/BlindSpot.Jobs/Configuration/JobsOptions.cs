namespace BlindSpot.Jobs.Configuration;

/// <summary>
/// The jobs host's settings, bound from section "BlindSpot" (appsettings.json, environment variables such as
/// BlindSpot__Db, or the command line: --db, --inbox, --out, --workers, --retention-years, --log-file).
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "BlindSpot";

    /// <summary>SQLite file path (embedded: Hangfire.InMemory) or a PostgreSQL connection string (Hangfire.PostgreSql in the same database).</summary>
    public string Db { get; set; } = "./blindspot.db";

    /// <summary>Folder the district's systems drop CSV files into.</summary>
    public string Inbox { get; set; } = "./inbox";

    /// <summary>Folder the worklists (worklists/&lt;date&gt;/&lt;dong&gt;.csv) and target reports (targets/&lt;year&gt;.csv) are written to.</summary>
    public string Out { get; set; } = "./out";

    /// <summary>Where quarantined rows are copied as files for clerks; default: quarantine/ beside the SQLite file (./quarantine for PostgreSQL), as for the CLI.</summary>
    public string? Quarantine { get; set; }

    /// <summary>Hangfire workers of this server (jobs it runs at once).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Personal data (tip texts, names, phones, addresses of superseded records, quarantined raw rows) older than this is blanked by the nightly purge.</summary>
    public int RetentionYears { get; set; } = 3;

    /// <summary>A file of public holidays (one yyyy-MM-dd a line) replacing the shipped Korean list; null for the shipped list.</summary>
    public string? HolidaysFile { get; set; }

    /// <summary>Registers the recurring schedule at start (off for a server that should only work off the queue, and in tests).</summary>
    public bool RegisterSchedule { get; set; } = true;

    /// <summary>Hangfire.PostgreSql: a fetched job whose server stops sending heartbeats becomes visible to other servers after this.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker polls the queue (Hangfire.PostgreSql).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Compact JSON log file (rolled daily); null or empty for console only.</summary>
    public string? LogFile { get; set; } = "logs/blindspot-jobs-.clef";

    /// <summary>Null when the options can run, else what is wrong (no values echoed: Db may hold a password).</summary>
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Db) ? $"{Section}:{nameof(Db)} is required (a SQLite path or a PostgreSQL connection string)."
        : string.IsNullOrWhiteSpace(Inbox) ? $"{Section}:{nameof(Inbox)} is required."
        : string.IsNullOrWhiteSpace(Out) ? $"{Section}:{nameof(Out)} is required."
        : Workers is < 1 or > 64 ? $"{Section}:{nameof(Workers)} must be between 1 and 64."
        : RetentionYears is < 1 or > 50 ? $"{Section}:{nameof(RetentionYears)} must be between 1 and 50."
        : InvisibilityTimeout < TimeSpan.FromSeconds(1) ? $"{Section}:{nameof(InvisibilityTimeout)} must be at least 1 second."
        : QueuePollInterval < TimeSpan.FromMilliseconds(100) ? $"{Section}:{nameof(QueuePollInterval)} must be at least 100 ms."
        : TriggerIds.FirstOrDefault(id => Scheduling.Schedule.Jobs.All(j => j.Id != id)) is { } unknown
            ? $"{Section}:{nameof(TriggerOnStart)} names no recurring job '{unknown}' (known: {string.Join(", ", Scheduling.Schedule.Jobs.Select(j => j.Id))})."
        : null;

    public IReadOnlyList<string> TriggerIds =>
        (TriggerOnStart ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string QuarantineDir => string.IsNullOrWhiteSpace(Quarantine)
        ? Path.Combine(BlindSpot.Storage.StoreFactory.DataDirectory(Db), "quarantine")
        : Quarantine;

    /// <summary>
    /// Recurring job ids to run once right at start, besides their schedule, one after the other in the order given
    /// (comma-separated, e.g. "ingest-inbox,score,worklists"): a local try-out or a catch-up after downtime. Each run is
    /// idempotent by its key.
    /// </summary>
    public string? TriggerOnStart { get; set; }

    /// <summary>Short command-line switches mapped to their configuration keys.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--db"] = $"{Section}:{nameof(Db)}",
        ["--inbox"] = $"{Section}:{nameof(Inbox)}",
        ["--out"] = $"{Section}:{nameof(Out)}",
        ["--quarantine"] = $"{Section}:{nameof(Quarantine)}",
        ["--workers"] = $"{Section}:{nameof(Workers)}",
        ["--retention-years"] = $"{Section}:{nameof(RetentionYears)}",
        ["--holidays"] = $"{Section}:{nameof(HolidaysFile)}",
        ["--log-file"] = $"{Section}:{nameof(LogFile)}",
        ["--trigger"] = $"{Section}:{nameof(TriggerOnStart)}",
    };
}
