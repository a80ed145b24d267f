using BlindSpot.Core.Metrics;
using BlindSpot.Model.Explain;
using BlindSpot.Model.Features;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Trainers;
using Microsoft.ML;

namespace BlindSpot.Model.Training;

/// <summary>A household's calibrated probability and its top reasons in plain Korean.</summary>
public sealed record ScoredHousehold(HouseholdFeatures Features, double Probability, IReadOnlyList<string> Reasons);

/// <summary>
/// A trained risk model: char n-gram featurizer -> FastTree -> calibrator fitted on held-out time -> per-row feature
/// contributions. Scores whole batches through one <see cref="IDataView"/> (never one PredictionEngine call per row).
/// </summary>
public sealed class RiskModel
{
    readonly MLContext ml;
    readonly ITransformer chain;
    readonly DataViewSchema inputSchema;
    // The trees evaluated in plain C# (same floats, no IDataView pass); null when the chain is not one TreeScorer knows or
    // the featurizer's options are unknown (a model loaded without its card's options).
    readonly Lazy<TreeScorer?> trees;

    internal RiskModel(MLContext ml, ITransformer chain, DataViewSchema inputSchema, TrainOptions? options)
    {
        this.ml = ml;
        this.chain = chain;
        this.inputSchema = inputSchema;
        trees = new(() => options is null ? null : TreeScorer.TryCreate(chain, inputSchema, options));
    }

