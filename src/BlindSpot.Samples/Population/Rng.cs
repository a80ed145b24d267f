namespace BlindSpot.Samples.Population;

/// <summary>
/// The one seeded source of randomness, with the draws the generator needs. System.Random with a seed uses
/// its legacy, stable algorithm: the same seed gives the same sequence on every run and machine.
/// </summary>
internal sealed class Rng(int seed)
{
    readonly Random random = new(seed);

    /// <summary>
    /// A generator of its own for one item (a tip's description), seeded from its key: drawing from it leaves the main
    /// sequence, and so everything else of the world, as it was.
    /// </summary>
    public static Rng Derived(int a, int b, int c)
    {
        // SplitMix-style mixing of the three parts (stable across runs and machines, unlike HashCode).
        var x = unchecked((ulong)a * 0x9E3779B97F4A7C15UL ^ (ulong)b * 0xBF58476D1CE4E5B9UL ^ (ulong)c * 0x94D049BB133111EBUL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return new Rng((int)((x ^ (x >> 31)) & 0x7FFFFFFF));
    }

    public double Next() => random.NextDouble();

    public bool Chance(double p) => random.NextDouble() < p;

    /// <summary>Uniform int in [min, max] inclusive.</summary>
    public int Int(int min, int max) => random.Next(min, max + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }

    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, w) in items) total += w;
        var x = random.NextDouble() * total;
        foreach (var (item, w) in items)
        {
            x -= w;
            if (x < 0) return item;
        }
        return items[^1].Item;
    }

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with median 1 and the given sigma of its log.</summary>
    public double LogNormal(double sigma) => Math.Exp(sigma * Normal());

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
