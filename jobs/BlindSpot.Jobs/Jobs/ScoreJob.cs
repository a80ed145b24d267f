using BlindSpot.Core.Time;
using BlindSpot.Jobs.Running;
using BlindSpot.Model.UseCases;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>Scores every household nightly with the champion (the use case: <see cref="ScoreService"/>; scores are replaced per date).</summary>
public sealed class ScoreJob(JobRunner runner, ScoreService scoring, TimeProvider clock)
{
    public const string Id = "score";

    /// <summary>The recurring entry: as of yesterday (KST), the last complete day, which the morning's worklists use.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock).AddDays(-1), ct);

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public Task RunAsync(DateOnly asOf, CancellationToken ct) =>
        runner.RunOnceAsync(Id, JobKeys.Date(asOf), async ct =>
        {
            var r = await scoring.ScoreAsync(asOf, ct);
            // No champion yet is a state, not a fault: the worklists fall back to tips and rules.
            return r.Succeeded
                ? JobWork.Done($"asOf={asOf:yyyy-MM-dd} model={r.ModelVersion} scored={r.Scored} featureSeconds={r.FeatureSeconds:F1} scoringSeconds={r.ScoringSeconds:F1}")
                : JobWork.NotNow(r.Failure!);
        }, ct);
}
