using System.IO.Compression;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace BlindSpot.Model.Tests.Training;

/// <summary>
/// The second copy of ML.NET's LightGBM trainer (<see cref="LightGbmCopy"/>): it grows the same trees as the default copy
/// (the saved model's every file, byte for byte), and it fits while the default copy's "one trainer at a time" lock is
/// held, which is what lets training fit its held-out and deployed models at once.
/// </summary>
public sealed class LightGbmCopyTests(TrainedFixture fixture) : IClassFixture<TrainedFixture>
{
    static readonly TrainOptions Options = new(NumberOfTrees: 60);

    (MLContext Ml, IDataView View, ITransformer Featurizer, IDataView Featurized) Prepared()
    {
        var ml = new MLContext(Options.Seed);
        var rows = fixture.Examples.Select((e, i) => ModelInput.From(e.Features, e.Label, i % 3 == 0 ? 0.25f : 1f)).ToList();
        var view = ModelInput.Load(ml, rows);
        return (ml, view, RiskModel.Featurizer(ml, Options).Fit(view), RiskModel.Featurized(ml, rows, Options));
    }

    RiskModel.Fitted Fit(bool inCopy)
    {
        var (ml, _, featurizer, featurized) = Prepared();
        return RiskModel.FitLightGbm(ml, featurizer, featurized, nameof(ModelInput.Weight), Options, inCopy);
    }

    static Assembly ModelAssembly(RiskModel.Fitted fitted) =>
        fitted.Steps[1] is IPredictionTransformer<object> { Model: Microsoft.ML.Calibrators.CalibratedModelParametersBase { SubModel: { } trees } }
            ? trees.GetType().Assembly
            : throw new InvalidOperationException("Not a calibrated tree model.");

    [Fact]
    public void TheCopyGrowsTheSameTreesAsTheDefaultCopy()
    {
        Assert.True(LightGbmCopy.Available, "the test host loads assemblies from files: the copy must load");
        var mine = Fit(inCopy: false);
        var copied = Fit(inCopy: true);
        Assert.Same(typeof(LightGbmBinaryModelParameters).Assembly, ModelAssembly(mine));
        Assert.Same(LightGbmCopy.Assembly, ModelAssembly(copied));
        Assert.NotSame(ModelAssembly(mine), ModelAssembly(copied));

        var (ml, view, _, _) = Prepared();
        var scores = RiskModel.RawScores(mine.Chain.Transform(view));
        Assert.True(scores.Distinct().Count() > 10, "the trees must split");
        Assert.Equal(scores, RiskModel.RawScores(copied.Chain.Transform(view)));
        // Saved, every file of the two models is the same (the zip's dates aside): the trees and the calibrator's parameters,
        // and the loader of the default copy reads either.
        Assert.Equal(Files(ml, mine.Chain, view), Files(ml, copied.Chain, view));
        // Their explanations too: the copy's contributions transformer gives each row the same contributions.
        var scored = mine.Chain.Transform(view);
        Assert.Equal(Contributions(mine.Contributions(scored).Transform(scored)), Contributions(copied.Contributions(scored).Transform(scored)));
    }

    [Fact]
    public async Task TheCopyFitsWhileTheDefaultCopyIsTraining()
    {
        Assert.True(LightGbmCopy.Available);
        // The lock every fit of the default copy holds while LightGBM grows its trees, held by a thread of the test's own.
        var gate = typeof(LightGbmBinaryTrainer).Assembly.GetType("Microsoft.ML.Trainers.LightGbm.LightGbmShared", throwOnError: true)!
            .GetField("LockForMultiThreadingInside", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (gate)
            {
                held.Set();
                release.Wait();
            }
        }) { IsBackground = true };
        holder.Start();
        Task<RiskModel.Fitted> waiting;
        try
        {
            held.Wait();
            waiting = Task.Run(() => Fit(inCopy: false));
            var copied = await Task.Run(() => Fit(inCopy: true)).WaitAsync(TimeSpan.FromMinutes(3)); // must not wait for that lock
            Assert.Same(LightGbmCopy.Assembly, ModelAssembly(copied));
            Assert.False(waiting.IsCompleted, "a fit of the default copy cannot end while its lock is held");
        }
        finally
        {
            release.Set();
        }
        Assert.Same(typeof(LightGbmBinaryModelParameters).Assembly, ModelAssembly(await waiting));
        holder.Join();
    }

    static SortedDictionary<string, string> Files(MLContext ml, ITransformer chain, IDataView view)
    {
        using var ms = new MemoryStream();
        ml.Model.Save(chain, view.Schema, ms);
        ms.Position = 0;
        using var zip = new ZipArchive(ms, ZipArchiveMode.Read);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            files[entry.FullName] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(copy.ToArray()));
        }
        Assert.Contains(files.Keys, k => k.Contains("Predictor", StringComparison.Ordinal));
        return files;
    }

    static List<float[]> Contributions(IDataView view)
    {
        var column = view.Schema["FeatureContributions"];
        var result = new List<float[]>();
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<Microsoft.ML.Data.VBuffer<float>>(column);
        var v = default(Microsoft.ML.Data.VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref v);
            result.Add(v.DenseValues().ToArray());
        }
        Assert.Contains(result, r => r.Any(x => x != 0));
        return result;
    }
}
