using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Model.Training;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Model.UseCases;

/// <summary>
/// The model's use cases over one store, sharing the models they load (a run scores and explains with the same
/// champion). The composition root (src/BlindSpot.Hosting) builds one per composition of the use cases; the main job
/// and the worklists reach training, scoring and reasons through Core's ports (<see cref="Core.Scoring.IModelTraining"/>,
/// <see cref="Core.Scoring.IModelScoring"/>, <see cref="Core.Scoring.IHouseholdReasons"/>).
/// </summary>
/// <param name="training">The configured training settings (used when a call passes none).</param>
/// <param name="policy">The worklist policy whose rankable households scoring scores.</param>
public sealed class ModelUseCases(IBlindSpotStore store, ILoggerFactory loggers, TimeProvider clock, TrainOptions training, WorklistOptions policy)
{
    // Models loaded by this composition: scoring and the listed households' reasons use the champion once loaded.
    readonly ModelCache models = new();

    public TrainService Train() => new(store, loggers.CreateLogger<TrainService>(), clock, training);
    public ScoreService Score() => new(store, loggers.CreateLogger<ScoreService>(), models, policy);
    public ReasonService Reasons() => new(store, loggers.CreateLogger<ReasonService>(), models);
    public ModelRegistryService Registry() => new(store, loggers.CreateLogger<ModelRegistryService>(), clock);
    public ModelComparisonService Comparison() => new(store, clock);
}
