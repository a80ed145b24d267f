using BlindSpot.Hosting.Composition;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace BlindSpot.Cli.Hosting;

/// <summary>
/// A command's container: the composition root (<c>AddBlindSpot</c>) over the CLI's configuration, checked at start,
/// with the store open. Configuration, lowest first: appsettings.json in the working folder, the older variables
/// BLINDSPOT_DB and BLINDSPOT_LOG_LEVEL, environment variables (BlindSpot__Section__Key), then the command's flags.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    /// <summary>Older environment variables the CLI still reads, below the BlindSpot__ ones.</summary>
    static readonly (string Variable, string Key)[] Legacy =
    [
        ("BLINDSPOT_DB", BlindSpotKeys.Db),
        ("BLINDSPOT_LOG_LEVEL", BlindSpotKeys.LogLevel),
    ];

    readonly ServiceProvider provider;

    CliServices(ServiceProvider provider) => this.provider = provider;

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public BlindSpotOptions Options => Get<IOptions<BlindSpotOptions>>().Value;

    /// <summary>The CLI's configuration with <paramref name="flags"/> (configuration key -> value; null: flag not given) on top.</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?> flags) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddInMemoryCollection(Legacy
                .Select(l => (l.Key, Value: Environment.GetEnvironmentVariable(l.Variable)))
                .Where(l => !string.IsNullOrWhiteSpace(l.Value))
                .Select(l => KeyValuePair.Create(l.Key, l.Value)))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(flags.Where(f => f.Value is not null))
            .Build();

    /// <summary>
    /// Builds the container, checks every option and opens the store. On a configuration problem writes one line to
    /// <paramref name="error"/> and returns null: the command exits with <see cref="CliApp.UsageError"/>.
    /// </summary>
    /// <param name="logLevel">
    /// The level when the configuration sets none. Errors only by default: every warning the use cases log (a refused
    /// file, a refused snapshot, no champion, a model that does not beat the baselines) is already a line of the
    /// command's own report in Korean, and an English log line beside it would say the same thing twice to a clerk.
    /// `BLINDSPOT_LOG_LEVEL=Warning` (or `BlindSpot__Logging__MinimumLevel`) shows them again; train shows its progress
    /// at Information.
    /// </param>
    /// <param name="addMore">Services a command needs beyond the use cases (the `users` command's accounts).</param>
    /// <param name="createStore">
    /// Only the commands that bring data in (ingest, run) create a missing store. Every other command given a --db
    /// that names no store says so in one line and creates nothing (no file, no folder).
    /// </param>
    public static async Task<CliServices?> StartAsync(TextWriter error, IReadOnlyDictionary<string, string?> flags, CancellationToken ct,
        LogEventLevel logLevel = LogEventLevel.Error, bool createStore = false, Action<IServiceCollection>? addMore = null)
    {
        var configuration = Configuration(flags);
        var services = new ServiceCollection();
        // Standard output is the command's result: log lines go to standard error, errors only by default.
        services.AddLogging(b => b.AddBlindSpotLogging(configuration,
            new LoggingOptions { StandardError = true, MinimumLevel = logLevel, Application = "blindspot-cli" }));
        services.AddBlindSpot(configuration);
        addMore?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        if (StartupCheck.Problem(provider) is { } problem)
        {
            await error.WriteLineAsync(problem);
            await provider.DisposeAsync();
            return null;
        }
        try
        {
            if (await provider.GetRequiredService<StoreHolder>().OpenAsync(createStore, ct) is { } missing)
            {
                await error.WriteLineAsync(missing);
                await provider.DisposeAsync();
                return null;
            }
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new CliServices(provider);
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
