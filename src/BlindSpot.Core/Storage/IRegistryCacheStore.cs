namespace BlindSpot.Core.Storage;

/// <summary>
/// A copy of the registry kept between runs for ingest and tip resolution (one blob, for one state of the registry;
/// see BlindSpot.Pipeline's <c>RegistryCache</c>). It holds personal data like the registry itself, and is dropped by
/// <see cref="IJobRunStore.PurgePersonalDataAsync"/>.
/// </summary>
public interface IRegistryCacheStore
{
    /// <summary>
    /// The registry's state: a text that changes whenever household versions are stored (the household files of the
    /// ledger, the number of versions and the newest snapshot date). A copy kept for another state is not used.
    /// </summary>
    Task<string> RegistryStateAsync(CancellationToken ct);

    /// <summary>The copy kept for <paramref name="state"/>, null when there is none.</summary>
    Task<byte[]?> LoadRegistryCacheAsync(string state, CancellationToken ct);

    /// <summary>Keeps <paramref name="blob"/> for <paramref name="state"/>, dropping the copies of every other state.</summary>
    Task SaveRegistryCacheAsync(string state, byte[] blob, CancellationToken ct);
}
