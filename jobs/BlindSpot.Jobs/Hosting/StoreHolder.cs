using BlindSpot.Core.Storage;
using BlindSpot.Storage;

namespace BlindSpot.Jobs.Hosting;

/// <summary>
/// The process's one store (opened and migrated once, at start, before the Hangfire server takes jobs). Use cases
/// get it through DI as <see cref="IBlindSpotStore"/>.
/// </summary>
public sealed class StoreHolder(string db) : IAsyncDisposable
{
    IBlindSpotStore? store;

    public IBlindSpotStore Store => store ?? throw new InvalidOperationException("The store is not open yet: OpenAsync runs at host start.");

    public async Task OpenAsync(CancellationToken ct)
    {
        store ??= await StoreFactory.OpenAsync(db, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (store is not null) await store.DisposeAsync();
        store = null;
    }
}
