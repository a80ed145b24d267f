using System.Text.Json;
using BlindSpot.Core.Scoring;
using BlindSpot.Hosting.Logging;
using BlindSpot.Jobs.Jobs;
using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Samples;
using BlindSpot.Testing;

namespace BlindSpot.Jobs.Tests.Logging;

/// <summary>
/// The whole pipeline over a generated district (2,000 households: enough visits to train a model, every feed, broken rows, CP949 files), run through
/// a real Hangfire server with the production logging set-up writing its compact JSON file; then every name, phone
/// number, address and note text the inbox brought in is searched for in that file.
/// </summary>
public sealed class NoPersonalDataInLogsTests : IDisposable
{
    readonly TempDir dir = new();

    [Fact]
    public async Task NoNamePhoneAddressOrNoteFromTheInboxAppearsInTheLogFile()
    {
        var options = new SampleOptions { Households = 2_000 };
        var inbox = Path.Combine(dir.Path, "inbox");
        new DistrictGenerator(options).WriteInbox(inbox);
        var logFile = Path.Combine(dir.Path, "logs", "jobs.clef");
        var asOf = options.AsOf;
        var listDay = new DateOnly(2026, 11, 2); // the Monday after

        IReadOnlyList<string> personal;
        await using (var h = await JobsHarness.StartAsync(Path.Combine(dir.Path, "blindspot.db"), inbox, Path.Combine(dir.Path, "out"),
            logging: new LoggingOptions { File = logFile, Console = false, RollDaily = false, MinimumLevel = Serilog.Events.LogEventLevel.Debug }))
        {
            h.StartServer("server-a", workers: 2);
            await RunAsync(h, Step.Of<IngestInboxJob>("ingest", j => j.RunAsync("2026-10-30T18:00", CancellationToken.None)));
            await RunAsync(h, Step.Of<RetrainJob>("retrain", j => j.RunAsync(asOf, CancellationToken.None)));
            var models = await h.Store.ListModelsAsync(CancellationToken.None);
            if (!models.Any(m => m.Status == ModelStatus.Champion) && models.Count > 0) await h.Store.PromoteAsync(models[0].Version, CancellationToken.None);
            await RunAsync(h,
                Step.Of<ScoreJob>("score", j => j.RunAsync(asOf, CancellationToken.None)),
                Step.Of<TargetsReportJob>("targets", j => j.RunAsync(asOf, CancellationToken.None)));
            await RunAsync(h, Step.Of<WorklistJob>("worklists", j => j.RunAsync(listDay, CancellationToken.None)));
            personal = await PersonalValuesAsync(h);
            await RunAsync(h, Step.Of<PurgePersonalDataJob>("purge", j => j.RunAsync(asOf, CancellationToken.None)));
        }

        var events = File.ReadAllLines(logFile).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var text = string.Join('\n', events.Select(e => string.Join(' ', Strings(e))));

        Assert.True(personal.Count > 1000, $"only {personal.Count} personal values were found to look for");
        var leaked = personal.Where(v => text.Contains(v, StringComparison.Ordinal)).Take(5).ToList();
        // The values are synthetic, so the failure may name them.
        Assert.True(leaked.Count == 0, $"Personal values appear in the log: {string.Join(" | ", leaked)}");

        // And the log is worth reading: jobs, feeds, dongs, counts and durations are there as properties.
        Assert.Contains(events, e => Has(e, LogScopes.Job, "ingest-inbox") && e.TryGetProperty("ElapsedMs", out _));
        Assert.Contains(events, e => e.TryGetProperty("Feed", out _) && e.TryGetProperty("Accepted", out _));
        Assert.Contains(events, e => Has(e, LogScopes.Job, WorklistJob.Id) && e.TryGetProperty(LogScopes.Dong, out _) && e.TryGetProperty("Listed", out _));
        Assert.Contains(events, e => Has(e, LogScopes.Job, ScoreJob.Id) && e.TryGetProperty("Summary", out _));
        Assert.DoesNotContain(events, e => e.TryGetProperty("JobTag", out _));
    }

    static async Task RunAsync(JobsHarness h, params Step[] steps) =>
        await HangfireWait.SucceededAsync(h.Storage, h.Client, steps.Select(s => s.Enqueue(h.Client)).ToList(), TimeSpan.FromSeconds(120), maxRequeues: 0);

    /// <summary>
    /// Every name, phone (as stored and as bare digits), address and note the ingest stored from the inbox. Quarantined
    /// rows are not searched cell by cell: their cells mix such values with dong names and codes the log names on purpose.
    /// </summary>
    static async Task<IReadOnlyList<string>> PersonalValuesAsync(JobsHarness h)
    {
        var data = await h.Store.LoadDistrictAsync(new DateOnly(2030, 1, 1), CancellationToken.None);
        var values = new List<string?>();
        // A district's versions carry no contact details: the store gives those of every version, snapshot by snapshot.
        foreach (var snapshot in data.HouseholdVersions.GroupBy(v => v.SnapshotDate))
            foreach (var v in (await h.Store.LoadContactsAsync(snapshot.ToList(), CancellationToken.None)).Values)
                values.AddRange([v.HeadName, v.Phone, v.Address]);
        if (!values.OfType<string>().Any(v => v.Length > 0)) throw new InvalidOperationException("No contact details were stored: nothing to look for.");
        foreach (var t in data.Tips) values.AddRange([t.SubjectName, t.Phone, t.Address, t.Note]);
        values.AddRange(values.Where(v => v is not null && v.StartsWith("01", StringComparison.Ordinal)).Select(p => p!.Replace("-", "")).ToList());
        return values.Where(v => v is { Length: >= 2 }).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
    }

    static bool Has(JsonElement e, string property, string value) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == value;

    static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [e.ToString()],
    };

    public void Dispose() => dir.Dispose();
}
