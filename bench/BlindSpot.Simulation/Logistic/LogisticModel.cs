using BlindSpot.Core.Domain;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace BlindSpot.Simulation.Logistic;

/// <summary>
/// The independent learned baseline: ML.NET L-BFGS logistic regression on <see cref="LogisticFeatures"/> (mean-variance
/// normalised, L2 1.0, one thread so that the same data give the same weights). Trained on the visits of the last
/// 365 days (발굴 = 1, 비해당 = 0; features as of the day before the visit) plus, for each labelled visit, one household
/// drawn at random from the registry and not visited within 28 days of that day, as a 0 (positive-unlabelled: visited
/// households alone teach a model about selected households only). Nothing is tuned to the generator.
/// </summary>
internal sealed class LogisticModel
{
    sealed class Row
    {
        public bool Label { get; set; }
        public float Weight { get; set; }
        [VectorType(LogisticFeatures.Count)] public float[] Features { get; set; } = [];
    }

    sealed class Prediction
    {
        public float Probability { get; set; }
    }

    readonly MLContext ml;
    readonly ITransformer model;

    LogisticModel(MLContext ml, ITransformer model, int rows, int positives)
    {
        this.ml = ml;
        this.model = model;
        Rows = rows;
        Positives = positives;
    }

    public int Rows { get; }
    public int Positives { get; }

    /// <summary>Null when there are too few labelled visits (fewer than 20 of either class).</summary>
    public static LogisticModel? Train(DistrictData data, LogisticFeatures features, int seed)
    {
        var asOf = data.AsOf;
        var byId = data.Households.ToDictionary(h => h.HouseholdId, StringComparer.Ordinal);
        var living = data.Households.Where(h => !h.MovedOut).ToArray();
        var random = new Random(unchecked(seed * 31 + asOf.DayNumber));
        var rows = new List<Row>();
        var visited = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        foreach (var o in data.Outcomes)
        {
            if (!visited.TryGetValue(o.HouseholdId, out var l)) visited[o.HouseholdId] = l = [];
            l.Add(o.VisitedOn);
        }

        foreach (var o in data.Outcomes.OrderBy(o => o.VisitedOn).ThenBy(o => o.HouseholdId, StringComparer.Ordinal))
        {
            if (o.VisitedOn > asOf || asOf.DayNumber - o.VisitedOn.DayNumber > 365) continue;
            if (VisitResults.Label(o.Result) is not { } label || !byId.TryGetValue(o.HouseholdId, out var h)) continue;
            var day = o.VisitedOn.AddDays(-1);
            rows.Add(new Row { Label = label, Weight = 1, Features = features.Of(h, day) });
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var other = living[random.Next(living.Length)];
                if (visited.TryGetValue(other.HouseholdId, out var days) && days.Any(d => Math.Abs(d.DayNumber - o.VisitedOn.DayNumber) <= 28)) continue;
                rows.Add(new Row { Label = false, Weight = 1, Features = features.Of(other, day) });
                break;
            }
        }
        var positives = rows.Count(r => r.Label);
        if (positives < 20 || rows.Count - positives < 20) return null;

        var ml = new MLContext(seed);
        var view = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                ExampleWeightColumnName = nameof(Row.Weight),
                L2Regularization = 1f,
                NumberOfThreads = 1,
            }));
        return new LogisticModel(ml, pipeline.Fit(view), rows.Count, positives);
    }

    /// <summary>Probabilities in the order of <paramref name="households"/>, features as of <paramref name="asOf"/>.</summary>
    public float[] Score(IReadOnlyList<Household> households, LogisticFeatures features, DateOnly asOf)
    {
        var rows = households.Select(h => new Row { Features = features.Of(h, asOf), Weight = 1 }).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Select(p => p.Probability).ToArray();
    }
}
