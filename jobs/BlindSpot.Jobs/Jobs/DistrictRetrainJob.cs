using BlindSpot.Jobs.Running;
using Hangfire;

namespace BlindSpot.Jobs.Jobs;

/// <summary>
/// <see cref="RetrainJob"/> for one district of the national fan-out: a challenger trained on the district's own
/// database (promoted only under the model's rules), recorded in the district's job-run ledger once per (district, day).
/// </summary>
public sealed class DistrictRetrainJob(DistrictJob districts)
{
    public const string Id = "district-retrain";

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [600, 3600])]
    public Task RunAsync(string district, DateOnly asOf, CancellationToken ct) =>
        districts.RunOnceAsync(Id, district, asOf, async (scope, ct) =>
        {
            var r = await scope.Train().TrainAsync(asOf, null, ct);
            // Too few labeled visits is a state of the district's data: retrying the same day cannot change it.
            return r.Trained
                ? JobWork.Done($"district={district} asOf={asOf:yyyy-MM-dd} version={r.Version} promoted={r.Promoted} alreadyExisted={r.AlreadyExisted}")
                : JobWork.NotNow(r.Failure!);
        }, ct);
}
