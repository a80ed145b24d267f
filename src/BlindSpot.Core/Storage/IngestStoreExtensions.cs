using BlindSpot.Core.Ingest;

namespace BlindSpot.Core.Storage;

public static class IngestStoreExtensions
{
    /// <summary>
    /// A context holding <paramref name="parts"/> of the stored keys and households, read now; any other part is read
    /// from the store when first asked for (<see cref="IngestContext.EnsureAsync"/>). A use that needs only the registry
    /// (a dong's screens) or one feed's keys (a visit result typed on the web) reads no more than that.
    /// </summary>
    public static async Task<IngestContext> LoadIngestContextAsync(this IIngestStore store, IngestContextParts parts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var context = new IngestContext(store.LoadIngestContextPartsAsync);
        await context.EnsureAsync(parts, ct);
        return context;
    }
}
