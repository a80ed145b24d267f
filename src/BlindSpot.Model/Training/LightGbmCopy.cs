using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.LightGbm;

namespace BlindSpot.Model.Training;

/// <summary>
/// A second copy of ML.NET's LightGBM trainer (Microsoft.ML.LightGbm.dll), loaded in an assembly load context of its own,
/// for the second of two fits that run side by side.
/// <para>
/// ML.NET trains one LightGBM model at a time in a process: every fit holds a static lock of that assembly while the
/// native library grows its trees (LightGbmShared.LockForMultiThreadingInside, "only enable one trainer to run at one
/// time", because the library's OpenMP threads are shared by the process). Training fits the held-out model and the
/// deployed model (every row) beside each other, each on one thread (<see cref="ModelTrainer"/>); under that lock the
/// second fit waited for the first and a core stood idle (~1 s of a first run at 190,000 households). Every fit of this
/// project is single-threaded (<c>NumberOfThreads = 1</c>), so two fits share no OpenMP threads; the copy's lock is its
/// own, and the two fits run at once.
/// </para>
/// <para>
/// The copy is the same file, so it grows the same trees to the bit (LightGbmCopyTests compare the saved models). Only
/// Microsoft.ML.LightGbm itself is loaded twice: every other assembly (ML.NET's data views, the tree ensemble types,
/// this project) and the native library are the default context's, so the fitted transformer is an ordinary ML.NET
/// transformer whose tree model is read by <see cref="TreeScorer"/> and saved in the same format. Where no copy can be
/// loaded (an assembly without a file, as in a single-file bundle) <see cref="TryFit"/> returns null and the caller fits
/// as before (docs/adr/0006, sixteenth pass).
/// </para>
/// </summary>
internal static class LightGbmCopy
{
    static readonly Lazy<Copy?> copy = new(Load);

    /// <summary>True when the copy could be loaded.</summary>
    public static bool Available => copy.Value is not null;

    /// <summary>The assembly of the copy (tests prove with it that a fit used the copy), or null.</summary>
    internal static Assembly? Assembly => copy.Value?.Assembly;

    /// <summary>
    /// <paramref name="options"/>' binary trainer fitted on <paramref name="featurized"/> by the copy, and its feature
    /// contributions' transformer maker (as <c>CalculateFeatureContribution</c> makes it for the default copy's model);
    /// null when there is no copy. The copy's options are the default options with every member <paramref name="options"/>
    /// sets differently copied by name (numbers, flags, strings).
    /// </summary>
    public static (ITransformer Predictor, Func<IDataView, ITransformer> Contributions)? TryFit(MLContext ml, IDataView featurized,
        LightGbmBinaryTrainer.Options options, int positiveContributions)
    {
        if (copy.Value is not { } c) return null;
        var estimator = Call(c.Trainer, null, ml.BinaryClassification.Trainers, c.OptionsOf(options));
        var predictor = (ITransformer)Call(FitOf(estimator), estimator, featurized);
        return (predictor, scored =>
        {
            var contributions = Call(c.Contributions, null, ml.Transforms, predictor, positiveContributions, 0, false);
            return (ITransformer)Call(FitOf(contributions), contributions, scored);
        });
    }

    /// <summary>An estimator's <c>Fit(IDataView)</c> (its type is generic over the copy's model type).</summary>
    static MethodInfo FitOf(object estimator) => estimator.GetType().GetMethod(nameof(IEstimator<ITransformer>.Fit), [typeof(IDataView)])!;

