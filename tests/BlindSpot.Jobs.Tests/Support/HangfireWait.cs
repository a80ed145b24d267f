using Hangfire;
using Hangfire.States;

namespace BlindSpot.Jobs.Tests.Support;

internal static class HangfireWait
{
    /// <summary>The job's current state name (Enqueued, Processing, Succeeded, Failed, Scheduled...).</summary>
    public static string? State(JobStorage storage, string jobId)
    {
        using var c = storage.GetConnection();
        return c.GetStateData(jobId)?.Name;
    }

    /// <summary>Waits until every job is in one of <paramref name="states"/>; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(JobStorage storage, IEnumerable<string> jobIds, string[] states, TimeSpan timeout)
    {
        var ids = jobIds.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = ids.Where(id => !states.Contains(TryState(storage, id))).ToList();
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Jobs {string.Join(", ", pending.Select(id => $"{id}={TryState(storage, id)}"))} did not reach {string.Join("/", states)} in {timeout}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs every job to success: a job that failed into a retry (Scheduled) is requeued at once instead of after its delay.</summary>
    public static async Task SucceededAsync(JobStorage storage, IBackgroundJobClient client, IReadOnlyCollection<string> jobIds, TimeSpan timeout, int maxRequeues = 10)
    {
        var deadline = DateTime.UtcNow + timeout;
        var requeues = 0;
        while (true)
        {
            var states = jobIds.Select(id => (Id: id, State: TryState(storage, id))).ToList();
            if (states.All(s => s.State == SucceededState.StateName)) return;
            if (states.FirstOrDefault(s => s.State == FailedState.StateName || s.State == DeletedState.StateName) is { Id: not null } dead)
                Assert.Fail($"Job {dead.Id} ended {dead.State}: {Reason(storage, dead.Id)}");
            foreach (var s in states.Where(s => s.State == ScheduledState.StateName))
            {
                Assert.True(++requeues <= maxRequeues, $"More than {maxRequeues} retries were needed.");
                try { client.Requeue(s.Id); }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException) { requeues--; }
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Jobs did not all succeed in {timeout}: {string.Join(", ", states.Select(s => $"{s.Id}={s.State}"))}");
            await Task.Delay(100);
        }
    }

    public static int RetriesOf(JobStorage storage, string jobId)
    {
        using var c = storage.GetConnection();
        return int.TryParse(c.GetJobParameter(jobId, "RetryCount"), out var n) ? n : 0;
    }

    /// <summary>The names of the servers that processed any of the jobs.</summary>
    public static IReadOnlySet<string> ServersOf(JobStorage storage, IEnumerable<string> jobIds)
    {
        var monitoring = storage.GetMonitoringApi();
        return jobIds.SelectMany(id => monitoring.JobDetails(id)?.History ?? [])
            .Where(h => h.StateName == ProcessingState.StateName && h.Data.ContainsKey("ServerId"))
            .Select(h => h.Data["ServerId"].Split(':')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    static string? TryState(JobStorage storage, string jobId)
    {
        // The database may be restarting under the test: a failed read is "unknown" for this poll.
        try { return State(storage, jobId); }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException) { return null; }
    }

    static string Reason(JobStorage storage, string jobId)
    {
        using var c = storage.GetConnection();
        var data = c.GetStateData(jobId);
        return data?.Reason ?? "" + (data?.Data.TryGetValue("ExceptionMessage", out var m) == true ? m : "");
    }
}
