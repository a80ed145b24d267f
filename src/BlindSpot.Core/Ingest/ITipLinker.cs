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
}
