using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Run;
using BlindSpot.Pipeline.Tests.Modeling;
using BlindSpot.Storage;
using BlindSpot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Pipeline.Tests.Run;

/// <summary>
/// The main job (RunService) played day by day over the planted district: the first day trains and scores, the next
/// days bring only that day's tips and visit results (and, on the last day, the crisis rows of the month just ended).
/// The lists of every day are frozen in <c>PlantedDays.approved.txt</c>: a faster run must give the same lists, entry by
/// entry, with the same reasons. They were first written on the code before the daily-run speed work (issue 11), which
/// kept them; when the planted district became the generated one (issue 8), they were written again on unchanged code.
/// If the model's content changes on purpose (features, training, policy), review the .received.txt and copy it over.
/// </summary>
public sealed class PlantedDaysTests : IAsyncLifetime
{
    static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>The first run's day (a Wednesday) and the business days after it, up to the planted district's as-of.</summary>
    static readonly DateOnly First = new(2026, 6, 24);
    static readonly DateOnly[] Days = [First, new(2026, 6, 25), new(2026, 6, 26), new(2026, 6, 29), new(2026, 6, 30)];

    readonly TempDir dir = new();
    readonly DistrictData district = PlantedDistrict.Planted();
    IBlindSpotStore store = null!;
    int files;

    public async Task InitializeAsync() => store = await StoreFactory.OpenAsync(dir.File("blindspot.db"), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    [Fact]
    public async Task EveryDaysListsEqualTheFrozenLists()
    {
        var text = new StringBuilder();
        DateOnly? previous = null;
        foreach (var day in Days)
        {
            await CommitAsync(Between(previous, day));
            text.Append(await RunAsync(day));
            previous = day;
        }
        Approve(text.ToString());
    }

    [Fact]
    public async Task RecordsDatedAfterTheDayChangeNothing()
    {
        // Everything up to the planted as-of is in the store before the first day runs: tips, visits and crisis
        // months that the first day could not have known. Its lists must be the frozen ones all the same.
        await CommitAsync(Between(null, First));
        await CommitAsync(Between(First, Days[^1]));
        var actual = await RunAsync(First);

        var approved = File.ReadAllText(Path.Combine(Here(), "PlantedDays.approved.txt")).ReplaceLineEndings("\n");
        var firstDay = string.Concat(approved.Split('\n').Where(l => l.StartsWith($"{Worklist(First):yyyy-MM-dd} ", StringComparison.Ordinal)).Select(l => l + "\n"));
        Assert.NotEmpty(firstDay);
        Assert.Equal(firstDay, actual);
    }

    [Fact]
    public async Task TheRunTellsEachStepAsItStarts()
    {
        // What the CLI's progress display shows: the steps in order, training only when there is no champion yet.
        await CommitAsync(Between(null, First));
        var services = new PipelineServices(store, NullLoggerFactory.Instance, TimeProvider.System, PipelineSettings.Default);
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "capacity.csv"), "dong,daily_visits\n문래동,3\n");
        var told = new List<RunProgress>();
        var progress = new Recorder(told);
        await services.Run().RunAsync(inbox, dir.File("out"), dir.File("quarantine"), First, progress, CancellationToken.None);
        Assert.Equal([RunStep.Ingest, RunStep.Train, RunStep.Score, RunStep.Worklists, RunStep.Targets], told.Select(p => p.Step).Distinct());
        Assert.Contains(new RunProgress(RunStep.Ingest, new FileProgress(0, 1)), told);
        Assert.Contains(new RunProgress(RunStep.Ingest, new FileProgress(1, 1)), told);

        told.Clear();
        await services.Run().RunAsync(inbox, dir.File("out"), dir.File("quarantine"), Days[1], progress, CancellationToken.None);
        Assert.Equal([RunStep.Ingest, RunStep.Score, RunStep.Worklists, RunStep.Targets], told.Select(p => p.Step).Distinct());
    }

    sealed class Recorder(List<RunProgress> told) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => told.Add(value);
    }

    static DateOnly Worklist(DateOnly asOf) => new BlindSpot.Core.Time.BusinessCalendar([]).NextBusinessDay(asOf);

    async Task<string> RunAsync(DateOnly asOf)
    {
        var services = new PipelineServices(store, NullLoggerFactory.Instance, TimeProvider.System, PipelineSettings.Default);
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var report = await services.Run().RunAsync(inbox, dir.File("out"), dir.File("quarantine"), asOf, CancellationToken.None);
        Assert.True(report.Succeeded);
        Assert.NotNull(report.ModelVersion);
        var entries = await store.LoadWorklistAsync(report.WorklistDate, CancellationToken.None);
        Assert.NotEmpty(entries);
        var inv = CultureInfo.InvariantCulture;
        var lines = new StringBuilder();
        foreach (var e in entries.OrderBy(e => e.Dong, StringComparer.Ordinal).ThenBy(e => e.Rank))
            lines.Append(string.Create(inv,
                $"{e.Date:yyyy-MM-dd} {e.Dong} {e.Rank} {e.HouseholdId} {e.Selection} {e.Score:R} {e.ModelVersion} {e.SelectionProbability:R} {e.OverCapacity} {e.LastTipAt:yyyy-MM-ddTHH:mm} {e.TipCount} {string.Join(" / ", e.Reasons)}\n"));
        return lines.ToString();
    }

    /// <summary>
    /// The records that arrived after <paramref name="from"/> up to the end of <paramref name="to"/>: the registry and
    /// capacity with the first batch, tips and visits by their day, crisis rows by the day their month became known.
    /// </summary>
    DistrictData Between(DateOnly? from, DateOnly to)
    {
        bool In(DateOnly d) => (from is null || d > from) && d <= to;
        static DateOnly Known(CrisisRecord c) => c.Month.AddMonths(1).AddDays(-1);
        return district with
        {
            HouseholdVersions = from is null ? district.HouseholdVersions : [],
            Capacity = from is null ? district.Capacity : [],
            Crisis = district.Crisis.Where(c => from is null ? Known(c) <= to : In(Known(c))).ToArray(),
            Tips = district.Tips.Where(t => In(DateOnly.FromDateTime(t.ReceivedAt))).ToArray(),
            Outcomes = district.Outcomes.Where(o => In(o.VisitedOn)).ToArray(),
        };
    }

    async Task CommitAsync(DistrictData d)
    {
        var rows = d.HouseholdVersions.Count + d.Crisis.Count + d.Tips.Count + d.Outcomes.Count + d.Rows.Count;
        var sha = (++files).ToString("x64", CultureInfo.InvariantCulture);
        var ledger = new FileLedgerEntry(sha, $"planted_{files}.csv", BlindSpot.Core.Contract.Feed.Households, "utf-8",
            rows, rows, 0, 0, null, [], new DateTime(2026, 7, 1, 9, 0, 0));
        Assert.True(await store.CommitFileAsync(IngestBatch.Empty(ledger) with { Households = d.HouseholdVersions, Crisis = d.Crisis, Tips = d.Tips, Outcomes = d.Outcomes, Rows = d.Rows }, CancellationToken.None));
    }

    static void Approve(string actual)
    {
        var approved = Path.Combine(Here(), "PlantedDays.approved.txt");
        var received = Path.Combine(Here(), "PlantedDays.received.txt");
        if (!File.Exists(approved) || File.ReadAllText(approved).ReplaceLineEndings("\n") != actual)
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"The planted district's lists changed. Review {received} and, only if the change is meant (model content, policy), copy it over {approved}.");
        }
        if (File.Exists(received)) File.Delete(received);
    }
}