    /// <summary>The ML.NET zip (schema and trees; no training rows, no n-gram vocabulary, no notes).</summary>
    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        ml.Model.Save(chain, inputSchema, ms);
        return ms.ToArray();
    }

    public static RiskModel Load(byte[] bytes, int seed = 0) => Load(bytes, seed, null);

    /// <summary>A stored model with the options it was trained with (its card's): boosted trees then score without an
    /// IDataView pass (<see cref="TreeScorer"/>, the same floats).</summary>
    public static RiskModel Load(byte[] bytes, TrainOptions options) => Load(bytes, options.Seed, options);

    static RiskModel Load(byte[] bytes, int seed, TrainOptions? options)
    {
        var ml = new MLContext(seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryModelParameters).Assembly);
        using var ms = new MemoryStream(bytes, writable: false);
        var chain = ml.Model.Load(ms, out var schema);
        return new RiskModel(ml, chain, schema, options);
    }

    /// <summary>Calibrated probabilities only (the contribution column is not computed), in input order: through
    /// <see cref="TreeScorer"/> when it knows this model and the rows, otherwise through ML.NET (the same floats).</summary>
    public double[] Probabilities(IReadOnlyList<HouseholdFeatures> rows) =>
        trees.Value?.TryProbabilities(rows) ?? ProbabilitiesThroughMlNet(rows);

    /// <summary>True when <see cref="Probabilities"/> evaluates the trees in plain C# (for tests and benchmarks).</summary>
    internal bool HasTreeScorer => trees.Value is not null;

    /// <summary>The tree scorer itself, when there is one (for tests).</summary>
    internal TreeScorer? TreeScorer => trees.Value;

    /// <summary>The notes' hashed n-gram counts as ML.NET's featurizer computes them (for tests), one dense vector a row.</summary>
    internal IReadOnlyList<float[]> NoteNgramsThroughMlNet(IReadOnlyList<HouseholdFeatures> rows)
    {
        var featurizer = ((IEnumerable<ITransformer>)chain).First();
        var featurized = featurizer.Transform(ModelInput.Load(ml, rows.Select(r => ModelInput.From(r))));
        var result = new List<float[]>(rows.Count);
        using var cursor = featurized.GetRowCursor([featurized.Schema["NoteNgrams"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(featurized.Schema["NoteNgrams"]);
        var v = default(VBuffer<float>);
        while (cursor.MoveNext()) { getter(ref v); result.Add(v.DenseValues().ToArray()); }
        return result;
    }

    /// <summary>The contribution vectors of one IDataView pass through the ML.NET chain (for tests), copied per row.</summary>
    internal IReadOnlyList<VBuffer<float>> ContributionsThroughMlNet(IReadOnlyList<HouseholdFeatures> rows)
    {
        var scored = chain.Transform(ModelInput.Load(ml, rows.Select(r => ModelInput.From(r))));
        var result = new List<VBuffer<float>>(rows.Count);
        using var cursor = scored.GetRowCursor([scored.Schema["FeatureContributions"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema["FeatureContributions"]);
        var v = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref v);
            var copy = default(VBuffer<float>);
            v.CopyTo(ref copy);
            result.Add(copy);
        }
        return result;
    }

    /// <summary>The probabilities of one IDataView pass through the ML.NET chain.</summary>
    internal double[] ProbabilitiesThroughMlNet(IReadOnlyList<HouseholdFeatures> rows)
    {
        var view = ModelInput.Load(ml, rows.Select(r => ModelInput.From(r)));
        var scored = chain.Transform(view);
        var result = new double[rows.Count];
        var i = 0;
        using (var cursor = scored.GetRowCursor([scored.Schema["Probability"]]))
        {
            var getter = cursor.GetGetter<float>(scored.Schema["Probability"]);
            float p = 0;
            while (cursor.MoveNext()) { getter(ref p); result[i++] = p; }
        }
        if (i != rows.Count) throw new InvalidOperationException($"Scored {i} rows of {rows.Count}.");
        return result;
    }

    /// <summary>Scores a batch with reasons, streaming: rows come back in input order.</summary>
    public IEnumerable<ScoredHousehold> Score(IReadOnlyList<HouseholdFeatures> rows, int topReasons = 3)
    {
        if (trees.Value?.TryExplain(rows, ContributionsKept) is not { } explained) return ScoreThroughMlNet(rows, topReasons);
        return rows.Select((f, i) => new ScoredHousehold(f, explained[i].Probability, ReasonBuilder.TopReasons(f, explained[i].Contributions, topReasons)));
    }

    /// <summary>The largest positive feature contributions the chain's contribution step keeps per row.</summary>
    internal const int ContributionsKept = 24;

    /// <summary>Probabilities and reasons of one IDataView pass through the ML.NET chain, streaming.</summary>
    internal IEnumerable<ScoredHousehold> ScoreThroughMlNet(IReadOnlyList<HouseholdFeatures> rows, int topReasons = 3)
    {
        var view = ModelInput.Load(ml, rows.Select(r => ModelInput.From(r)));
        var scored = chain.Transform(view);
        var probCol = scored.Schema["Probability"];
        var fccCol = scored.Schema["FeatureContributions"];
        using var cursor = scored.GetRowCursor([probCol, fccCol]);
        var probGetter = cursor.GetGetter<float>(probCol);
        var fccGetter = cursor.GetGetter<VBuffer<float>>(fccCol);
        float p = 0;
        var contributions = default(VBuffer<float>);
        var i = 0;
        while (cursor.MoveNext())
        {
            probGetter(ref p);
            fccGetter(ref contributions);
            var f = rows[i++];
            yield return new ScoredHousehold(f, p, ReasonBuilder.TopReasons(f, contributions, topReasons));
        }
        if (i != rows.Count) throw new InvalidOperationException($"Scored {i} rows of {rows.Count}.");
    }

    /// <summary>The learner of this model (<see cref="Learners"/>); a model loaded from its zip does not know it (its card does).</summary>
    public string Learner { get; private init; } = Learners.LightGbm;

    /// <param name="selection">Rows of the calibration window (its visits and its sampled negatives) on which
    /// <see cref="TrainOptions.Learner"/> = auto picks the learner with the higher AUC.</param>
    internal static RiskModel Train(IReadOnlyList<LabeledExample> train, IReadOnlyList<LabeledExample> calibration, TrainOptions o,
        IReadOnlyList<LabeledExample>? selection = null)
    {
        var ml = new MLContext(o.Seed);
        var learner = o.Learner.ToLowerInvariant();
        var (trainView, featurizer, featurized, weightColumn) = Prepare(ml, train, o, learner);
        var calRows = Rows(calibration, o);
        var calWeighted = calRows.Any(r => r.Weight != 1f);
        var calView = ModelInput.Load(ml, calRows);

        var candidates = learner == Learners.Auto
            ? [FitLightGbm(ml, featurizer, featurized, weightColumn, o), FitLogistic(ml, featurizer, featurized, weightColumn, o)]
            : new List<Fitted> { Fit(learner, ml, featurizer, featurized, weightColumn, o) };
        var chosen = candidates[0];
        if (candidates.Count > 1)
        {
            // One learner per model, chosen on rows it was not fitted on: the calibration window's visits and its sampled
            // negatives (the population the lists rank). Boosted trees win ties (their reasons are the familiar ones).
            var rows = selection is { Count: > 0 } ? selection : calibration;
            var labels = rows.Select(e => e.Label).ToArray();
            if (labels.Any(l => l) && labels.Any(l => !l))
            {
                var view = ModelInput.Load(ml, rows.Select(e => ModelInput.From(e.Features)));
                var best = double.NegativeInfinity;
                foreach (var c in candidates)
                {
                    var auc = RankQuality.Auc(RawScores(c.Chain.Transform(view)), labels);
                    if (auc > best + 1e-9) (best, chosen) = (auc, c);
                }
            }
        }

        // The trainer's own Probability uses fixed Platt parameters (not calibrated): refit on held-out later time, with
        // the same selection weights, so that the probability describes the eligible households, not only the chosen ones.
        var calScored = chosen.Chain.Transform(calView);
        var calWeight = calWeighted ? nameof(ModelInput.Weight) : null;
        // A calibrator never turns the ranking around: when the calibration window's visits rank backwards under this
        // model (AUC <= 0.5, a small or odd window), a fitted Platt would take a negative slope and invert every list.
        // Then the learner's own sigmoid is kept (monotone, not calibrated) and the card says so.
        var calLabels = calibration.Select(e => e.Label).ToArray();
        var calAuc = RankQuality.Auc(RawScores(calScored), calLabels);
        var uncalibrated = !(calAuc > 0.5);
        ITransformer calibrator = uncalibrated
            ? ml.BinaryClassification.Calibrators.Platt(slope: -1, offset: 0, "Score").Fit(calScored)
            : o.Calibrator.Equals("isotonic", StringComparison.OrdinalIgnoreCase)
                ? ml.BinaryClassification.Calibrators.Isotonic(nameof(ModelInput.Label), "Score", calWeight).Fit(calScored)
                : ml.BinaryClassification.Calibrators.Platt(nameof(ModelInput.Label), "Score", calWeight).Fit(calScored);
        var contributions = chosen.Contributions(calibrator.Transform(calScored));

        var chain = new TransformerChain<ITransformer>([.. chosen.Steps, calibrator, contributions]);
        return new RiskModel(ml, chain, trainView.Schema, o)
        {
            Learner = chosen.Learner,
            calibratorStep = calibrator,
            CalibrationProblem = uncalibrated
                ? $"The calibration window's visits rank backwards under this model (AUC {calAuc:F3}): no calibrator was fitted; probabilities are the learner's own sigmoid, monotone but not calibrated."
                : null,
        };
    }

    /// <summary>Set when no calibrator could be fitted at training (not stored in the model file: the card keeps it).</summary>
    public string? CalibrationProblem { get; private init; }

    ITransformer? calibratorStep;

    /// <summary>
    /// The same learner with the same settings, fitted again on every row up to the as-of date (the calibration and test
    /// windows included), with this model's calibrator: the deployed model learns from the latest visits, while the
    /// card's figures stay those of this held-out model (<see cref="TrainOptions.RefitOnAllRows"/>).
    /// </summary>
    internal RiskModel Refit(IReadOnlyList<LabeledExample> all, TrainOptions o) => Refit(FitForRefit(all, o, Learner));

    /// <summary>
    /// The refit's learner fitted on <paramref name="all"/> rows: it needs only the learner's name, not the held-out model,
    /// so training can fit it beside the held-out model (each fit single-threaded with its own seeded context: the same
    /// model as fitting it afterwards).
    /// </summary>
    internal static PreparedRefit FitForRefit(IReadOnlyList<LabeledExample> all, TrainOptions o, string learner)
    {
        var ml = new MLContext(o.Seed);
        var (view, featurizer, featurized, weightColumn) = Prepare(ml, all, o, learner);
        return new PreparedRefit(ml, view, Fit(learner, ml, featurizer, featurized, weightColumn, o, inLightGbmCopy: true), o);
    }

    /// <summary>A learner fitted on every row, waiting for the held-out model's calibrator (<see cref="Refit(PreparedRefit)"/>).</summary>
    internal sealed record PreparedRefit(MLContext Ml, IDataView View, Fitted Fitted, TrainOptions Options);

    /// <summary>The deployed model: <paramref name="prepared"/>'s learner with this held-out model's calibrator.</summary>
    internal RiskModel Refit(PreparedRefit prepared)
    {
        if (calibratorStep is null) throw new InvalidOperationException("Only a model trained in this process can be refitted.");
        if (prepared.Fitted.Learner != Learner) throw new InvalidOperationException($"A {prepared.Fitted.Learner} refit cannot deploy a {Learner} model.");
        var scored = calibratorStep.Transform(prepared.Fitted.Chain.Transform(prepared.View));
        var chain = new TransformerChain<ITransformer>([.. prepared.Fitted.Steps, calibratorStep, prepared.Fitted.Contributions(scored)]);
        return new RiskModel(prepared.Ml, chain, prepared.View.Schema, prepared.Options) { Learner = Learner, calibratorStep = calibratorStep, CalibrationProblem = CalibrationProblem };
    }

    /// <param name="inLightGbmCopy">A LightGbm fit runs in the trainer's second copy (<see cref="FitLightGbm"/>).</param>
    static Fitted Fit(string learner, MLContext ml, ITransformer featurizer, IDataView featurized, string? weight, TrainOptions o,
        bool inLightGbmCopy = false) =>
        learner switch
        {
            Learners.Logistic => FitLogistic(ml, featurizer, featurized, weight, o),
            Learners.Gam => FitGam(ml, featurizer, featurized, weight, o),
            Learners.LightGbm => FitLightGbm(ml, featurizer, featurized, weight, o, inLightGbmCopy),
            _ => FitFastTree(ml, featurizer, featurized, weight, o),
        };

    /// <summary>Example weights: sampled negatives their fixed weight, visits 1 / selection probability (clipped).</summary>
    static List<ModelInput> Rows(IEnumerable<LabeledExample> rows, TrainOptions o) =>
        rows.Select(e => ModelInput.From(e.Features, e.Label, SelectionCorrection.Weight(e, o))).ToList();

    /// <summary>
    /// The rows to fit on, the featurizer fitted on them, their features, and the weight column (null when every weight
    /// is 1). For LightGbm the learner's vectors are made here (<see cref="Featurized"/>: the notes' n-gram counts and the
    /// join with the numeric features): ML.NET's transforms read through its parallel cursor splitter cost a LightGbm fit
    /// about as much as growing its trees; the rows the learner reads are the same.
    /// </summary>
    static (IDataView View, ITransformer Featurizer, IDataView Featurized, string? WeightColumn) Prepare(MLContext ml,
        IEnumerable<LabeledExample> examples, TrainOptions o, string learner)
    {
        var rows = Rows(examples, o);
        var view = ModelInput.Load(ml, rows);
        var featurizer = Featurizer(ml, o).Fit(view);
        var featurized = learner == Learners.LightGbm ? Featurized(ml, rows, o) : featurizer.Transform(view);
        return (view, featurizer, featurized, rows.Any(r => r.Weight != 1f) ? nameof(ModelInput.Weight) : null);
    }

    /// <summary>
    /// The featurizer's "Features" (and label, weight) of <paramref name="rows"/>: the n-grams counted in C# and the
    /// numeric slots and n-gram slots joined here exactly as ML.NET's ColumnConcatenatingTransformer joins a dense and a
    /// sparse vector (sparse when at most half the slots have a value, each numeric slot then an explicit value, zeros
    /// included; dense otherwise). Joined by ML.NET, a LightGbm fit read them through its parallel cursor splitter
    /// (threads handing rows over under locks, in each of the fit's passes over the rows: about as long as growing the
    /// trees). <c>TreeScorerTests</c> hold the vectors and the fitted trees equal to those of ML.NET's featurizer.
    /// </summary>
    internal static IDataView Featurized(MLContext ml, IReadOnlyList<ModelInput> rows, TrainOptions o)
    {
        var slots = 1 << o.NgramBits;
        var mask = (uint)slots - 1;
        var numeric = FeatureSchema.Count;
        var length = numeric + slots;
        var counts = new float[slots];
        var touched = new List<int>();
        var ngram = new uint[o.NgramLength];
        var joined = new FeatureRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Numeric.Length != numeric) throw new InvalidOperationException($"A row of {r.Numeric.Length} numeric features for {numeric} slots.");
            NoteNgrams.Add(r.Notes, o.NgramLength, mask, counts, touched, ngram);
            touched.Sort();
            VBuffer<float> features;
            var count = numeric + touched.Count;
            if (count <= length / 2)
            {
                var values = new float[count];
                var indices = new int[count];
                r.Numeric.CopyTo(values, 0);
                for (var k = 0; k < numeric; k++) indices[k] = k;
                for (var k = 0; k < touched.Count; k++)
                {
                    values[numeric + k] = counts[touched[k]];
                    indices[numeric + k] = numeric + touched[k];
                }
                features = new VBuffer<float>(length, count, values, indices);
            }
            else
            {
                var values = new float[length];
                r.Numeric.CopyTo(values, 0);
                foreach (var slot in touched) values[numeric + slot] = counts[slot];
                features = new VBuffer<float>(length, values);
            }
            foreach (var slot in touched) counts[slot] = 0;
            touched.Clear();
            joined[i] = new FeatureRow { Features = features, Label = r.Label, Weight = r.Weight };
        }
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return ml.Data.LoadFromEnumerable(joined, schema);
    }

    /// <summary>A row as a learner reads it: its numeric features and its notes' hashed n-gram counts in one vector.</summary>
    sealed class FeatureRow
    {
        public VBuffer<float> Features { get; set; }
        public bool Label { get; set; }
        public float Weight { get; set; } = 1;
    }

    /// <summary>
    /// Korean does not split on spaces: characters -> hashed char n-grams. maximumNumberOfInverts: 0 keeps no n-gram ->
    /// text table in the model, so no fragment of a note (a name!) can end up in the zip.
    /// </summary>
    internal static IEstimator<ITransformer> Featurizer(MLContext ml, TrainOptions o) =>
        ml.Transforms.Text.TokenizeIntoCharactersAsKeys("NoteChars", nameof(ModelInput.Notes), useMarkerCharacters: false)
            .Append(ml.Transforms.Text.ProduceHashedNgrams("NoteNgrams", "NoteChars", numberOfBits: o.NgramBits,
                ngramLength: o.NgramLength, useAllLengths: true, maximumNumberOfInverts: 0))
            .Append(ml.Transforms.Concatenate("Features", nameof(ModelInput.Numeric), "NoteNgrams"));

    /// <summary>
    /// A generalised additive model (ML.NET GAM: boosted one-feature stumps, one shape function per feature): a risk
    /// that adds up across facts, as the indicators do, with the trees' non-linearity inside each fact.
    /// </summary>
    static Fitted FitGam(MLContext ml, ITransformer featurizer, IDataView featurized, string? weight, TrainOptions o)
    {
        var predictor = ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = weight,
            NumberOfIterations = o.NumberOfTrees * 5,
            LearningRate = o.LearningRate * 0.25,
            MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
            Seed = o.Seed,
            NumberOfThreads = 1,
        }).Fit(featurized);
        return new Fitted(Learners.Gam, [featurizer, predictor], scored =>
            ml.Transforms.CalculateFeatureContribution<GamBinaryModelParameters, PlattCalibrator>(
                predictor, numberOfPositiveContributions: ContributionsKept, numberOfNegativeContributions: 0, normalize: false).Fit(scored));
    }

    /// <summary>A fitted learner: its steps from the raw row to "Score", and how to explain its scores.</summary>
    internal sealed record Fitted(string Learner, ITransformer[] Steps, Func<IDataView, ITransformer> Contributions)
    {
        public TransformerChain<ITransformer> Chain { get; } = new(Steps);
    }

    static Fitted FitFastTree(MLContext ml, ITransformer featurizer, IDataView featurized, string? weight, TrainOptions o)
    {
        var predictor = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = weight,
            NumberOfTrees = o.NumberOfTrees,
            NumberOfLeaves = o.NumberOfLeaves,
            MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
            LearningRate = o.LearningRate,
            Seed = o.Seed,
            FeatureSelectionSeed = o.Seed,
            NumberOfThreads = 1, // repeatable to the bit; the data sets are small enough
        }).Fit(featurized);
        return new Fitted(Learners.FastTree, [featurizer, predictor], scored =>
            ml.Transforms.CalculateFeatureContribution<FastTreeBinaryModelParameters, PlattCalibrator>(
                predictor, numberOfPositiveContributions: ContributionsKept, numberOfNegativeContributions: 0, normalize: false).Fit(scored));
    }

    /// <summary>
    /// The same boosted trees grown by LightGBM (native, histogram-based): the same trees, leaves, rows per leaf and learning
    /// rate as FastTree, one thread and a fixed seed, so the same rows give the same model. It trains the same trees on
    /// the notes' 1,024 sparse n-gram slots several times faster than FastTree (docs/adr/0002-model-choice.md, fifth
    /// amendment). The trees are stored in ML.NET's own tree format (no LightGBM model text, no note fragments), so scoring
    /// (<see cref="TreeScorer"/> or ML.NET) does not call the native library.
    /// </summary>
    /// <param name="inCopy">Fitted by the trainer's second copy (<see cref="LightGbmCopy"/>), when there is one: the same
    /// trees, without waiting for a fit of the default copy that runs at the same time.</param>
    internal static Fitted FitLightGbm(MLContext ml, ITransformer featurizer, IDataView featurized, string? weight, TrainOptions o, bool inCopy = false)
    {
        var options = new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = "Features",
            ExampleWeightColumnName = weight,
            NumberOfIterations = o.NumberOfTrees,
            NumberOfLeaves = o.NumberOfLeaves,
            MinimumExampleCountPerLeaf = o.MinimumExampleCountPerLeaf,
            LearningRate = o.LearningRate,
            Seed = o.Seed,
            // Repeatable to the bit: one thread (OpenMP threads also spin on a shared machine), LightGBM's deterministic mode,
            // and one histogram layout chosen by us, not by LightGBM timing both at start (its advice for deterministic runs).
            NumberOfThreads = 1,
            Deterministic = true,
            ForceColumnWise = true,
            Silent = true,
            Verbose = false,
        };
        if (inCopy && LightGbmCopy.TryFit(ml, featurized, options, ContributionsKept) is { } copied)
            return new Fitted(Learners.LightGbm, [featurizer, copied.Predictor], copied.Contributions);
        var predictor = ml.BinaryClassification.Trainers.LightGbm(options).Fit(featurized);
        return new Fitted(Learners.LightGbm, [featurizer, predictor], scored =>
            ml.Transforms.CalculateFeatureContribution<LightGbmBinaryModelParameters, PlattCalibrator>(
                predictor, numberOfPositiveContributions: ContributionsKept, numberOfNegativeContributions: 0, normalize: false).Fit(scored));
    }

    /// <summary>
    /// L2-regularised logistic regression (L-BFGS, one thread: repeatable) on the numeric features, standardised (the
    /// days-since slots' "never" sentinel then acts as a no-tip / no-visit indicator). Its feature contributions are
    /// weight x standardised value; reasons keep only slots whose value is a risk (<see cref="Explain.ReasonPhrases"/>).
    /// </summary>
    static Fitted FitLogistic(MLContext ml, ITransformer featurizer, IDataView featurized, string? weight, TrainOptions o)
    {
        // The numeric slots only: standardised hashed n-gram counts were noise to a linear model (the ranking check ranked
        // it worse with them, docs/simulation.md); the trees keep the n-grams.
        var normalizer = ml.Transforms.NormalizeMeanVariance(LinearFeatures, nameof(ModelInput.Numeric), useCdf: false).Fit(featurized);
        var normalized = normalizer.Transform(featurized);
        var predictor = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = LinearFeatures,
            ExampleWeightColumnName = weight,
            L2Regularization = (float)o.LogisticL2,
            NumberOfThreads = 1,
        }).Fit(normalized);
        return new Fitted(Learners.Logistic, [featurizer, normalizer, predictor], scored =>
            ml.Transforms.CalculateFeatureContribution<LinearBinaryModelParameters, PlattCalibrator>(
                predictor, numberOfPositiveContributions: ContributionsKept, numberOfNegativeContributions: 0, normalize: false).Fit(scored));
    }

    const string LinearFeatures = "NumericStandardised";

    internal static double[] RawScores(IDataView scored)
    {
        var result = new List<double>();
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var getter = cursor.GetGetter<float>(scored.Schema["Score"]);
        float v = 0;
        while (cursor.MoveNext()) { getter(ref v); result.Add(v); }
        return [.. result];
    }
}

/// <summary>The learners a <see cref="RiskModel"/> can be (<see cref="TrainOptions.Learner"/>).</summary>
public static class Learners
{
    public const string FastTree = "fasttree", LightGbm = "lightgbm", Logistic = "logistic", Gam = "gam", Auto = "auto";
    public static readonly string[] All = [Auto, FastTree, LightGbm, Logistic, Gam];
}
