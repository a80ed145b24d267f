using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Logging;
using BlindSpot.Jobs.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlindSpot.Web.Hosting;

/// <summary>Builds the web application that `blindspot web` runs (and the browser tests start on a free port).</summary>
public static class WebApp
{
    public static WebApplication Build(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } invalid) throw new ArgumentException(invalid, nameof(options));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Razor Pages are found in this assembly whichever executable hosts it.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        var settings = new Dictionary<string, string?>(options.Settings) { [$"{JobsOptions.Section}:{nameof(JobsOptions.Db)}"] = options.Db };
        if (!options.WithJobs) settings[$"{JobsOptions.Section}:{nameof(JobsOptions.RegisterSchedule)}"] = "false";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.AddBlindSpotLogging(new LoggingOptions { File = options.LogFile, Application = "blindspot-web" });
        builder.Services.AddBlindSpotWeb(builder.Configuration, options);

        var app = builder.Build();
        app.UseBlindSpotWeb(options);
        return app;
    }

    /// <summary>True when the store has no account yet (the command then says how to create the first one).</summary>
    public static async Task<bool> HasNoAccountAsync(WebApplication app, CancellationToken ct) =>
        (await app.Services.GetRequiredService<IBlindSpotStore>().ListAccountsAsync(ct)).Count == 0;
}
