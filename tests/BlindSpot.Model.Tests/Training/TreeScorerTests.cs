namespace BlindSpot.Model.Tests.Training;

/// <summary>
/// The boosted trees evaluated in plain C# (<see cref="TreeScorer"/>) against ML.NET's own IDataView pass, on models
/// trained on the planted district: the same floats, bit for bit, for every household of the district.
/// </summary>
public sealed class TreeScorerTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    IReadOnlyList<HouseholdFeatures> EveryHousehold() => fixture.Builder.BuildAll(Some.AsOf);

    [Fact]
    public void ProbabilitiesOfTheTreesEqualThoseOfMlNetForEveryHousehold()
    {
        var rows = EveryHousehold();
        Assert.True(rows.Count(r => r.Notes.Length > 0) > 100, "the district's notes must exercise the n-grams");
        // The deployed (refitted) model as trained in this process, and the same model read back from its zip with its options.
        foreach (var model in new[] { fixture.Trained.Model, fixture.Trained.HeldOut, RiskModel.Load(fixture.Trained.Model.ToBytes(), new TrainOptions(NumberOfTrees: 100)) })
        {
            Assert.True(model.HasTreeScorer);
            var trees = model.Probabilities(rows);
            var mlNet = model.ProbabilitiesThroughMlNet(rows);
            Assert.Equal(mlNet.Length, trees.Length);
            for (var i = 0; i < rows.Count; i++)
                Assert.True(mlNet[i] == trees[i], $"row {i}: ML.NET {mlNet[i]:R}, trees {trees[i]:R}");
            // Not a constant: the comparison covers a real spread of probabilities.
            Assert.True(trees.Distinct().Count() > 50, $"{trees.Distinct().Count()} distinct probabilities");
        }
    }

    [Fact]
    public void ManyRowsScoredInBlocksSideBySideGiveEachRowItsOwnProbabilityInItsPlace()
    {
        var district = EveryHousehold();
        // The district's rows again and again, each copy's notes changed, past several blocks of the parallel path.
        var rows = Enumerable.Range(0, 3 * TreeScorer.ParallelFromRows / district.Count + 2)
            .SelectMany(copy => district.Select(r => copy % 2 == 0 ? r : r with { Notes = r.Notes + $" 방문 {copy}" }))
            .Take(3 * TreeScorer.ParallelFromRows + 17).ToList();
        Assert.True(rows.Count > 3 * TreeScorer.ParallelFromRows);
        var model = fixture.Trained.Model;

        var trees = model.Probabilities(rows);
        var oneByOne = rows.Select(r => model.Probabilities([r])[0]).ToArray();
        Assert.Equal(oneByOne, trees);
        Assert.Equal(model.ProbabilitiesThroughMlNet(rows), trees);
    }

    [Fact]
    public void TheModelSplitsOnNoteNgramsSoTheirHashingIsTested()
    {
        var bytes = fixture.Trained.Model.ToBytes();
        var model = RiskModel.Load(bytes, new TrainOptions(NumberOfTrees: 100));
        var rows = EveryHousehold();
        // Rows that differ only in their notes score differently: the n-gram slots reach the trees.
        var first = rows.First(r => r.Notes.Length > 0);
        var variants = new[] { "", "우편물이 쌓여 있음", "악취가 남", "층간소음 민원", first.Notes + " 며칠째 인기척이 없음" }
            .Select(n => first with { Notes = n }).ToList();
        var p = model.Probabilities(variants);
        Assert.True(p.Distinct().Count() > 1, "the notes never changed a probability");
        Assert.Equal(model.ProbabilitiesThroughMlNet(variants), p);
    }

    [Fact]
    public void NoteNgramCountsEqualThoseOfMlNetsFeaturizer()
    {
        var model = fixture.Trained.Model;
        var scorer = model.TreeScorer!;
        var template = EveryHousehold()[0];
        // Korean and Latin text, spaces, digits, punctuation, a lone character, repeats, a surrogate pair, a NUL and the
        // highest UTF-16 code, and every note of the district.
        var notes = new[] { "", "가", "가가가가", "현관 앞에 우편물이 쌓여 있음 / 관리비 3개월 체납", "abc ABC 123 !?", "😀 이모지", "a\0b", "\uffff\uffe0x",
                new string('악', 300) }
            .Concat(EveryHousehold().Select(r => r.Notes).Where(n => n.Length > 0).Distinct().Take(300)).ToList();
        var rows = notes.Select(n => template with { Notes = n }).ToList();
        var expected = model.NoteNgramsThroughMlNet(rows);
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal(expected[i], scorer.NoteNgramCounts(notes[i]));
        Assert.Equal(model.ProbabilitiesThroughMlNet(rows), model.Probabilities(rows));
    }

    [Fact]
    public void TheRowsALightGbmFitReadsEqualThoseOfMlNetsFeaturizer()
    {
        // A LightGbm fit reads "Features" with the notes counted in C# (RiskModel.Featurized); every value of every row,
        // and the label and weight, must be what ML.NET's featurizer gives (the trees are then those of fitting on it).
        var o = new TrainOptions(NumberOfTrees: 100);
        var rows = fixture.Examples.Select((e, i) => ModelInput.From(e.Features, e.Label, i % 3 == 0 ? 0.25f : 1f)).ToList();
        rows.Add(ModelInput.From(fixture.Examples[0].Features with { Notes = "😀 a\0b \uffff 현관 앞 우편물 / 관리비 체납" }));
        Assert.True(rows.Count(r => r.Notes.Length > 0) > 100, "the examples' notes must exercise the n-grams");
        var ml = new Microsoft.ML.MLContext(o.Seed);
        var view = ModelInput.Load(ml, rows);
        var expected = Columns(RiskModel.Featurizer(ml, o).Fit(view).Transform(view));
        var actual = Columns(RiskModel.Featurized(ml, rows, o));
        Assert.Equal(rows.Count, actual.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Weight, actual[i].Weight);
            Assert.True(expected[i].Features.SequenceEqual(actual[i].Features), $"row {i}: the features differ");
            // The same vector, not only the same values: LightGbm reads a sparse vector's explicit values (the numeric
            // slots' zeros among them) when it samples and bins the features.
            Assert.Equal(expected[i].Dense, actual[i].Dense);
            Assert.Equal(expected[i].Indices, actual[i].Indices);
            Assert.Equal(expected[i].Values, actual[i].Values);
        }
        Assert.Contains(actual, x => x.Features.Skip(FeatureSchema.Count).Any(v => v > 1)); // repeated n-grams are counted

        static List<(bool Label, float Weight, float[] Features, bool Dense, int[] Indices, float[] Values)> Columns(Microsoft.ML.IDataView data)
        {
            var result = new List<(bool, float, float[], bool, int[], float[])>();
            var schema = data.Schema;
            using var cursor = data.GetRowCursor([schema["Label"], schema["Weight"], schema["Features"]]);
            var label = cursor.GetGetter<bool>(schema["Label"]);
            var weight = cursor.GetGetter<float>(schema["Weight"]);
            var features = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(schema["Features"]);
            bool l = default;
            float w = default;
            var f = default(Microsoft.ML.Data.VBuffer<float>);
            while (cursor.MoveNext())
            {
                label(ref l);
                weight(ref w);
                features(ref f);
                result.Add((l, w, f.DenseValues().ToArray(), f.IsDense, f.IsDense ? [] : f.GetIndices().ToArray(), f.GetValues().ToArray()));
            }
            return result;
        }
    }

    [Fact]
    public void ALightGbmFitOnTheJoinedVectorsGrowsTheTreesOfAFitOnMlNetsFeaturizer()
    {
        // The learner's vectors made in C# (RiskModel.Featurized) against ML.NET's own featurizer, each fitted with its own
        // context of the same seed: the same scores to the last bit, so the same model.
        var o = new TrainOptions(NumberOfTrees: 60);
        var rows = fixture.Examples.Select((e, i) => ModelInput.From(e.Features, e.Label, i % 3 == 0 ? 0.25f : 1f)).ToList();
        double[] Scores(bool joinedInCSharp)
        {
            var ml = new Microsoft.ML.MLContext(o.Seed);
            var view = ModelInput.Load(ml, rows);
            var featurizer = RiskModel.Featurizer(ml, o).Fit(view);
            var featurized = joinedInCSharp ? RiskModel.Featurized(ml, rows, o) : featurizer.Transform(view);
            var fitted = RiskModel.FitLightGbm(ml, featurizer, featurized, nameof(ModelInput.Weight), o);
            return RiskModel.RawScores(fitted.Chain.Transform(view));
        }
        var expected = Scores(joinedInCSharp: false);
        Assert.True(expected.Distinct().Count() > 10, "the trees must split");
        Assert.Equal(expected, Scores(joinedInCSharp: true));
    }

    [Fact]
    public void AnIsotonicCalibratorGivesTheSameFloatsToo()
    {
        var o = new TrainOptions(NumberOfTrees: 60, Calibrator: "isotonic", RefitOnAllRows: false);
        var trained = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, o).Trained!;
        var rows = EveryHousehold();
        Assert.True(trained.Model.HasTreeScorer);
        Assert.Equal(trained.Model.ProbabilitiesThroughMlNet(rows), trained.Model.Probabilities(rows));
        var loaded = RiskModel.Load(trained.Model.ToBytes(), o);
        Assert.Equal(trained.Model.ProbabilitiesThroughMlNet(rows), loaded.Probabilities(rows));
    }

    [Fact]
    public void OtherLearnersAndModelsLoadedWithoutOptionsScoreThroughMlNet()
    {
        var rows = EveryHousehold().Take(200).ToList();
        var o = new TrainOptions(NumberOfTrees: 60, Learner: Learners.Logistic, RefitOnAllRows: false);
        var logistic = ModelTrainer.TrainAndEvaluate(fixture.Examples, Some.AsOf, fixture.K, o).Trained!.Model;
        Assert.False(logistic.HasTreeScorer);
        Assert.Equal(logistic.ProbabilitiesThroughMlNet(rows), logistic.Probabilities(rows));

        var withoutOptions = RiskModel.Load(fixture.Trained.Model.ToBytes());
        Assert.False(withoutOptions.HasTreeScorer);
        Assert.Equal(fixture.Trained.Model.Probabilities(rows), withoutOptions.Probabilities(rows));
    }

    [Fact]
    public void ARowWithANaNValueFallsBackToMlNet()
    {
        var model = fixture.Trained.Model;
        var rows = EveryHousehold().Take(20).ToList();
        var values = (float[])rows[3].Values.Clone();
        values[0] = float.NaN;
        rows[3] = rows[3] with { Values = values };
        Assert.Null(model.TreeScorer!.TryProbabilities(rows));
        Assert.Equal(model.ProbabilitiesThroughMlNet(rows), model.Probabilities(rows));
    }

    [Fact]
    public void ReasonsOfTheTreesEqualThoseOfMlNetForEveryHousehold()
    {
        var rows = EveryHousehold();
        foreach (var model in new[] { fixture.Trained.Model, RiskModel.Load(fixture.Trained.Model.ToBytes(), new TrainOptions(NumberOfTrees: 100)) })
        {
            var trees = model.Score(rows, 3).ToList();
            var mlNet = model.ScoreThroughMlNet(rows, 3).ToList();
            Assert.Equal(mlNet.Count, trees.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.True(mlNet[i].Probability == trees[i].Probability, $"row {i}: {mlNet[i].Probability:R} vs {trees[i].Probability:R}");
                Assert.Equal(mlNet[i].Reasons, trees[i].Reasons);
            }
            var withReasons = trees.Count(s => s.Reasons.Count >= 2);
            // A generated district holds many households nothing is known of (no reasons): about a quarter have two or more.
            Assert.True(withReasons > rows.Count / 10, $"many households must have reasons to compare: {withReasons} of {rows.Count}");
        }
    }

    [Fact]
    public void ContributionsOfTheTreesEqualThoseOfMlNetUpToTheOrderOfAddition()
    {
        var model = fixture.Trained.Model;
        var rows = EveryHousehold();
        var expected = model.ContributionsThroughMlNet(rows);
        var explained = model.TreeScorer!.TryExplain(rows, RiskModel.ContributionsKept)!;
        var bitEqual = 0;
        var total = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var mine = explained[i].Contributions;
            var theirs = expected[i];
            // The same slots kept (the largest positive ones), each total within float rounding of a different order of addition.
            Assert.Equal(theirs.GetIndices().ToArray(), mine.GetIndices().ToArray());
            var a = theirs.GetValues();
            var b = mine.GetValues();
            for (var k = 0; k < a.Length; k++)
            {
                Assert.True(Math.Abs(a[k] - b[k]) <= 1e-5 * Math.Max(1, Math.Abs(a[k])), $"row {i} slot {theirs.GetIndices()[k]}: {a[k]:R} vs {b[k]:R}");
                total++;
                if (a[k] == b[k]) bitEqual++;
            }
        }
        Assert.True(total > rows.Count, $"{total} contributions compared");
        // Most totals are bit-equal (on this district about 70%); the rest differ in their last bits.
        Assert.True(bitEqual > total / 2, $"{bitEqual} of {total} bit-equal");
    }
}
