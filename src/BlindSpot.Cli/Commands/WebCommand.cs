using System.CommandLine;
using BlindSpot.Cli.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Store;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlindSpot.Cli.Commands;

/// <summary>`web [--urls URL] [--db DB] [--with-jobs] [--inbox DIR] [--out DIR] [--behind-proxy] [--log-file FILE]`.</summary>
internal static class WebCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {WebOptions.DefaultUrls}). Plain http:// only on loopback unless --behind-proxy." };
        var db = CommonOptions.Db();
        var withJobs = new Option<bool>("--with-jobs") { Description = "Also run the jobs host's Hangfire server and schedule in this process (one command for a whole office)." };
        var inbox = new Option<string?>("--inbox") { Description = "With --with-jobs: the inbox folder (default ./inbox)." };
        var outDir = new Option<string?>("--out") { Description = "With --with-jobs: the output folder (default ./out)." };
        var behindProxy = new Option<bool>("--behind-proxy") { Description = "A TLS-terminating reverse proxy forwards to this server: trust X-Forwarded-Proto/For, HTTPS-only cookies." };
        var logFile = new Option<string?>("--log-file") { Description = "Compact JSON log file, rolled daily (default logs/blindspot-web-.clef). Overrides BlindSpot:Logging:File." };
        var command = new Command("web", "Serves the web application (Korean UI): dong worklists and visit results, the planners' dashboard, models, admin pages.")
        {
            urls, db, withJobs, inbox, outDir, behindProxy, logFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The CLI's configuration (appsettings.json, BLINDSPOT_DB, BlindSpot__ variables) with the flags on top.
            var configuration = CliServices.Configuration(new Dictionary<string, string?>
            {
                [BlindSpotKeys.Db] = parse.GetValue(db) is { Length: > 0 } d ? d : null,
                [BlindSpotKeys.Inbox] = parse.GetValue(inbox),
                [BlindSpotKeys.Out] = parse.GetValue(outDir),
                [BlindSpotKeys.LogFile] = parse.GetValue(logFile),
            });
            var options = new WebOptions
            {
                Urls = parse.GetValue(urls) ?? WebOptions.DefaultUrls,
                WithJobs = parse.GetValue(withJobs),
                BehindProxy = parse.GetValue(behindProxy),
            };
            await using var app = WebApp.Compose(options, configuration, out var problem);
            if (app is null) { await error.WriteLineAsync(problem); return CliApp.UsageError; }
            // With --with-jobs this is a server started like the jobs host (a machine boot, before its PostgreSQL): it
            // waits for the database the same way (BlindSpot:Jobs:DatabaseWait), then gives up with one line, exit 1.
            // Without, one attempt: a database that is down is said at once (before Hangfire's storage tries for 30 s).
            if (await DatabaseWait.ForHostAsync(app.Services, ct, wait: options.WithJobs) is { } down)
            {
                await error.WriteLineAsync(down);
                return CliApp.Failed;
            }
            // Opened before the host starts (StoreStartup then finds it open): a --db naming no usable store is one line, exit 2.
            if (await app.Services.GetRequiredService<StoreHolder>().OpenAsync(create: true, ct) is { } unusable)
            {
                await error.WriteLineAsync(unusable);
                return CliApp.UsageError;
            }
            app.UseBlindSpotWeb(options);
            await app.StartAsync(ct);
            await output.WriteLineAsync($"BlindSpot web on {string.Join(", ", app.Urls)}{(options.WithJobs ? " with the jobs scheduler" : "")}. Ctrl+C stops it.");
            if (await WebApp.HasNoAccountAsync(app, ct))
                await output.WriteLineAsync("No accounts yet: create one with `blindspot users add --username U --role admin --password-stdin`.");
            await app.WaitForShutdownAsync(ct);
            return CliApp.Ok;
        });
        return command;
    }
}
