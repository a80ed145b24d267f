using System.Runtime.CompilerServices;

namespace BlindSpot.Model.Training;

/// <summary>
/// The hashed char n-gram counts of a note, exactly as <see cref="RiskModel"/>'s featurizer computes them in ML.NET:
/// TokenizeIntoCharactersAsKeys (no marker characters: the key of a character is its UTF-16 code) then
/// ProduceHashedNgrams with ML.NET 5's defaults (all lengths 1..n starting at every position, seed 314489979, ordered
/// hashing of a single source column, no rehash of unigrams, no skips) into 2^bits slots. Used where an IDataView pass
/// costs more than the sum itself: scoring (<see cref="TreeScorer"/>) and the rows a LightGbm fit reads.
/// <c>TreeScorerTests</c> and <c>RiskModelTests</c> compare it with ML.NET's own column.
/// </summary>
internal static class NoteNgrams
{
    const uint HashSeed = 314489979;

    /// <summary>
    /// Adds the note's n-gram counts into <paramref name="counts"/> (2^bits slots, <paramref name="mask"/> = 2^bits - 1);
    /// each slot that turns non-zero is added to <paramref name="touched"/>. <paramref name="ngram"/> is a scratch buffer
    /// of <paramref name="ngramLength"/> entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(string notes, int ngramLength, uint mask, float[] counts, List<int> touched, uint[] ngram)
    {
        for (var start = 0; start < notes.Length; start++)
        {
            var longest = Math.Min(ngramLength, notes.Length - start);
            for (var n = 1; n <= longest; n++)
            {
                ngram[n - 1] = notes[start + n - 1];
                var hash = n == 1 ? ngram[0] : MurmurHash(ngram, n);
                var slot = (int)(MixHash(hash) & mask);
                if (counts[slot] == 0) touched.Add(slot);
                counts[slot] += 1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint MurmurHash(uint[] data, int length)
    {
        var hash = HashSeed;
        for (var i = 0; i < length; i++) hash = MurmurRound(hash, data[i]);
        hash = MurmurRound(hash, (uint)length);
        return MixHash(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint MurmurRound(uint hash, uint chunk)
    {
        chunk *= 0xCC9E2D51;
        chunk = uint.RotateLeft(chunk, 15);
        chunk *= 0x1B873593;
        hash ^= chunk;
        hash = uint.RotateLeft(hash, 13);
        hash *= 5;
        hash += 0xE6546B64;
        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint MixHash(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
