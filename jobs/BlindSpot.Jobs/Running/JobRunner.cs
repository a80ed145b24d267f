using System.Diagnostics;
using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Jobs.Running;

/// <summary>What one unit of job work reports: a summary of counts for the ledger and the log, or an expected failure.</summary>
/// <param name="Summary">Counts and ids only (it is stored in the job-run ledger and logged): never personal data.</param>
/// <param name="Error">A use case's expected failure (a sentence without personal data); the run is not marked completed.</param>
/// <param name="Retry">With an error: true fails the Hangfire job (retried, shown on the dashboard); false logs a warning and
/// ends the run without completing it (e.g. no champion model yet), so the next trigger for the key tries again.</param>
public sealed record JobWork(string Summary, string? Error = null, bool Retry = true)
{
    public static JobWork Done(string summary) => new(summary);
    public static JobWork Failed(string error) => new("", error);
    public static JobWork NotNow(string reason) => new("", reason, Retry: false);
}

/// <summary>How a run ended.</summary>
public enum JobRunStatus { Completed, AlreadyDone, NotNow }

/// <summary>
/// Runs a job's work at most once to completion per (job, key) through the store's job-run ledger: a key already
/// completed is skipped; a run left "running" by a crashed server is taken over (the work itself is idempotent by
/// its data, which is what keeps two servers running it at once correct). Logs the job, key, outcome and duration.
/// </summary>
public sealed class JobRunner(IBlindSpotStore store, ILogger<JobRunner> logger)
{
    public async Task<JobRunStatus> RunOnceAsync(string job, string key, Func<CancellationToken, Task<JobWork>> work, CancellationToken ct)
    {
        using var scope = logger.BeginJobScope(job, key);
        if (!await store.TryBeginJobRunAsync(job, key, ct))
        {
            logger.LogInformation("Job {Job} for {RunKey} already completed: nothing to do", job, key);
            return JobRunStatus.AlreadyDone;
        }

        logger.LogInformation("Job {Job} for {RunKey} started", job, key);
        var clock = Stopwatch.StartNew();
        JobWork result;
        try
        {
            result = await work(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's type only: messages of lower layers are not vetted for personal data.
            logger.LogError("Job {Job} for {RunKey} failed after {ElapsedMs} ms with {ExceptionType}; Hangfire retries it",
                job, key, clock.ElapsedMilliseconds, e.GetType().Name);
            throw;
        }

        if (result.Error is not null && !result.Retry)
        {
            logger.LogWarning("Job {Job} for {RunKey} did nothing after {ElapsedMs} ms: {Reason}", job, key, clock.ElapsedMilliseconds, result.Error);
            return JobRunStatus.NotNow;
        }
        if (result.Error is not null)
        {
            logger.LogError("Job {Job} for {RunKey} failed after {ElapsedMs} ms: {Error}", job, key, clock.ElapsedMilliseconds, result.Error);
            throw new JobFailedException(job, key, result.Error);
        }

        await store.CompleteJobRunAsync(job, key, result.Summary, ct);
        logger.LogInformation("Job {Job} for {RunKey} completed in {ElapsedMs} ms: {Summary}", job, key, clock.ElapsedMilliseconds, result.Summary);
        return JobRunStatus.Completed;
    }
}

/// <summary>A use case reported an expected failure: the Hangfire job fails (visible on the dashboard) and is retried.</summary>
public sealed class JobFailedException(string job, string key, string error)
    : Exception($"Job {job} for {key} failed: {error}");
