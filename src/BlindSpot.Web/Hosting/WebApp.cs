using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BlindSpot.Web.Hosting;

/// <summary>Builds the web application that `blindspot web` runs (and the browser tests start on a free port).</summary>
public static class WebApp
{
    /// <summary>
    /// The application, composed like every host (docs/configuration.md): <paramref name="configuration"/> (the CLI's:
    /// appsettings.json, environment, flags) over the builder's own, then <see cref="WebOptions.Db"/>. Returns null with
    /// <paramref name="problem"/> set (one line) when an option is invalid; nothing has started then.
    /// </summary>
    public static WebApplication? Build(WebOptions options, IConfiguration? configuration, out string? problem) =>
        Compose(options, configuration, out problem)?.UseBlindSpotWeb(options);

    /// <summary>
    /// <see cref="Build"/> without the request pipeline: the application composed and its options checked, nothing
    /// touched yet. Mapping the pipeline (<see cref="WebApplicationExtensions.UseBlindSpotWeb"/>) creates Hangfire's
    /// storage, which connects to PostgreSQL: `blindspot web` waits for its database in between.
    /// </summary>
    public static WebApplication? Compose(WebOptions options, IConfiguration? configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((problem = options.Validate()) is not null) return null;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Razor Pages are found in this assembly whichever executable hosts it.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        if (configuration is not null) builder.Configuration.AddConfiguration(configuration);
        if (options.Db is { Length: > 0 } db) builder.Configuration.AddInMemoryCollection([KeyValuePair.Create(BlindSpotKeys.Db, (string?)db)]);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.AddBlindSpotLogging(builder.Configuration, new LoggingOptions { File = options.LogFile, Application = "blindspot-web" });
        builder.Services.AddBlindSpotWeb(builder.Configuration, options);

        var app = builder.Build();
        if ((problem = StartupCheck.Problem(app.Services) ?? NationalProblem(app.Services)) is not null)
        {
            ((IDisposable)app).Dispose();
            return null;
        }
        return app;
    }

    /// <summary>
    /// The web app shows one district's store. Nationally each district has its own database and the national one holds
    /// only the job queue (docs/adr/0007): opened with the district codes, it would show a district without households.
    /// </summary>
    static string? NationalProblem(IServiceProvider services) =>
        services.GetRequiredService<IOptions<Jobs.Configuration.JobsOptions>>().Value.National
            ? "웹은 구 하나의 데이터베이스를 보여 줍니다: BlindSpot:Jobs:Districts(전국 실행)는 jobs host에만 주고, 웹은 그 구의 데이터베이스를 --db로 여세요 (예: Database=blindspot_d07)."
            : null;

    /// <summary>True when the store has no account yet (the command then says how to create the first one).</summary>
    public static async Task<bool> HasNoAccountAsync(WebApplication app, CancellationToken ct) =>
        (await app.Services.GetRequiredService<IBlindSpotStore>().ListAccountsAsync(ct)).Count == 0;
}
