using System.Runtime.CompilerServices;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// Each building's households as the resolver weighs them (<see cref="HouseholdFacts"/>, in the building's order), made
/// the first time a tip looks at the building and kept for the index's life: a tip looks at a few dozen buildings (the
/// number written and the numbers a slip away), and the tips of a run at the same ones again and again. Safe across
/// threads: two threads may make a building's card at once; both make the same, and either is kept.
/// </summary>
internal sealed class BuildingCards(RegistryIndex index)
{
    readonly Card?[] cards = new Card?[index.BuildingCount];

    /// <summary>The numbers given to the households' (and the tips') dongs.</summary>
    public DongCodes Dongs { get; } = new();

    /// <summary>The card of building <paramref name="b"/>.</summary>
    public Card Of(BuildingEntry b) => Volatile.Read(ref cards[b.Id]) ?? Make(b);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    Card Make(BuildingEntry b)
    {
        var households = b.Households;
        var ordinals = new int[households.Count];
        var facts = new HouseholdFacts[households.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            var h = households[i];
            ordinals[i] = h.Ordinal;
            facts[i] = HouseholdFacts.Of(h, Dongs);
        }
        var card = new Card(b.Sub, ordinals, facts);
        Volatile.Write(ref cards[b.Id], card);
        return card;
    }

    /// <summary>
    /// A building's sub-number (what the numbers a slip away are weighed by) and its households: their places in the index
    /// and their facts, in the building's order.
    /// </summary>
    internal sealed class Card(int sub, int[] ordinals, HouseholdFacts[] facts)
    {
        public readonly int Sub = sub;
        public readonly int[] Ordinals = ordinals;
        public readonly HouseholdFacts[] Facts = facts;
    }
}
