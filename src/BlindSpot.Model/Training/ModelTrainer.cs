using System.Diagnostics;
using System.Security.Cryptography;
using BlindSpot.Model.Evaluation;

namespace BlindSpot.Model.Training;

/// <summary>
/// A model trained, calibrated and tested on time slices, with what its card needs. <see cref="HeldOut"/> is the model the
/// report describes (trained before the calibration window); <see cref="Model"/> is the one to store and use: the same, or
/// refitted on every row up to the as-of date (<see cref="TrainOptions.RefitOnAllRows"/>).
/// </summary>
public sealed record TrainedModel(
    RiskModel Model,
    EvaluationReport Report,
    string DataFingerprint,
    TimeSpan TrainingTime,
    IReadOnlyList<LabeledExample> TestRows,
    RiskModel HeldOut)
{
    /// <summary>True when <see cref="Model"/> (the one stored and used) was refitted on every row after the evaluation.</summary>
    public bool Refitted => !ReferenceEquals(Model, HeldOut);
}

/// <summary>Either a trained model or the reason none could be trained (an expected outcome, not an exception).</summary>
public sealed record TrainingResult(TrainedModel? Trained, string? Failure)
{
    public static TrainingResult Fail(string reason) => new(null, reason);
}

/// <summary>Splits labeled visits by time, trains, calibrates and evaluates beside the baselines.</summary>
public static class ModelTrainer
{
    /// <summary>Below this many training rows a model is not worth a card.</summary>
    public const int MinTrainRows = 50;

