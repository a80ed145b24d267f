using System.Runtime.CompilerServices;
using System.Text.Json;
using BlindSpot.Core.Storage;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Tests.Ingest;

/// <summary>A temp folder with an inbox, a quarantine folder and real SQLite files; deleted afterwards.</summary>
internal sealed class IngestFixture : IDisposable
{
    /// <summary>The moment of every ingest here: 2024-05-01 09:00 KST.</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The small contract files of the Csv tests (real files, one per broken-row kind).</summary>
    public static readonly string[] District =
    [
        "households_20240430.csv", "households_20240430_part2.csv", "households_20240430_broken.csv",
        "crisis_202403.csv", "crisis_truncated.csv", "tips_officer_202404.csv", "tips_officer_truncated.csv",
        "tips_hotline_202404.csv", "outcomes_202404.csv", "capacity.csv", "targets_baseline.csv",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("blindspot-ingest-").FullName;
    public string Inbox => Path.Combine(Root, "inbox");
    public string Quarantine => Path.Combine(Root, "quarantine");

    public IngestFixture() => Directory.CreateDirectory(Inbox);

    public void Copy(params string[] names)
    {
        foreach (var n in names) File.Copy(Path.Combine(FilesDir(), n), Path.Combine(Inbox, n), overwrite: true);
    }

    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Inbox, name), text);

    public string Db(string name = "blindspot.db") => Path.Combine(Root, name);

    public static Task<IBlindSpotStore> OpenAsync(string db) => StoreFactory.OpenAsync(db, CancellationToken.None);

    public async Task<IngestReport> IngestAsync(IBlindSpotStore store, ILogger<IngestService>? logger = null, TimeProvider? clock = null,
        CancellationToken ct = default, IngestOptions? options = null) =>
        await new IngestService(store, logger ?? new ListLogger(), clock ?? new FakeTimeProvider(Now), Parts.Feeds, Parts.Output, Parts.Tips, options).IngestInboxAsync(Inbox, Quarantine, ct);

    /// <summary>Everything ingest writes, as comparable text: the ledger, the quarantine and the district as of ingest day.</summary>
    public static async Task<string> StateAsync(IBlindSpotStore store)
    {
        var files = await store.ListFilesAsync(CancellationToken.None);
        var quarantine = await store.ListQuarantineAsync(CancellationToken.None);
        var d = await store.LoadDistrictAsync(new DateOnly(2024, 5, 1), CancellationToken.None);
        static IEnumerable<string> Sorted<T>(IEnumerable<T> items) => items.Select(i => JsonSerializer.Serialize(i)).Order(StringComparer.Ordinal);
        return string.Join("\n", new[]
        {
            Sorted(files), Sorted(quarantine), Sorted(d.HouseholdVersions), Sorted(d.Households), Sorted(d.Crisis), Sorted(d.Tips),
            Sorted(d.Outcomes), Sorted(d.Capacity), Sorted(d.Baselines),
        }.Select(lines => string.Join("\n", lines) + "\n--"));
    }

    static string FilesDir([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "BlindSpot.Csv.Tests", "Files"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Keeps every rendered log message; can stand in for a crash right after the n-th file is committed.</summary>
internal sealed class ListLogger(Action<string>? onMessage = null) : ILogger<IngestService>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        Messages.Add(message);
        onMessage?.Invoke(message);
    }
}
