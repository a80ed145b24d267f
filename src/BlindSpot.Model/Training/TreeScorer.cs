using System.Runtime.CompilerServices;
using BlindSpot.Model.Features;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace BlindSpot.Model.Training;

/// <summary>
/// A boosted-tree <see cref="RiskModel"/> evaluated in plain C# over the feature arrays, giving the same floats as the
/// ML.NET chain: the same hashed char n-grams of the notes (<see cref="RiskModel"/>'s featurizer: characters as keys,
/// n-grams of 1..<see cref="TrainOptions.NgramLength"/> hashed as ML.NET 5's NgramHashingTransformer does with its
/// defaults, into 2^<see cref="TrainOptions.NgramBits"/> slots after the numeric ones), the same tree walk
/// (<c>value &lt;= threshold</c> goes left; leaf values summed in double in tree order, then cast to float) and the
/// chain's own fitted calibrator object. It exists because an IDataView pass costs about a second of JIT and set-up in
/// every process (docs/adr/0006-daily-run-in-proportion.md, "Fourth pass"); batches of any size take milliseconds.
/// <see cref="TryCreate"/> returns null for any chain it does not recognise (another learner, categorical splits, a
/// single-leaf tree, another featurizer layout), and <see cref="TryProbabilities"/> refuses rows it cannot evaluate the
/// same way (a NaN value, where a tree may have a learned default, or a vector of another length): the caller then
/// scores through ML.NET. <c>TreeScorerTests</c> compares both on a trained planted district.
/// </summary>
internal sealed class TreeScorer
{
    readonly int numeric;
    readonly uint mask;
    readonly int ngramLength;
    readonly Tree[] trees;
    readonly ICalibrator calibrator;

    /// <summary>One regression tree: node i goes to <see cref="Lte"/>[i] when its feature is &lt;= the threshold, else
    /// to <see cref="Gt"/>[i]; a negative child c is leaf ~c.</summary>
    sealed record Tree(int[] Lte, int[] Gt, int[] Feature, float[] Threshold, double[] Leaf);

    TreeScorer(int numeric, int ngramBits, int ngramLength, Tree[] trees, ICalibrator calibrator)
    {
        this.numeric = numeric;
        mask = (1u << ngramBits) - 1;
        this.ngramLength = ngramLength;
        this.trees = trees;
        this.calibrator = calibrator;
    }

    /// <summary>
    /// The scorer of a chain built by <see cref="RiskModel"/> with <paramref name="o"/>: [featurizer (char keys, hashed
    /// n-grams, concatenation)], FastTree, fitted calibrator, [contributions]; null for anything else.
    /// </summary>
    public static TreeScorer? TryCreate(ITransformer chain, DataViewSchema inputSchema, TrainOptions o)
    {
        if (chain is not IEnumerable<ITransformer> steps) return null;
        var list = steps.ToList();
        if (list.Count < 3) return null;
        // The featurizer: exactly the three transforms RiskModel.Featurizer appends, with the slot counts of these options.
        if (list[0] is not IEnumerable<ITransformer> featurizer) return null;
        var parts = featurizer.ToList();
        if (parts.Count != 3 || parts[0] is not TokenizingByCharactersTransformer || parts[1] is not NgramHashingTransformer
            || parts[2] is not ColumnConcatenatingTransformer) return null;
        if (o.NgramBits is < 1 or > 30 || o.NgramLength is < 1 or > 10) return null;
        var featurized = list[0].GetOutputSchema(inputSchema);
        if (featurized.GetColumnOrNull("NoteNgrams")?.Type is not VectorDataViewType { Size: var ngramSlots } || ngramSlots != 1 << o.NgramBits) return null;
        if (featurized.GetColumnOrNull("Features")?.Type is not VectorDataViewType { Size: var size } || size != FeatureSchema.Count + ngramSlots) return null;

        if (list[1] is not IPredictionTransformer<object> { Model: CalibratedModelParametersBase { SubModel: TreeEnsembleModelParametersBasedOnRegressionTree fastTree } }) return null;
        if (list[2] is not IPredictionTransformer<ICalibrator> { Model: { } calibrator }) return null;
        if (list.Skip(3).Any(s => s is not FeatureContributionCalculatingTransformer)) return null;

        var trees = new List<Tree>();
        foreach (var t in fastTree.TrainedTreeEnsemble.Trees)
        {
            if (t.NumberOfLeaves < 2 || t.CategoricalSplitFlags.Any(c => c)) return null;
            var tree = new Tree([.. t.LeftChild], [.. t.RightChild], [.. t.NumericalSplitFeatureIndexes], [.. t.NumericalSplitThresholds], [.. t.LeafValues]);
            if (tree.Feature.Any(f => f < 0 || f >= size)) return null;
            trees.Add(tree);
        }
        return new TreeScorer(FeatureSchema.Count, o.NgramBits, o.NgramLength, [.. trees], calibrator);
    }

