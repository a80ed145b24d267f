using BlindSpot.Model.Features;

namespace BlindSpot.Bench;

/// <summary>
/// Synthetic households for scale benchmarks: each row copies a real feature row of the generated district (drawn at
/// random) and jitters its counts, amounts and durations by up to ±10% (zeros, flags and "never" stay as they are),
/// with a fresh id. Rows are made lazily, one batch at a time: only the current batch is ever in memory.
/// </summary>
internal static class SyntheticRows
{
    public static IEnumerable<IReadOnlyList<HouseholdFeatures>> Batches(IReadOnlyList<HouseholdFeatures> pool, long households, int batchSize, int seed)
    {
        if (pool.Count == 0) throw new ArgumentException("The pool of real feature rows is empty.", nameof(pool));
        var rng = new Random(seed);
        for (long start = 0; start < households; start += batchSize)
        {
            var size = (int)Math.Min(batchSize, households - start);
            var batch = new HouseholdFeatures[size];
            for (var i = 0; i < size; i++)
                batch[i] = Jitter(pool[rng.Next(pool.Count)], start + i, rng);
            yield return batch;
        }
    }

    static HouseholdFeatures Jitter(HouseholdFeatures source, long index, Random rng)
    {
        var values = (float[])source.Values.Clone();
        for (var j = 0; j < values.Length; j++)
        {
            var v = values[j];
            if (v is 0f or 1f || v >= FeatureSchema.Never) continue;
            var jittered = v * (float)(0.9 + 0.2 * rng.NextDouble());
            values[j] = MathF.Round(v) == v ? MathF.Round(jittered) : jittered;
        }
        return source with { HouseholdId = $"N{index:D9}", Values = values };
    }
}
