namespace BlindSpot.Core.Storage;

/// <summary>A row of the job-run ledger: one (job, key) claimed by a run, "running" until completed.</summary>
/// <param name="StartedAt">KST wall-clock time.</param>
public sealed record JobRun(string Job, string Key, string Status, DateTime StartedAt, DateTime? CompletedAt, string? Summary);
