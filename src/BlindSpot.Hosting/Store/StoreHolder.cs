using BlindSpot.Core.Storage;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Hosting.Store;

/// <summary>
/// The process's one store (opened and migrated once, at start, before any use case runs). Use cases get it through
/// DI as <see cref="IBlindSpotStore"/>; a host opens it with <see cref="OpenAsync"/> (the Generic Host does it through
/// <see cref="StoreStartup"/>, the CLI right after validating its configuration).
/// </summary>
/// <param name="districtCache">BlindSpot:DistrictCache (<see cref="StoreFactory.OpenAsync(string, bool, CancellationToken, TimeProvider?, string?, ILoggerFactory?)"/>).</param>
/// <param name="loggers">The host's loggers, for the store's own warnings.</param>
public sealed class StoreHolder(string db, TimeProvider? clock = null, string? districtCache = null, ILoggerFactory? loggers = null) : IAsyncDisposable
{
    IBlindSpotStore? store;

    public IBlindSpotStore Store => store ?? throw new InvalidOperationException(NoStoreReason is { } why
        ? $"This process has no store of its own: {why}."
        : "The store is not open yet: OpenAsync runs at host start.");

    /// <summary>Set by <see cref="HasNoStore"/>: why this process never opens BlindSpot:Db as a store.</summary>
    public string? NoStoreReason { get; private set; }

    /// <summary>
    /// This process opens no store of its own (a national jobs server: every district has its own database, and BlindSpot:Db
    /// holds only the job queue): <see cref="StoreStartup"/> then opens nothing, and asking for <see cref="Store"/> says why.
    /// </summary>
    public void HasNoStore(string reason)
    {
        if (store is not null) throw new InvalidOperationException("The store is already open.");
        NoStoreReason = reason;
    }

    /// <summary>
    /// Opens (and migrates) the store. <paramref name="create"/>: only what brings data in (ingest, run, the hosts) may
    /// create a missing store; otherwise a missing one is a problem (one Korean line, nothing created). Null when open.
    /// </summary>
    public async Task<string?> OpenAsync(bool create, CancellationToken ct)
    {
        if (store is not null) return null;
        if (NoStoreReason is { } why) throw new InvalidOperationException($"This process has no store of its own: {why}.");
        var opening = await StoreFactory.OpenAsync(db, create, ct, clock, districtCache, loggers);
        store = opening.Store;
        return opening.Problem;
    }

    public async ValueTask DisposeAsync()
    {
        if (store is not null) await store.DisposeAsync();
        store = null;
    }
}
