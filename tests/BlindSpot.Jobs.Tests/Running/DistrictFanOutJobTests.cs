using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Tests.Running;

/// <summary>The national schedule's entries put one job per configured district on the shared queue, for the right day.</summary>
public sealed class DistrictFanOutJobTests
{
    /// <summary>Sunday 2026-11-01, 02:30 in Seoul (17:30 UTC the day before).</summary>
    sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 10, 31, 17, 30, 0, TimeSpan.Zero);
    }

    static (DistrictFanOutJob Job, InMemoryStorage Storage) FanOut(string districts)
    {
        var storage = new InMemoryStorage();
        var job = new DistrictFanOutJob(Options.Create(new JobsOptions { Districts = districts }), new BackgroundJobClient(storage), new Clock(),
            NullLogger<DistrictFanOutJob>.Instance);
        return (job, storage);
    }

    static List<(string Type, string Method, string District, string Day)> Enqueued(InMemoryStorage storage) =>
        storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .Select(j => (j.Value.Job.Type.Name, j.Value.Job.Method.Name, (string)j.Value.Job.Args[0],
                j.Value.Job.Args[1] is DateOnly day ? day.ToString("yyyy-MM-dd") : (string)j.Value.Job.Args[1]))
            .OrderBy(j => j.Item1, StringComparer.Ordinal).ThenBy(j => j.Item3, StringComparer.Ordinal).ToList();

    [Fact]
    public void EachEntryEnqueuesOneJobPerDistrictForItsDay()
    {
        var (job, storage) = FanOut("d01, d02,d03");
        using (storage)
        {
            Assert.Equal(3, job.EnqueueRuns());
            Assert.Equal(3, job.EnqueueRetrains());
            Assert.Equal(3, job.EnqueuePurges());
            Assert.Equal(3, job.EnqueueIngests());

            Assert.Equal(
            [
                // The daytime ingest once per district for the 10-minute slot in Seoul.
                ("DistrictIngestJob", "RunAsync", "d01", "2026-11-01T02:30"), ("DistrictIngestJob", "RunAsync", "d02", "2026-11-01T02:30"), ("DistrictIngestJob", "RunAsync", "d03", "2026-11-01T02:30"),
                ("DistrictPurgeJob", "RunAsync", "d01", "2026-11-01"), ("DistrictPurgeJob", "RunAsync", "d02", "2026-11-01"), ("DistrictPurgeJob", "RunAsync", "d03", "2026-11-01"),
                // The runs and the retrain as of yesterday in Seoul (Saturday), the purge counted back from today.
                ("DistrictRetrainJob", "RunAsync", "d01", "2026-10-31"), ("DistrictRetrainJob", "RunAsync", "d02", "2026-10-31"), ("DistrictRetrainJob", "RunAsync", "d03", "2026-10-31"),
                ("DistrictRunJob", "RunAsync", "d01", "2026-10-31"), ("DistrictRunJob", "RunAsync", "d02", "2026-10-31"), ("DistrictRunJob", "RunAsync", "d03", "2026-10-31"),
            ], Enqueued(storage));
        }
    }

    [Fact]
    public void WithoutDistrictsNothingIsEnqueued()
    {
        var (job, storage) = FanOut("");
        using (storage)
        {
            Assert.Equal(0, job.EnqueueRuns());
            Assert.Empty(Enqueued(storage));
        }
    }
}