    /// <summary>Invokes <paramref name="method"/>, throwing what it threw (not wrapped in a TargetInvocationException).</summary>
    static object Call(MethodInfo method, object? target, params object?[] args)
    {
        try
        {
            return method.Invoke(target, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    static Copy? Load()
    {
        var mine = typeof(LightGbmBinaryTrainer).Assembly;
        if (string.IsNullOrEmpty(mine.Location) || !File.Exists(mine.Location)) return null;
        try
        {
            var assembly = new OwnContext(mine).LoadFromAssemblyPath(mine.Location);
            var options = assembly.GetType(typeof(LightGbmBinaryTrainer.Options).FullName!, throwOnError: true)!;
            var trainer = assembly.GetType("Microsoft.ML.LightGbmExtensions", throwOnError: true)!
                .GetMethod("LightGbm", [typeof(BinaryClassificationCatalog.BinaryClassificationTrainers), options])
                ?? throw new MissingMethodException("Microsoft.ML.LightGbmExtensions", "LightGbm");
            var model = assembly.GetType(typeof(LightGbmBinaryModelParameters).FullName!, throwOnError: true)!;
            var contributions = typeof(ExplainabilityCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Single(m => m.Name == nameof(ExplainabilityCatalog.CalculateFeatureContribution) && m.GetGenericArguments().Length == 2)
                .MakeGenericMethod(model, typeof(PlattCalibrator));
            return new Copy(assembly, options, trainer, contributions);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or TypeLoadException or ArgumentException
                                      or InvalidOperationException or MissingMethodException)
        {
            return null;
        }
    }

    sealed record Copy(Assembly Assembly, Type Options, MethodInfo Trainer, MethodInfo Contributions)
    {
        /// <summary>The copy's options: its defaults, with each public member that <paramref name="mine"/> sets differently
        /// from the default copy's defaults given the same value.</summary>
        public object OptionsOf(LightGbmBinaryTrainer.Options mine)
        {
            var theirs = Activator.CreateInstance(Options)!;
            var defaults = new LightGbmBinaryTrainer.Options();
            const BindingFlags members = BindingFlags.Public | BindingFlags.Instance;
            foreach (var field in typeof(LightGbmBinaryTrainer.Options).GetFields(members))
            {
                var value = field.GetValue(mine);
                if (Same(value, field.GetValue(defaults))) continue;
                Options.GetField(field.Name, members)!.SetValue(theirs, Shared(field.Name, value));
            }
            foreach (var property in typeof(LightGbmBinaryTrainer.Options).GetProperties(members).Where(p => p.CanRead && p.CanWrite))
            {
                var value = property.GetValue(mine);
                if (Same(value, property.GetValue(defaults))) continue;
                Options.GetProperty(property.Name, members)!.SetValue(theirs, Shared(property.Name, value));
            }
            return theirs;
        }

        /// <summary>Equal values, or objects of one type (a booster's options) whose public members are all the same.</summary>
        static bool Same(object? a, object? b, int depth = 0)
        {
            if (Equals(a, b)) return true;
            if (a is null || b is null || a.GetType() != b.GetType() || a is string || a.GetType().IsValueType || depth > 2) return false;
            const BindingFlags members = BindingFlags.Public | BindingFlags.Instance;
            return a.GetType().GetFields(members).All(f => Same(f.GetValue(a), f.GetValue(b), depth + 1))
                   && a.GetType().GetProperties(members).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                       .All(p => Same(p.GetValue(a), p.GetValue(b), depth + 1));
        }

        /// <summary>A value both copies read alike (a number, flag or string); anything else is a type of one copy.</summary>
        static object? Shared(string member, object? value) =>
            value is null or string || value.GetType().IsPrimitive || value is decimal ? value
                : throw new InvalidOperationException($"The LightGBM option {member} ({value.GetType().Name}) cannot be given to the trainer's copy.");
    }

    /// <summary>Loads Microsoft.ML.LightGbm from its file; every other assembly and native library resolves as in the default context.</summary>
    sealed class OwnContext(Assembly original) : AssemblyLoadContext("BlindSpot LightGBM copy")
    {
        protected override Assembly? Load(AssemblyName name) => null;

        protected override IntPtr LoadUnmanagedDll(string name) =>
            NativeLibrary.TryLoad(name, original, null, out var handle) ? handle : IntPtr.Zero;
    }
}
