using System.Data.Common;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// Reads the parts of a lazy ingest context, the registry from the copy the store keeps for the registry's current
/// state (its households in the order the store reads them, and their addresses taken apart
/// for the tip resolver's index; written and read by <see cref="ITipResolution"/>). Without a copy for this state (a new snapshot arrived) the registry is read from its
/// versions as before, and a copy is kept for the next runs. A day's run without a snapshot so reads one blob instead
/// of 380,000 versions and builds the resolver's index without parsing 200,000 addresses again; what it reads is the
/// same households in the same order, and the same index.
/// </summary>
internal sealed class RegistryCache(IBlindSpotStore store, ILogger logger, ITipResolution resolution)
{
    public async Task LoadAsync(IngestContext context, IngestContextParts parts, CancellationToken ct)
    {
        // On a snapshot day the snapshot keys come in the same pass over the versions as the registry; a context that
        // already holds households is not read into from a copy.
        if (!parts.HasFlag(IngestContextParts.Registry) || parts.HasFlag(IngestContextParts.SnapshotKeys) || context.Households.Count > 0)
        {
            await store.LoadIngestContextPartsAsync(context, parts, ct);
            return;
        }
        var state = await store.RegistryStateAsync(ct);
        string? damage = null;
        var blob = await store.LoadRegistryCacheAsync(state, ct);
        if (blob is not null && resolution.TryRestoreRegistry(blob, context, out var households, out damage))
        {
            logger.LogInformation("Read the registry ({Households} households) from the copy kept for its state", households);
            if ((parts & ~IngestContextParts.Registry) is var rest and not IngestContextParts.None)
                await store.LoadIngestContextPartsAsync(context, rest, ct);
            return;
        }

        if (blob is not null)
        {
            // Another format or another build of the address parser is expected after an upgrade; a damaged copy is not.
            if (damage is not null)
                logger.LogWarning("The kept copy of the registry is damaged ({ErrorType}): reading the registry from its versions", damage);
            else
                logger.LogInformation("The kept copy of the registry is of another format or build: reading the registry from its versions");
        }
        await store.LoadIngestContextPartsAsync(context, parts, ct);
        await KeepAsync(context, state, ct);
    }

    /// <summary>
    /// Keeps a copy of the registry right after a run committed the last households file of its inbox into a registry
    /// whose order it knows (<paramref name="context"/> holds every household's newest version, in the order a read of
    /// the versions gives: see <see cref="IngestService"/>): the next run (the first daily run after a snapshot) reads one
    /// blob instead of every version. On SQLite the copy is the one that run would have kept after reading the versions.
    /// </summary>
    /// <param name="copy">The copy, made from <paramref name="context"/> while the snapshot was committed (null: made now).</param>
    public async Task KeepAfterSnapshotAsync(IngestContext context, Task<byte[]>? copy, CancellationToken ct)
    {
        var made = copy is null ? null : await copy;
        string state;
        try { state = await store.RegistryStateAsync(ct); }
        catch (DbException e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not keep a copy of the registry: {ErrorType} {SqlState}", e.GetType().Name, e.SqlState);
            return;
        }
        await KeepAsync(context, state, ct, made);
    }

    async Task KeepAsync(IngestContext context, string state, CancellationToken ct, byte[]? made = null)
    {
        // The index is built now (a day with tips needs it anyway) so that the copy holds the addresses taken apart.
        var copy = made ?? resolution.RegistryCopy(context);
        try
        {
            // Nothing may have changed the registry while it was read (ingest holds the inbox lock; this is a check).
            if (await store.RegistryStateAsync(ct) != state) return;
            await store.SaveRegistryCacheAsync(state, copy, ct);
            logger.LogInformation("Kept a copy of the registry ({Households} households) for the next runs", context.Households.Count);
        }
        catch (DbException e) when (!ct.IsCancellationRequested)
        {
            // The copy only saves time: without it the next run reads the registry from its versions again.
            logger.LogWarning("Could not keep a copy of the registry: {ErrorType} {SqlState}", e.GetType().Name, e.SqlState);
        }
    }
}
