using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Ingest;

/// <summary>
/// Which registry household a tip read from a file is about. The ingest use case hands one to the CSV reader
/// (BlindSpot.Resolution implements it over the registry index), so reading CSV decides nothing about households.
/// </summary>
public interface ITipLinker
{
    /// <summary>The dong an address lies in by the registry, or null when it cannot tell.</summary>
    string? InferDong(string address);

    /// <summary>The tip linked to one household, kept with candidate households, or kept unresolved.</summary>
    /// <param name="dongGiven">Whether the file gave the dong (a hotline call may leave it to the address).</param>
    Tip Link(Tip tip, bool dongGiven);

    /// <summary>
    /// Each tip as <see cref="Link"/> links it alone, in their order: what the CSV reader calls once per file, after the
    /// file's rows are read. An implementation whose links never depend on one another (BlindSpot.Resolution's) may link
    /// them side by side; this default links them one after the other. An exception is the one the first tip (in their
    /// order) that fails would throw.
    /// </summary>
    /// <param name="dongGiven">For each tip, whether the file gave its dong.</param>
    IReadOnlyList<Tip> LinkAll(IReadOnlyList<Tip> tips, IReadOnlyList<bool> dongGiven)
    {
        ArgumentNullException.ThrowIfNull(tips);
        ArgumentNullException.ThrowIfNull(dongGiven);
        var linked = new Tip[tips.Count];
        for (var i = 0; i < linked.Length; i++) linked[i] = Link(tips[i], dongGiven[i]);
        return linked;
    }
}
