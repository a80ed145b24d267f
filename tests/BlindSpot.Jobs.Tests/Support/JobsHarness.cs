using BlindSpot.Core.Storage;
using BlindSpot.Hosting.Logging;
using BlindSpot.Hosting.Store;
using BlindSpot.Jobs.Configuration;
using BlindSpot.Jobs.Hosting;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>
/// One "machine" of the jobs host as the tests need it: the real DI set-up of <see cref="JobsServiceCollectionExtensions.AddBlindSpotJobs"/>
/// over a real store, its own Hangfire storage object, and real <see cref="BackgroundJobServer"/>s on demand.
/// <paramref name="wrapStore"/> puts a fault-injecting wrapper around the real store (never a mock of it).
/// </summary>
internal sealed class JobsHarness : IAsyncDisposable
{
    readonly ServiceProvider services;
    readonly List<BackgroundJobServer> servers = [];

    public string Db { get; }
    public string Inbox { get; }
    public string Out { get; }
    public JobStorage Storage { get; }
    public IBackgroundJobClient Client { get; }
    public IBlindSpotStore Store => services.GetRequiredService<StoreHolder>().Store;

    JobsHarness(ServiceProvider services, string db, string inbox, string outDir)
    {
        this.services = services;
        Db = db;
        Inbox = inbox;
        Out = outDir;
        Storage = services.GetRequiredService<JobStorage>();
        Client = new BackgroundJobClient(Storage);
    }

    public static async Task<JobsHarness> StartAsync(string db, string inbox, string outDir, Func<IBlindSpotStore, IBlindSpotStore>? wrapStore = null,
        LoggingOptions? logging = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlindSpot:Db"] = db,
            ["BlindSpot:Inbox"] = inbox,
            ["BlindSpot:Out"] = outDir,
            ["BlindSpot:Jobs:RegisterSchedule"] = "false",
            ["BlindSpot:Jobs:QueuePollInterval"] = "00:00:00.200",
            ["BlindSpot:Jobs:InvisibilityTimeout"] = "00:00:30",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => { if (logging is not null) b.AddBlindSpotLogging(logging); });
        collection.AddBlindSpotJobs(config, withServer: false);
        if (wrapStore is not null)
            collection.AddSingleton<IBlindSpotStore>(sp => wrapStore(sp.GetRequiredService<StoreHolder>().Store));
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Assert.Null(await services.GetRequiredService<StoreHolder>().OpenAsync(create: true, CancellationToken.None));
        return new JobsHarness(services, db, inbox, outDir);
    }

    public T Job<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Starts a real Hangfire server on this machine's storage, with one worker unless told otherwise.</summary>
    public BackgroundJobServer StartServer(string name, int workers = 1)
    {
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = workers,
            Activator = new AspNetCoreJobActivator(services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>()),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(15),
        }, Storage);
        servers.Add(server);
        return server;
    }

    public void StopServer(BackgroundJobServer server)
    {
        servers.Remove(server);
        server.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in servers) s.Dispose();
        servers.Clear();
        await services.DisposeAsync();
        // AddHangfire points Hangfire's static log provider at this container's ILoggerFactory, now disposed.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }
}
