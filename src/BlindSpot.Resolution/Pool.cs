using System.Runtime.CompilerServices;
using BlindSpot.Core.Domain;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution;

/// <summary>
/// The households a tip's address can mean, each with its prior weight and how it was found, in the order they were
/// first added (the order <see cref="TipResolver"/> adds up their masses in, as a dictionary enumerates its entries when
/// nothing is added after a removal). Households are found by their place in the index (<see cref="HouseholdEntry.Ordinal"/>)
/// instead of hashed; one pool per thread is reused from tip to tip (holding no household between tips).
/// </summary>
internal sealed class Pool
{
    [ThreadStatic] static Pool? cached;

    // The index the pool is for, by number: a pool kept for the thread must not keep the index (and its registry) alive.
    readonly long indexId;
    // 1 + the slot of each household of the index in the pool, 0 when not pooled; cleared by Return.
    readonly int[] slotOf;
    Slot[] slots = new Slot[64];
    int used;

    Pool(RegistryIndex index)
    {
        indexId = index.Id;
        slotOf = new int[index.Ordinals];
    }

    /// <summary>An empty pool over <paramref name="index"/> (the thread's own, when it was last used for this index).</summary>
    public static Pool Rent(RegistryIndex index)
    {
        var pool = cached is { } p && p.indexId == index.Id ? p : new Pool(index);
        cached = null;
        return pool;
    }

    /// <summary>Empties the pool and keeps it for the thread's next tip.</summary>
    public void Return()
    {
        for (var i = 0; i < used; i++) slotOf[slots[i].H.Ordinal] = 0;
        Array.Clear(slots, 0, used);
        used = 0;
        Count = 0;
        Scored.Clear();
        cached = this;
    }

    public struct Slot
    {
        public HouseholdEntry H;
        // What the resolver weighs the household by (copied from its building's card: read in a row with the slots).
        public HouseholdFacts Facts;
        public double Weight;
        public MatchMethod Method;
        public bool Removed;
    }

    /// <summary>Households pooled and not removed.</summary>
    public int Count { get; private set; }

    /// <summary>Every slot in the order the households were added, removed ones included (flagged).</summary>
    public ReadOnlySpan<Slot> Slots => slots.AsSpan(0, used);

    /// <summary>The resolver's scores of this pool's households (cleared with the pool).</summary>
    public List<TipResolver.Scored> Scored { get; } = [];

    public bool Contains(HouseholdEntry h) => slotOf[h.Ordinal] != 0;

    /// <summary>Adds a household not pooled yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(HouseholdEntry h, in HouseholdFacts facts, double weight, MatchMethod method)
    {
        if (used == slots.Length) Array.Resize(ref slots, slots.Length * 2);
        slots[used] = new Slot { H = h, Facts = facts, Weight = weight, Method = method };
        slotOf[h.Ordinal] = ++used;
        Count++;
    }

    /// <summary>Pools the household with this weight, or raises its weight (and method) when it is pooled with less.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(HouseholdEntry h, in HouseholdFacts facts, double weight, MatchMethod method)
    {
        var at = slotOf[h.Ordinal];
        if (at == 0) Add(h, facts, weight, method);
        else if (slots[at - 1].Weight < weight) (slots[at - 1].Weight, slots[at - 1].Method) = (weight, method);
    }

    /// <summary>Removes the households whose id is in <paramref name="ids"/> (dong staff said the tip is not about them).</summary>
    public void RemoveWhere(IReadOnlyCollection<string> ids)
    {
        for (var i = 0; i < used; i++)
            if (!slots[i].Removed && ids.Contains(slots[i].Facts.Id))
            {
                slots[i].Removed = true;
                Count--;
            }
    }

    /// <summary>The weight of the first pooled household (in the pool's order) with this id.</summary>
    public double FirstWeight(string householdId)
    {
        foreach (ref readonly var s in Slots)
            if (!s.Removed && s.Facts.Id == householdId) return s.Weight;
        throw new InvalidOperationException("The household is not in the pool.");
    }

    /// <summary>How many pooled households weigh at least <paramref name="weight"/>.</summary>
    public int CountWeightsAtLeast(double weight)
    {
        var n = 0;
        foreach (ref readonly var s in Slots)
            if (!s.Removed && s.Weight >= weight) n++;
        return n;
    }
}
