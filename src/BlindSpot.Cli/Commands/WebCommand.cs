using System.CommandLine;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Web.Hosting;
using Microsoft.AspNetCore.Builder;
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
        var logFile = new Option<string?>("--log-file") { Description = "Compact JSON log file, rolled daily (default logs/blindspot-web-.clef; empty for the console only)." };
        var command = new Command("web", "Serves the web application (Korean UI): dong worklists and visit results, the planners' dashboard, models, admin pages.")
        {
            urls, db, withJobs, inbox, outDir, behindProxy, logFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(inbox) is { } i) settings[$"{JobsOptions.Section}:{nameof(JobsOptions.Inbox)}"] = i;
            if (parse.GetValue(outDir) is { } o) settings[$"{JobsOptions.Section}:{nameof(JobsOptions.Out)}"] = o;
            var options = new WebOptions
            {
                Urls = parse.GetValue(urls) ?? WebOptions.DefaultUrls,
                Db = CommonOptions.ResolveDb(parse.GetValue(db)),
                WithJobs = parse.GetValue(withJobs),
                BehindProxy = parse.GetValue(behindProxy),
                Settings = settings,
                LogFile = parse.GetValue(logFile) is { } f ? (f.Length == 0 ? null : f) : new WebOptions().LogFile,
            };
            if (options.Validate() is { } invalid) { await error.WriteLineAsync(invalid); return CliApp.UsageError; }

            await using var app = WebApp.Build(options);
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
