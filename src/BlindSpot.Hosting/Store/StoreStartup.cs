using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Hosting.Store;

/// <summary>Opens and migrates the store at host start; registered first, so later hosted services (a Hangfire server) never see it closed.</summary>
internal sealed class StoreStartup(StoreHolder holder, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (holder.NoStoreReason is { } why)
        {
            logger.LogInformation("No store of its own: {Reason}", why);
            return;
        }
        // A host brings data in (the scheduled ingest): it may create its store. An unusable --db was refused by StartupCheck.
        if (await holder.OpenAsync(create: true, cancellationToken) is { } problem) throw new InvalidOperationException(problem);
        logger.LogInformation("Store open: {Engine}", holder.Store.Engine);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