    /// <summary>Calibrated probabilities in input order, or null when a row cannot be evaluated exactly as ML.NET would.</summary>
    // Fully optimised at the first call: a daily run calls these once per process for ~30,000 rows, most of which tiered
    // compilation would otherwise run in unoptimised code (measured: 0.54 CPU-s for the first 30,000 rows, 0.10 warm).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[]? TryProbabilities(IReadOnlyList<HouseholdFeatures> rows)
    {
        foreach (var r in rows)
        {
            if (r.Values.Length != numeric) return null;
            foreach (var v in r.Values) if (float.IsNaN(v)) return null;
        }
        var result = new double[rows.Count];
        // Blocks of rows side by side (a day's ~30,000 rankable households: ~0.1-0.2 s on one core, the rest of the run
        // waiting): each row's probability reads only the trees, the calibrator's fitted constants and the row, so every
        // value is the one scoring them one after another gives, in its place.
        if (rows.Count < ParallelFromRows) ProbabilitiesOf(rows, 0, rows.Count, result);
        else Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, rows.Count, ParallelFromRows / 2),
            range => ProbabilitiesOf(rows, range.Item1, range.Item2, result));
        return result;
    }

    /// <summary>Rows from which <see cref="TryProbabilities"/> scores blocks of rows on several threads.</summary>
    internal const int ParallelFromRows = 4096;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ProbabilitiesOf(IReadOnlyList<HouseholdFeatures> rows, int from, int to, double[] result)
    {
        var counts = new float[mask + 1];
        var touched = new List<int>();
        var ngram = new uint[ngramLength];
        for (var i = from; i < to; i++)
        {
            var f = rows[i];
            NoteNgrams.Add(f.Notes, ngramLength, mask, counts, touched, ngram);
            result[i] = calibrator.PredictProbability(RawScore(f.Values, counts));
            foreach (var slot in touched) counts[slot] = 0;
            touched.Clear();
        }
    }

    /// <summary>
    /// Probabilities with each row's feature contributions as RiskModel's contribution step gives them (ML.NET's
    /// <c>CalculateFeatureContribution</c> on the trees, <paramref name="positive"/> largest positive ones, not
    /// normalised): in every tree, each split on the row's path adds to its feature the leaf value reached minus the leaf
    /// value the row would reach going the other way at that split (as a float). ML.NET adds these floats per feature in
    /// an order its buffer's sort leaves them in; here they are added in double and rounded once, so a total can differ
    /// from ML.NET's in its last bits (never the probability). Null when <see cref="TryProbabilities"/> would be.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double Probability, VBuffer<float> Contributions)[]? TryExplain(IReadOnlyList<HouseholdFeatures> rows, int positive)
    {
        var probabilities = TryProbabilities(rows);
        if (probabilities is null) return null;
        var length = numeric + (int)(mask + 1);
        var result = new (double, VBuffer<float>)[rows.Count];
        var counts = new float[mask + 1];
        var touched = new List<int>();
        var ngram = new uint[ngramLength];
        var sums = new double[length];
        var seen = new bool[length];
        var used = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var f = rows[i];
            NoteNgrams.Add(f.Notes, ngramLength, mask, counts, touched, ngram);
            foreach (var t in trees)
            {
                var leaf = LeafFrom(t, 0, f.Values, counts);
                var output = t.Leaf[leaf];
                var node = 0;
                while (node >= 0)
                {
                    var feature = t.Feature[node];
                    var value = feature < numeric ? f.Values[feature] : counts[feature - numeric];
                    int next, other;
                    if (value <= t.Threshold[node]) (next, other) = (t.Lte[node], t.Gt[node]);
                    else (next, other) = (t.Gt[node], t.Lte[node]);
                    var diff = (float)(output - t.Leaf[LeafFrom(t, other, f.Values, counts)]);
                    if (diff != 0)
                    {
                        if (!seen[feature]) { seen[feature] = true; used.Add(feature); }
                        sums[feature] += diff;
                    }
                    node = next;
                }
            }
            // The largest positive totals (ties: the lower slot), then in slot order, as a sparse vector.
            var top = used.Select(k => (Slot: k, Value: (float)sums[k])).Where(x => x.Value > 0)
                .OrderByDescending(x => x.Value).ThenBy(x => x.Slot).Take(positive).OrderBy(x => x.Slot).ToArray();
            result[i] = (probabilities[i], new VBuffer<float>(length, top.Length, [.. top.Select(x => x.Value)], [.. top.Select(x => x.Slot)]));
            foreach (var k in used) (sums[k], seen[k]) = (0, false);
            used.Clear();
            foreach (var slot in touched) counts[slot] = 0;
            touched.Clear();
        }
        return result;
    }

    /// <summary>The leaf a row reaches from a node (a negative node is already leaf ~node).</summary>
    int LeafFrom(Tree t, int node, float[] values, float[] counts)
    {
        while (node >= 0)
        {
            var feature = t.Feature[node];
            var value = feature < numeric ? values[feature] : counts[feature - numeric];
            node = value <= t.Threshold[node] ? t.Lte[node] : t.Gt[node];
        }
        return ~node;
    }

    /// <summary>The note's hashed n-gram counts as one dense vector (for tests: ML.NET's "NoteNgrams" column).</summary>
    internal float[] NoteNgramCounts(string notes)
    {
        var counts = new float[mask + 1];
        NoteNgrams.Add(notes, ngramLength, mask, counts, [], new uint[ngramLength]);
        return counts;
    }

    /// <summary>The learner's raw score (ML.NET's "Score" column): leaf values summed in double, in tree order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    float RawScore(float[] values, float[] counts)
    {
        double output = 0;
        foreach (var t in trees)
        {
            var node = 0;
            while (node >= 0)
            {
                var feature = t.Feature[node];
                var value = feature < numeric ? values[feature] : counts[feature - numeric];
                node = value <= t.Threshold[node] ? t.Lte[node] : t.Gt[node];
            }
            output += t.Leaf[~node];
        }
        return (float)output;
    }
}
