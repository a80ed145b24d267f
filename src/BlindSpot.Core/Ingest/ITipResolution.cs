using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// Tip resolution as the ingest use cases need it, under the configured thresholds (BlindSpot.Resolution's
/// RegistryTipResolution, section BlindSpot:Resolution). The context's registry index is built once and kept with the context.
/// </summary>
public interface ITipResolution
{
    /// <summary>What the reader links a tips file's rows through, over <paramref name="context"/>'s registry (built when a tips file first asks).</summary>
    ITipLinker Linker(IngestContext context);

    /// <summary>Stored tips resolved again against <paramref name="context"/>'s registry, whose newest snapshot is <paramref name="snapshot"/>.</summary>
    IReadOnlyList<Tip> ResolveAgain(IngestContext context, IReadOnlyList<Tip> tips, DateOnly snapshot);

    /// <summary>
    /// A copy of <paramref name="context"/>'s registry for the next runs: its households in order and their addresses
    /// taken apart (the index is built now when it was not).
    /// </summary>
    byte[] RegistryCopy(IngestContext context);

    /// <summary>
    /// Fills <paramref name="context"/>'s registry from a copy <see cref="RegistryCopy"/> wrote, with the addresses for
    /// its index; false (and nothing filled) when the copy is of another format or build, or damaged (<paramref name="damage"/> says how).
    /// </summary>
    bool TryRestoreRegistry(byte[] copy, IngestContext context, out int households, out string? damage);

    /// <summary>
    /// Starts building the index of <paramref name="context"/>'s registry on another thread, for the tips files ingest
    /// will read after other files (the context's households must not change during the call). <see cref="Linker"/>
    /// uses it only while the context's households are those it was started from. Optional: doing nothing is correct.
    /// </summary>
    void BuildIndexAhead(IngestContext context) { }
}