    /// <param name="examples">Labeled visits made up to <paramref name="asOf"/>, features as of the day before each.</param>
    /// <param name="k">The district's total daily visiting capacity (sum of capacity.csv).</param>
    public static TrainingResult TrainAndEvaluate(IReadOnlyList<LabeledExample> examples, DateOnly asOf, int k, TrainOptions o,
        CancellationToken ct = default)
    {
        if (k <= 0) return TrainingResult.Fail("capacity.csv의 하루 방문 가능 수가 0입니다 (k = 0): precision@k를 계산할 수 없습니다.");
        var testFrom = asOf.AddDays(-(o.TestDays - 1));
        var calFrom = testFrom.AddDays(-o.CalibrationDays);
        var ordered = examples.Where(e => e.VisitedOn <= asOf).OrderBy(e => e.VisitedOn)
            .ThenBy(e => e.Sampled).ThenBy(e => e.Features.HouseholdId, StringComparer.Ordinal).ToList();
        var visits = ordered.Where(e => !e.Sampled).ToList();
        var train = visits.Where(e => e.VisitedOn < calFrom).ToList();
        var cal = visits.Where(e => e.VisitedOn >= calFrom && e.VisitedOn < testFrom).ToList();
        var test = visits.Where(e => e.VisitedOn >= testFrom).ToList();

        if (train.Count < MinTrainRows)
            return TrainingResult.Fail($"{calFrom:yyyy-MM-dd} 이전 방문 결과가 {train.Count}건뿐입니다 (최소 {MinTrainRows}건): 학습할 이력이 부족합니다.");
        foreach (var (name, slice) in new[] { ("학습", train), ("보정", cal), ("평가", test) })
            if (!slice.Any(e => e.Label) || slice.All(e => e.Label))
                return TrainingResult.Fail($"{name} 구간의 방문 결과 {slice.Count}건에 발굴과 비해당이 모두 있지 않습니다: 학습하거나 평가할 수 없습니다.");
        ct.ThrowIfCancellationRequested();

        // Sampled negatives (positive-unlabeled) join the training slice only; the calibrator stays fitted on visits
        // (the population whose outcomes are observed), and the headline evaluation stays on visited test rows.
        var sampledTrain = ordered.Where(e => e.Sampled && e.VisitedOn < calFrom).ToList();
        var sampledTest = ordered.Where(e => e.Sampled && e.VisitedOn >= testFrom).ToList();
        var fit = sampledTrain.Count == 0 ? train
            : train.Concat(sampledTrain).OrderBy(e => e.VisitedOn).ThenBy(e => e.Sampled)
                .ThenBy(e => e.Features.HouseholdId, StringComparer.Ordinal).ToList();

        var started = Stopwatch.GetTimestamp();
        // The deployed model's learner, fitted on every row, does not depend on the held-out model (only on the learner,
        // known unless "auto" chooses it): it is fitted beside the held-out model on the second core. The held-out model's
        // evaluation and the rows' fingerprint need only that model and the rows: they run on its core once it is fitted,
        // beside the refit (which has more rows and ends later), instead of after both fits while a core waits.
        var learner = o.Learner.ToLowerInvariant();
        var fitAhead = o.RefitOnAllRows && learner != Learners.Auto;
        var sampledCal = ordered.Where(e => e.Sampled && e.VisitedOn >= calFrom && e.VisitedOn < testFrom).ToList();
        RiskModel model = null!;
        RiskModel.PreparedRefit? refit = null;
        EvaluationReport report = null!;
        string fingerprint = null!;
        long heldOutFitted = 0, refitted = 0;
        try
        {
            Parallel.Invoke(new ParallelOptions { CancellationToken = ct },
                () =>
                {
                    model = RiskModel.Train(fit, cal, o, [.. cal, .. sampledCal]);
                    heldOutFitted = Stopwatch.GetTimestamp();
                    ct.ThrowIfCancellationRequested();
                    report = Evaluate(model, train, cal, test, sampledTrain, sampledTest, k, o);
                    fingerprint = Fingerprint(ordered);
                },
                () =>
                {
                    if (!fitAhead) return;
                    refit = RiskModel.FitForRefit(ordered, o, learner);
                    refitted = Stopwatch.GetTimestamp();
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        // The training time is the fits' (the card's figure as before): until the later of the two ended.
        var trainingTime = Stopwatch.GetElapsedTime(started, Math.Max(heldOutFitted, refitted));
        ct.ThrowIfCancellationRequested();

        var deployed = model;
        if (o.RefitOnAllRows)
        {
            var refitStarted = Stopwatch.GetTimestamp();
            deployed = refit is null ? model.Refit(ordered, o) : model.Refit(refit);
            trainingTime += Stopwatch.GetElapsedTime(refitStarted);
        }
        return new TrainingResult(new TrainedModel(deployed, report, fingerprint, trainingTime, test, model), null);
    }

    /// <summary>The held-out model on the test rows beside both baselines (and with the sampled test rows, when any).</summary>
    static EvaluationReport Evaluate(RiskModel model, List<LabeledExample> train, List<LabeledExample> cal, List<LabeledExample> test,
        List<LabeledExample> sampledTrain, List<LabeledExample> sampledTest, int k, TrainOptions o)
    {
        var p = model.Probabilities(test.Select(e => e.Features).ToList());
        SampledNegativeEvaluation? withSampled = null;
        if (sampledTest.Count > 0)
        {
            var wide = test.Concat(sampledTest).ToList();
            var pw = model.Probabilities(wide.Select(e => e.Features).ToList());
            withSampled = new SampledNegativeEvaluation(sampledTrain.Count, sampledTest.Count, wide.Count, wide.Count(e => e.Label),
                Evaluator.Evaluate("model", wide, pw, pw, k),
                Baselines.Evaluate(Baselines.Rules, Baselines.RulesScore, cal, wide, k, o.Seed),
                Baselines.Evaluate(Baselines.TipsOnly, Baselines.TipsScore, cal, wide, k, o.Seed));
        }
        return new EvaluationReport(
            Slice(train), Slice(cal), Slice(test), k, test.Select(e => e.VisitedOn).Distinct().Count(),
            Evaluator.Evaluate("model", test, p, p, k),
            Baselines.Evaluate(Baselines.Rules, Baselines.RulesScore, cal, test, k, o.Seed),
            Baselines.Evaluate(Baselines.TipsOnly, Baselines.TipsScore, cal, test, k, o.Seed),
            FairnessAudit.Run(test, p, k),
            withSampled,
            Bootstrap.Of(test, p, k, o.Seed, o.BootstrapReplicates),
            ExplorationCalibration.Of(test, p));
    }

    static TimeSlice Slice(List<LabeledExample> s) => new(s[0].VisitedOn, s[^1].VisitedOn, s.Count, s.Count(e => e.Label));

    /// <summary>
    /// SHA-256 over the labeled rows as the model saw them: household id (pseudonymous), visit day, label and the
    /// numeric feature values. Note texts are left out (personal data), so the hash cannot be matched against them.
    /// </summary>
    public static string Fingerprint(IEnumerable<LabeledExample> rows)
    {
        // The bytes gathered in a buffer and hashed a buffer at a time: appended a few bytes at a time (a call into the
        // native hash per feature value, ~3 million for a first run's 27,012 rows at 190,000 households), they took
        // 0.1-0.16 s at the end of training, on the core the refit had already left. The same bytes in the same order:
        // the same hash.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var at = 0;
        Span<byte> Take(int n)
        {
            if (at + n > buffer.Length)
            {
                sha.AppendData(buffer, 0, at);
                at = 0;
                if (n > buffer.Length) buffer = new byte[n];
            }
            var span = buffer.AsSpan(at, n);
            at += n;
            return span;
        }
        foreach (var e in rows)
        {
            var id = e.Features.HouseholdId;
            System.Text.Encoding.UTF8.GetBytes(id, Take(System.Text.Encoding.UTF8.GetByteCount(id)));
            BitConverter.TryWriteBytes(Take(4), e.VisitedOn.DayNumber);
            Take(1)[0] = (byte)((e.Label ? 1 : 0) | (e.Sampled ? 2 : 0) | (e.Explored ? 4 : 0));
            if (e.SelectionProbability != 1) BitConverter.TryWriteBytes(Take(8), e.SelectionProbability);
            foreach (var v in e.Features.Values) BitConverter.TryWriteBytes(Take(4), v);
        }
        sha.AppendData(buffer, 0, at);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
