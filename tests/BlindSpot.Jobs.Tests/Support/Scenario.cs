using System.Linq.Expressions;
using BlindSpot.Core.Scoring;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Samples;
using Hangfire;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>One job call: run directly (the clean run) or enqueued to Hangfire (the servers' run).</summary>
internal sealed record Step(string Name, Func<JobsHarness, Task> Direct, Func<IBackgroundJobClient, string> Enqueue)
{
    public static Step Of<T>(string name, Expression<Func<T, Task>> call) where T : notnull
    {
        var compiled = call.Compile();
        return new Step(name, h => compiled(h.Job<T>()), c => c.Enqueue(call));
    }
}

/// <summary>
/// Several simulated days of a generated district (BlindSpot.Samples, 1,000 households tipped three times as often as the
/// documented world: enough visits to train a model): a base inbox (history to Friday 2026-10-23), then for each day a
/// drop of new tips and visit results followed by the day's jobs: ingest, score, next business day's worklists, targets;
/// a challenger is trained on the base and made champion; the retention purge runs last. The clean run calls each
/// job once, directly; the tests run the same phases through Hangfire servers and compare the end state.
/// </summary>
internal static class Scenario
{
    public static readonly DateOnly BaseDay = new(2026, 10, 23);
    public static readonly DateOnly[] Days = [new(2026, 10, 26), new(2026, 10, 27), new(2026, 10, 28)];
    public const int Households = 1_000;

    public static readonly SampleOptions District = new() { Households = Households, Seed = 7, AsOf = BaseDay, TipRate = 3 };

    public static IEnumerable<DateOnly> ScoreDays => Days.Prepend(BaseDay);

    /// <summary>Writes the base inbox; the district returned continues it day by day.</summary>
    public static DistrictDays WriteBase(string inbox)
    {
        var generator = new DistrictGenerator(District);
        generator.WriteInbox(inbox);
        return new DistrictDays(generator.Continue(), BaseDay);
    }

    /// <summary>The phases in order; the jobs of one phase may run at once, a phase starts when the one before is done.</summary>
    public static IEnumerable<(string Name, Func<Task>? Before, Step[] Steps)> Phases(string inbox, DistrictDays days, JobsHarness h)
    {
        yield return ("ingest base", null, [Step.Of<IngestInboxJob>("ingest", j => j.RunAsync("2026-10-23T18:00", CancellationToken.None))]);
        yield return ("train", null, [Step.Of<RetrainJob>("retrain", j => j.RunAsync(BaseDay, CancellationToken.None))]);
        yield return ("promote", () => PromoteNewestAsync(h), []);
        yield return ("score base", null, [Step.Of<ScoreJob>("score", j => j.RunAsync(BaseDay, CancellationToken.None))]);
        foreach (var day in Days)
        {
            yield return ($"ingest {day}", () => { days.WriteDay(inbox, day); return Task.CompletedTask; },
                [Step.Of<IngestInboxJob>("ingest", j => j.RunAsync($"{day:yyyy-MM-dd}T18:00", CancellationToken.None))]);
            yield return ($"score {day}", null, [Step.Of<ScoreJob>("score", j => j.RunAsync(day, CancellationToken.None))]);
            yield return ($"worklists and targets {day}", null,
            [
                Step.Of<WorklistJob>("worklists", j => j.RunAsync(day.AddDays(1), CancellationToken.None)),
                Step.Of<TargetsReportJob>("targets", j => j.RunAsync(day, CancellationToken.None)),
            ]);
        }
        var last = Days[^1];
        yield return ("purge", null, [Step.Of<PurgePersonalDataJob>("purge", j => j.RunAsync(last, CancellationToken.None))]);
    }

    /// <summary>What an analyst does once: makes the first challenger champion when the model's own rules did not.</summary>
    static async Task PromoteNewestAsync(JobsHarness h)
    {
        var models = await h.Store.ListModelsAsync(CancellationToken.None);
        if (models.Any(m => m.Status == ModelStatus.Champion)) return;
        var newest = models.OrderBy(m => m.Version, StringComparer.Ordinal).LastOrDefault();
        Assert.NotNull(newest);
        await h.Store.PromoteAsync(newest.Version, CancellationToken.None);
    }

    /// <summary>The clean run: every job once, directly; returns the end state.</summary>
    public static async Task<string> CleanRunAsync(string db, string root)
    {
        var inbox = Path.Combine(root, "inbox");
        var days = WriteBase(inbox);
        await using var h = await JobsHarness.StartAsync(db, inbox, Path.Combine(root, "out"));
        foreach (var (_, before, steps) in Phases(inbox, days, h))
        {
            if (before is not null) await before();
            foreach (var s in steps) await s.Direct(h);
        }
        return await StoreSnapshot.TakeAsync(h.Store, Days[^1], ScoreDays, h.Out);
    }

    /// <summary>The end state of a servers' run, with the Hangfire jobs it enqueued.</summary>
    public sealed record ServerRun(string State, IReadOnlyList<string> JobIds, int Retries, IReadOnlySet<string> Servers);

    /// <summary>The same phases through Hangfire: each job enqueued <paramref name="copies"/> times; requeues retries at once.</summary>
    public static async Task<ServerRun> ServerRunAsync(JobsHarness h, DistrictDays days, int copies, Func<string, Task>? afterEnqueue = null)
    {
        var all = new List<string>();
        foreach (var (name, before, steps) in Phases(h.Inbox, days, h))
        {
            if (before is not null) await before();
            var ids = steps.SelectMany(s => Enumerable.Range(0, copies).Select(_ => s.Enqueue(h.Client))).ToList();
            all.AddRange(ids);
            if (afterEnqueue is not null) await afterEnqueue(name);
            await HangfireWait.SucceededAsync(h.Storage, h.Client, ids, TimeSpan.FromSeconds(90));
        }
        var state = await StoreSnapshot.TakeAsync(h.Store, Days[^1], ScoreDays, h.Out);
        return new ServerRun(state, all, all.Sum(id => HangfireWait.RetriesOf(h.Storage, id)), HangfireWait.ServersOf(h.Storage, all));
    }
}

/// <summary>
/// The district after the base day, one drop a day: the tips and calls made since the last drop, and the results of
/// visiting the households tipped about on the day (at most five; from the district's hidden truth).
/// </summary>
internal sealed class DistrictDays(LiveDistrict live, DateOnly baseDay)
{
    readonly DistrictView view = live.NewView("jobs");
    DateOnly last = baseDay;

    public void WriteDay(string inbox, DateOnly day)
    {
        live.AdvanceTo(day);
        view.WriteDays(last, day, inbox);
        last = day;
        var visited = live.TipsOn(day).Where(t => t.HouseholdId is not null && view.Received(t.TipId))
            .DistinctBy(t => t.HouseholdId).Take(5)
            .Select(t => (t.HouseholdId!, t.Dong!, view.Visit(t.HouseholdId!, day).Result)).ToList();
        OutcomeFile.Write(inbox, day, visited);
    }
}
