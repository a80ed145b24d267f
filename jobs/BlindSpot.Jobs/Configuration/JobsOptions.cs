using BlindSpot.Hosting.Composition;

namespace BlindSpot.Jobs.Configuration;

/// <summary>
/// The jobs host's own settings, bound from section "BlindSpot:Jobs" (appsettings.json, environment variables such as
/// BlindSpot__Jobs__Workers, or the command line). What every host shares (the store, the inbox, the output folder,
/// retention, holidays, logging) is bound by <c>AddBlindSpot</c>; <see cref="SwitchMappings"/> maps the host's short
/// switches onto both.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "BlindSpot:Jobs";

    /// <summary>Hangfire workers of this server (jobs it runs at once).</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Registers the recurring schedule at start (off for a server that should only work off the queue, and in tests).</summary>
    public bool RegisterSchedule { get; set; } = true;

    /// <summary>Hangfire.PostgreSql: a fetched job whose server stops sending heartbeats becomes visible to other servers after this.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker polls the queue (Hangfire.PostgreSql).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the host waits at start for a PostgreSQL server that is down or still starting (a machine boot), trying
    /// again with growing pauses, before it gives up with one line and exit code 1.
    /// </summary>
    public TimeSpan DatabaseWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Recurring job ids to run once right at start, besides their schedule, one after the other in the order given
    /// (comma-separated, e.g. "ingest-inbox,score,worklists"): a local try-out or a catch-up after downtime. Each run is
    /// idempotent by its key.
    /// </summary>
    public string? TriggerOnStart { get; set; }

    public IReadOnlyList<string> TriggerIds =>
        (TriggerOnStart ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The districts this pool of servers serves nationally (comma-separated codes, e.g. "d01,d02"; docs/adr/0007): each
    /// has its own database on the PostgreSQL server of <c>BlindSpot:Db</c> (named after it, <c>blindspot_d01</c>) and its
    /// own &lt;inbox&gt;/&lt;code&gt;, &lt;out&gt;/&lt;code&gt; and &lt;quarantine&gt;/&lt;code&gt; folders, and the server registers the
    /// national schedule (<see cref="Scheduling.Schedule.National"/>: one job per district) instead of the one-district
    /// schedule. Unset: one district in <c>BlindSpot:Db</c> itself.
    /// </summary>
    public string? Districts { get; set; }

    public IReadOnlyList<string> DistrictCodes =>
        (Districts ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the server serves districts (<see cref="Districts"/> names at least one): the national schedule.</summary>
    public bool National => DistrictCodes.Count > 0;

    /// <summary>Null when the options can run, else what is wrong.</summary>
    public string? Validate() =>
        Workers is < 1 or > 64 ? $"{Section}:{nameof(Workers)}는 1에서 64 사이여야 합니다."
        : InvisibilityTimeout < TimeSpan.FromSeconds(1) ? $"{Section}:{nameof(InvisibilityTimeout)}는 1초 이상이어야 합니다."
        : QueuePollInterval < TimeSpan.FromMilliseconds(100) ? $"{Section}:{nameof(QueuePollInterval)}는 100밀리초 이상이어야 합니다."
        : DatabaseWait < TimeSpan.Zero || DatabaseWait > TimeSpan.FromHours(1) ? $"{Section}:{nameof(DatabaseWait)}는 00:00:00에서 01:00:00 사이여야 합니다."
        : DistrictCodes.FirstOrDefault(d => !Storage.DistrictDatabases.IsValidCode(d)) is { } bad
            ? $"{Section}:{nameof(Districts)}의 '{bad}'는 구 코드가 아닙니다: 구 코드는 영문 소문자와 숫자 1-24자입니다 (예: d01)."
        : DistrictCodes.GroupBy(d => d, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"{Section}:{nameof(Districts)}에 '{twice.Key}'가 두 번 있습니다."
        : TriggerIds.FirstOrDefault(id => Scheduling.Schedule.For(National).All(j => j.Id != id)) is { } unknown
            ? $"{Section}:{nameof(TriggerOnStart)}에 없는 정기 작업이 있습니다: '{unknown}' (있는 작업: {string.Join(", ", Scheduling.Schedule.For(National).Select(j => j.Id))})."
        : null;

    /// <summary>The host's short command-line switches mapped to their configuration keys.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--db"] = BlindSpotKeys.Db,
        ["--inbox"] = BlindSpotKeys.Inbox,
        ["--out"] = BlindSpotKeys.Out,
        ["--quarantine"] = BlindSpotKeys.Quarantine,
        ["--retention-years"] = BlindSpotKeys.RetentionYears,
        ["--holidays"] = BlindSpotKeys.HolidaysFile,
        ["--log-file"] = BlindSpotKeys.LogFile,
        ["--workers"] = $"{Section}:{nameof(Workers)}",
        ["--trigger"] = $"{Section}:{nameof(TriggerOnStart)}",
        ["--districts"] = $"{Section}:{nameof(Districts)}",
    };
}
