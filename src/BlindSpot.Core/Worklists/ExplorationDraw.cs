using System.Text;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// The random part of a worklist, repeatable by construction: a SplitMix64 generator seeded with the FNV-1a
/// hash of (date, dong, salt). It does not depend on System.Random or string.GetHashCode, whose values may
/// change between runtimes, so a list can be re-derived years later.
/// </summary>
public sealed class ExplorationDraw
{
    ulong state;

    public ExplorationDraw(DateOnly date, string dong, string salt)
    {
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes($"{date:yyyy-MM-dd}|{dong}|{salt}"))
        {
            hash ^= b;
            hash *= prime;
        }
        state = hash;
    }

    /// <summary>Next 64 random bits (SplitMix64).</summary>
    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>
    /// How many exploration slots a list gets: the expected number <paramref name="expected"/> rounded at random
    /// (floor, plus one with the fractional part's probability), so that over many days the share is exact even
    /// when the expected number is below one. Capped at <paramref name="cap"/>. Also returns the capped expectation.
    /// </summary>
    public int Slots(double expected, int cap, out double cappedExpectation)
    {
        var floor = (int)Math.Floor(expected);
        var frac = expected - floor;
        var slots = floor + (NextDouble() < frac ? 1 : 0);
        // E[min(slots, cap)]: slots is floor or floor + 1, so a cap at or below floor is always binding, above never.
        cappedExpectation = cap <= floor ? Math.Max(cap, 0) : expected;
        return Math.Clamp(slots, 0, Math.Max(cap, 0));
    }

    /// <summary>Draws <paramref name="k"/> items uniformly without replacement (partial Fisher-Yates), in draw order.</summary>
    public IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int k)
    {
        var pool = items.ToArray();
        k = Math.Min(k, pool.Length);
        for (var i = 0; i < k; i++)
        {
            var j = i + NextInt(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..k];
    }
}
