using BlindSpot.Core.Scoring;
using BlindSpot.Core.Targets;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;

namespace BlindSpot.Pipeline.Run;

/// <summary>What one `run` did, step by step (no personal data).</summary>
/// <param name="Training">Set when this run trained (no champion existed).</param>
/// <param name="ModelVersion">The champion that scored, or null when the worklists fell back to tips and rules.</param>
public sealed record RunReport(
    DateOnly AsOf,
    DateOnly WorklistDate,
    IngestReport Ingest,
    TrainingSummary? Training,
    string? ModelVersion,
    ScoreReport? Scores,
    WorklistResult Worklists,
    TargetsResult Targets)
{
    /// <summary>Wall-clock seconds of each step, in order (ingest, train, score, worklists, targets): for logs and benchmarks.</summary>
    public IReadOnlyList<RunPhase> Phases { get; init; } = [];

    /// <summary>What the run's district load did with the history read beside the ingest (null: none was read ahead).</summary>
    public Core.Storage.HistoryAheadUse? HistoryAhead { get; init; }

    public int FilesIngested => Ingest.Files.Count(f => f.Status == IngestFileStatus.Ingested);
    public int FilesSkipped => Ingest.Files.Count(f => f.Status == IngestFileStatus.Skipped);
    public int FilesFailed => Ingest.Files.Count(f => f.IsFailure);
    public int RowsRead => NewLedgers.Sum(l => l.RowsRead);
    public int RowsAccepted => NewLedgers.Sum(l => l.Accepted);
    public int RowsDuplicate => NewLedgers.Sum(l => l.Duplicate);
    public int RowsQuarantined => NewLedgers.Sum(l => l.Quarantined);

    IEnumerable<Core.Ingest.FileLedgerEntry> NewLedgers =>
        Ingest.Files.Where(f => f.Status == IngestFileStatus.Ingested && f.Ledger is not null).Select(f => f.Ledger!);

    public IReadOnlyList<string> DongsBehind =>
        Targets.Report?.Dongs.Where(d => d.Status == TargetStatus.Behind).Select(d => d.Dong).ToArray() ?? [];

    /// <summary>Every step did its work; rejected or unrecognised inbox files make a run fail (after all steps ran).</summary>
    public bool Succeeded => FilesFailed == 0 && Worklists.Succeeded && Targets.Succeeded;
}

/// <summary>One step of a run: its wall-clock seconds and the CPU seconds the process used meanwhile (all threads).</summary>
public sealed record RunPhase(string Name, double Seconds, double CpuSeconds);
