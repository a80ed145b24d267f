namespace BlindSpot.Pipeline.Ingest;

/// <summary>How ingest treats the inbox (docs/ingest.md); the defaults are the documented policy.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// A file changed less than this long ago may still be being written: it is left for the next run (reported
    /// <see cref="IngestFileStatus.Deferred"/>). Zero reads every file at once (the CLI's default: the clerk copied
    /// the files before running it); the jobs host waits a minute.
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// In a file that changed less than this long ago, a last row with no line break after it is quarantined even when
    /// it passes every check: the file may have been read while still being written, the row cut in the middle of its
    /// last value (`259` of `259367`), and a stored cut row could never be replaced by the complete file (its row has
    /// the same key, so it would be a duplicate). Nothing else of the file waits; the complete file, sent again, brings
    /// that row. Spreadsheet exports and CSV writers end every row with a line break. In an older file the writer is
    /// done, and its unterminated last row is read like any other.
    /// </summary>
    public TimeSpan UnterminatedQuietPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A household snapshot that would mark more than this share of the district's households as moved out, for each
    /// month since the previous snapshot (at least one month, at most five times the share), is refused (a part, a
    /// correction file or a wrong extract taken for the whole registry), unless confirmed.
    /// </summary>
    public double MaxMovedOutShare { get; init; } = 0.05;

    /// <summary>The operator confirms that this run's snapshots may move more than <see cref="MaxMovedOutShare"/> out.</summary>
    public bool ConfirmMovedOut { get; init; }

    /// <summary>
    /// The parts of a run's next registry snapshot (a later date) are read on the second core while the snapshot before
    /// them is committed (docs/adr/0006, "Fifteenth pass"); off, each is read after that commit. Either way the same rows
    /// are stored: a part read ahead is taken only when it was read against what reading it then would see.
    /// </summary>
    public bool ReadSnapshotsAhead { get; init; } = true;

    /// <summary>A larger file is not read (it would not fit the one-batch reader): 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    public static IngestOptions Default { get; } = new();

    /// <summary>Null when valid, else what is wrong (one line).</summary>
    public string? Validate() =>
        QuietPeriod < TimeSpan.Zero ? "QuietPeriod는 음수일 수 없습니다."
        : UnterminatedQuietPeriod < TimeSpan.Zero ? "UnterminatedQuietPeriod는 음수일 수 없습니다."
        : MaxMovedOutShare is < 0 or > 1 || double.IsNaN(MaxMovedOutShare) ? "MaxMovedOutShare는 0에서 1 사이여야 합니다."
        : MaxFileBytes <= 0 ? "MaxFileBytes는 0보다 커야 합니다."
        : null;
}
