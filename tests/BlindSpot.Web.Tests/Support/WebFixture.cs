using BlindSpot.Core.Accounts;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Model.Training;
using BlindSpot.Model.UseCases;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Testing;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlindSpot.Web.Tests.Support;

/// <summary>
/// The web application started for real (Kestrel on a free loopback port) over a SQLite store holding the committed
/// sample district (data-samples/, 12,000 households) and the worklists of <see cref="ListDay"/>, with one account per
/// role; and Debian's Chromium driven by Playwright. One of each for the whole test assembly.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Password = "correct horse battery";
    public const string OwnDong = "도림동", OtherDong = "대림2동";
    /// <summary>The dong whose list the visit-note tests write on (each dong's list is short: 2 households a day).</summary>
    public const string NoteDong = "신길1동";
    /// <summary>A Monday after the sample's last day (2026-10-30); its lists are built from what was known that Friday.</summary>
    public static readonly DateOnly ListDay = new(2026, 11, 2);

    readonly TempDir dir = new();
    WebApplication? app;
    IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public string Db => dir.File("blindspot.db");
    public string OutDir => dir.File("out");
    /// <summary>The application's log folder (the production set-up: compact JSON files).</summary>
    public string LogDir => dir.File("logs");
    public IBrowser Browser { get; private set; } = null!;
    public IBlindSpotStore Store { get; private set; } = null!;
    /// <summary>The application's own services (its use cases, as composed for the web host).</summary>
    public IServiceProvider Services => app!.Services;
    /// <summary>A fresh folder for a test's own files.</summary>
    public string Folder(string name) => Directory.CreateDirectory(dir.File(name)).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: the browser tests need Debian's chromium (apt-get install chromium chromium-driver fonts-noto-cjk; .ci/run does it).");

        app = WebApp.Build(new WebOptions { Urls = "http://127.0.0.1:0", Db = Db, LogFile = Path.Combine(LogDir, "web.clef") }, null, out var problem)
              ?? throw new InvalidOperationException(problem);
        await app.StartAsync();
        BaseUrl = app.Urls.Single();
        Store = app.Services.GetRequiredService<IBlindSpotStore>();

        // The sample district and its lists, through the use cases of the application's own composition.
        await app.Services.GetRequiredService<IngestService>().IngestInboxAsync(Path.Combine(RepositoryRoot(), "data-samples"), dir.File("quarantine"), default);
        var lists = await app.Services.GetRequiredService<WorklistService>().BuildAsync(ListDay, new DateOnly(2026, 10, 30), OutDir, default);
        if (!lists.Succeeded || lists.Listed == 0) throw new InvalidOperationException("The sample worklists were not built: " + lists.Error);
        var accounts = app.Services.GetRequiredService<AccountService>();
        foreach (var (name, role, dong) in new (string, Role, string?)[]
                 {
                     ("dorim1", Role.Dong, OwnDong), ("daerim2", Role.Dong, OtherDong), ("singil1", Role.Dong, NoteDong), ("plan1", Role.Planner, null),
                     ("analyst1", Role.Analyst, null), ("admin1", Role.Admin, null), ("locked1", Role.Planner, null),
                 })
            if (await accounts.AddAsync(name, role, dong, Password, default) is { } invalid) throw new InvalidOperationException(invalid);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    Task<IReadOnlyList<string>>? models;

    /// <summary>
    /// Two models trained on the sample (as of 2026-09-30, then 2026-10-30) for the analysts' pages; trained once, on
    /// first use, through the same use case as `blindspot train`. Returns their versions, oldest first.
    /// </summary>
    public Task<IReadOnlyList<string>> ModelsAsync() => models ??= TrainAsync();

    async Task<IReadOnlyList<string>> TrainAsync()
    {
        var versions = new List<string>();
        foreach (var asOf in new[] { new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 30) })
        {
            // Few trees: the pages show what the registry holds, not how good a model is. Held out (no refit on every
            // row), so the two can be compared on the later one's test weeks whatever results the tests enter later.
            var report = await app!.Services.GetRequiredService<TrainService>().TrainAsync(asOf, new TrainOptions() with { NumberOfTrees = 20, RefitOnAllRows = false }, default);
            versions.Add(report.Version ?? throw new InvalidOperationException("Training failed: " + report.Failure));
        }
        // The pages need a champion; whether the policy promoted one depends on the training settings, so an analyst does.
        if (!(await app!.Services.GetRequiredService<IBlindSpotStore>().ListModelsAsync(default)).Any(m => m.Status == ModelStatus.Champion))
        {
            var promoted = await app.Services.GetRequiredService<ModelRegistryService>().PromoteAsync(versions[0], "fixture", "test fixture", default);
            if (!promoted.Succeeded) throw new InvalidOperationException(promoted.Message);
        }
        return versions;
    }

    /// <summary>A fresh browser context (its own cookies), signed in as <paramref name="username"/> when given.</summary>
    public async Task<IPage> PageAsync(string? username = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, AcceptDownloads = true, Locale = "ko-KR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        // Generous: the machine is shared by many builds at once; a slow answer is not a failure of the application.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        if (username is not null) await SignInAsync(page, username, Password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        // Signed in (the header names the account) or refused (the form's error). Not WaitForLoadStateAsync: after a
        // form post that redirects it now and then missed the new document's event and hung for the whole timeout.
        await page.Locator("header .who, .error").First.WaitForAsync();
    }

    public static string DongPath(string dong) => Uri.EscapeDataString(dong);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        dir.Dispose();
    }

    static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "BlindSpot.sln"))) return d.FullName;
        throw new InvalidOperationException("BlindSpot.sln not found above the test folder.");
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
