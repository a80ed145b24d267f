namespace BlindSpot.Core.Domain;

/// <summary>How sure the link of a tip to its household is: a feature of the one ranking (docs/model.md).</summary>
public static class TipLink
{
    /// <summary>
    /// 0 for an unlinked tip; 1 for a linked one. Tip resolution (a component of its own) is adding a confidence and a
    /// method to each link; until the tip carries it, every link counts as certain, as the matcher only links on an exact
    /// address (and name) match.
    /// </summary>
    public static double Confidence(Tip tip) => tip.HouseholdId is null ? 0 : 1.0;
}
