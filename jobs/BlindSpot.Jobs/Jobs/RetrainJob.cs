using BlindSpot.Core.Time;
using BlindSpot.Jobs.Running;
using BlindSpot.Model.UseCases;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// Trains a challenger weekly (the use case: <see cref="TrainService"/>, which promotes it only under the model's
/// own rules). The model version is a hash of the data and options, so a second run or server finds it and stops.
/// </summary>
public sealed class RetrainJob(JobRunner runner, TrainService training, TimeProvider clock)
{
    public const string Id = "retrain";

    /// <summary>The recurring entry: as of yesterday (KST), i.e. the Saturday of the week just ended.</summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [600, 3600])]
    public Task RunScheduledAsync(CancellationToken ct) => RunAsync(Kst.Today(clock).AddDays(-1), ct);

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [600, 3600])]
    public Task RunAsync(DateOnly asOf, CancellationToken ct) =>
        runner.RunOnceAsync(Id, JobKeys.Date(asOf), async ct =>
        {
            var r = await training.TrainAsync(asOf, null, ct);
            // Too few labeled visits is a state of the data: retrying the same day cannot change it.
            return r.Trained
                ? JobWork.Done($"asOf={asOf:yyyy-MM-dd} version={r.Version} promoted={r.Promoted} alreadyExisted={r.AlreadyExisted}")
                : JobWork.NotNow(r.Failure!);
        }, ct);
}
