using System.Reflection;
using System.Runtime.CompilerServices;
using BlindSpot.Jobs.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;

namespace BlindSpot.Jobs.Tests.Scheduling;

public sealed class ScheduleTests
{
    static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Approval test: the recurring-job table is a contract with the district's operators (the national one with
    /// the national operators).</summary>
    [Theory]
    [InlineData(false, "Schedule")]
    [InlineData(true, "Schedule.national")]
    public void TheRecurringJobTableMatchesTheApprovedSnapshot(bool national, string name)
    {
        var approved = Path.Combine(Here(), $"{name}.approved.txt");
        var received = Path.Combine(Here(), $"{name}.received.txt");
        var actual = Schedule.Describe(national);
        if (!File.Exists(approved) || File.ReadAllText(approved).ReplaceLineEndings("\n") != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"The schedule changed. Review {received} and, if it is right, copy it over {approved}.");
        }
        if (File.Exists(received)) File.Delete(received);
    }

    [Fact]
    public void RegistersEveryJobInSeoulTimeAndRemovesJobsNoLongerScheduled()
    {
        using var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage);
        manager.AddOrUpdate("old-job", Schedule.Jobs[0].Job, "0 0 * * *");

        var (registered, removed) = Schedule.Apply(storage, manager);
        Schedule.Apply(storage, manager); // every server does it at start: twice changes nothing

        using var connection = storage.GetConnection();
        var stored = connection.GetRecurringJobs().OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(Schedule.Jobs.Count, registered);
        Assert.Equal(1, removed);
        Assert.Equal(Schedule.Jobs.Select(j => j.Id).Order(StringComparer.Ordinal), stored.Select(j => j.Id));
        Assert.All(stored, j => Assert.Equal("Asia/Seoul", j.TimeZoneId));
        Assert.All(stored, j => Assert.Equal(Schedule.Jobs.Single(s => s.Id == j.Id).Cron, j.Cron));
    }

    [Fact]
    public void AServerThatTurnsNationalReplacesTheOneDistrictEntries()
    {
        using var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage);
        Schedule.Apply(storage, manager);

        var (registered, removed) = Schedule.Apply(storage, manager, national: true);

        using var connection = storage.GetConnection();
        Assert.Equal((Schedule.National.Count, Schedule.Jobs.Count), (registered, removed));
        Assert.Equal(Schedule.National.Select(j => j.Id).Order(StringComparer.Ordinal),
            connection.GetRecurringJobs().Select(j => j.Id).Order(StringComparer.Ordinal));
        Assert.Empty(Schedule.Jobs.Select(j => j.Id).Intersect(Schedule.National.Select(j => j.Id)));
    }

    [Fact]
    public void TheWorklistsNextRunIsAWeekdayAt0530InSeoul()
    {
        using var storage = new InMemoryStorage();
        Schedule.Apply(storage, new RecurringJobManager(storage));
        using var connection = storage.GetConnection();
        var next = connection.GetRecurringJobs().Single(j => j.Id == Jobs.WorklistJob.Id).NextExecution;

        Assert.NotNull(next);
        var kst = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(next.Value, DateTimeKind.Utc), Schedule.TimeZone);
        Assert.Equal(new TimeOnly(5, 30), TimeOnly.FromDateTime(kst));
        Assert.InRange(kst.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
    }

    [Fact]
    public void EveryJobMethodSetsItsOwnRetryCount()
    {
        var methods = typeof(Schedule).Assembly.GetTypes()
            .Where(t => t.Namespace == "BlindSpot.Jobs.Jobs" && t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Run", StringComparison.Ordinal) || m.Name.StartsWith("Enqueue", StringComparison.Ordinal))
            .ToList();
        Assert.True(methods.Count >= 2 * Schedule.Jobs.Count + Schedule.National.Count);
        Assert.All(methods, m => Assert.True(m.GetCustomAttribute<AutomaticRetryAttribute>() is { Attempts: > 0 and < 10 },
            $"{m.DeclaringType!.Name}.{m.Name} has no explicit [AutomaticRetry(Attempts = n)]"));
        Assert.All(Schedule.Jobs.Concat(Schedule.National), s => Assert.Contains(s.Job.Method, methods));
    }
}
