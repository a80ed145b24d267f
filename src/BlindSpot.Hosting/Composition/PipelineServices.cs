using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Time;
using BlindSpot.Csv.Ingest;
using BlindSpot.Csv.Output;
using BlindSpot.Model.Training;
using BlindSpot.Model.UseCases;
using BlindSpot.Pipeline.Dashboard;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Resolution;
using BlindSpot.Pipeline.Retention;
using BlindSpot.Pipeline.Run;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Resolution;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Hosting.Composition;

/// <summary>
/// The composition of the use cases over one store: BlindSpot.Pipeline's, with BlindSpot.Model's training, scoring and
/// reasons, BlindSpot.Csv's file formats and BlindSpot.Resolution's tip linking plugged into Core's ports
/// (docs/adr/0018-pipeline-ports.md). Hosts do not call it: they resolve the use
/// cases from the container that <c>AddBlindSpot</c> fills, which builds them here, so the CLI, the jobs and the web
/// host run exactly the same code; <see cref="Run"/> composes them again over a per-run view of the store.
/// Benchmarks and the simulation construct it directly over their own store.
/// </summary>
public sealed class PipelineServices(IBlindSpotStore store, ILoggerFactory loggers, TimeProvider clock, PipelineSettings settings)
{
    public IBlindSpotStore Store => store;
    public PipelineSettings Settings => settings;
    public BusinessCalendar Calendar { get; } = new(settings.Worklists.Holidays);

    // The model's use cases, sharing the models they load: scoring and the listed households' reasons use the champion once loaded.
    readonly ModelUseCases models = new(store, loggers, clock, settings.Training, settings.Worklists.Policy);
    // The file formats (stateless) and tip resolution under the configured thresholds.
    readonly IFeedFiles feedFiles = CsvFeedFiles.Instance;
    readonly IOutputFiles outputFiles = CsvOutputFiles.Instance;
    readonly ITipResolution tips = new RegistryTipResolution(settings.Resolution);

    public IngestService Ingest() => new(store, loggers.CreateLogger<IngestService>(), clock, feedFiles, outputFiles, tips, settings.Ingest);
    public TrainService Train() => models.Train();
    public ScoreService Score() => models.Score();
    public ReasonService Reasons() => models.Reasons();
    public ModelRegistryService Registry() => models.Registry();
    public ModelComparisonService Comparison() => models.Comparison();
    public WorklistService Worklists() => new(store, loggers.CreateLogger<WorklistService>(), settings.Worklists, outputFiles, Reasons());
    /// <summary>Open tips: retry after a new snapshot, and dong staff's confirm / reject (for the web's dong screen).</summary>
    public TipResolutionService TipResolution() => new(store, loggers.CreateLogger<TipResolutionService>(), tips);
    /// <summary>A dong's open tips with their candidates (the web's 미해결 제보 page).</summary>
    public DongTipsQuery DongTips() => new(TipResolution(), store, settings.Worklists, clock);
    public TargetsService Targets() => new(store, loggers.CreateLogger<TargetsService>(), settings.Targets, outputFiles);
    public RetentionService Retention() => new(store, loggers.CreateLogger<RetentionService>(), settings.Retention);
    /// <summary>A dong's stored list read back with tips and results, and its outstanding households (the web's dong pages).</summary>
    public DongWorklistQuery DongWorklists() => new(store, settings.Worklists, clock);
    /// <summary>A visit result typed into a form, stored as a one-row outcomes file (docs/adr/0013-web-results-as-outcome-files.md).</summary>
    public OutcomeEntryService OutcomeEntry() => new(store, loggers.CreateLogger<OutcomeEntryService>(), clock, feedFiles);
    /// <summary>A dong's own quarantined visit results and tips (the web's 반려 자료 page).</summary>
    public DongQuarantineQuery DongQuarantine() => new(store);
    /// <summary>The planners' figures: targets, trend, yields by selection type, tips by channel, list completion.</summary>
    public DashboardService Dashboard() => new(store, settings.Targets, Calendar);
    /// <summary>The main job, over a view of the store that loads each day's district once for all its steps.</summary>
    public RunService Run()
    {
        var run = new PipelineServices(new RunScopedStore(store), loggers, clock, settings);
        return new(run.Store, run.Ingest(), run.Train(), run.Score(), run.Worklists(), run.Targets(), run.Calendar, loggers.CreateLogger<RunService>());
    }
}

/// <summary>Settings of the use cases; defaults are the documented policy. Hosts bind them from configuration (docs/configuration.md).</summary>
public sealed record PipelineSettings
{
    public IngestOptions Ingest { get; init; } = IngestOptions.Default;
    public WorklistSettings Worklists { get; init; } = WorklistSettings.Default;
    public TargetOptions Targets { get; init; } = TargetOptions.Default;
    /// <summary>Training settings of `train`, the monthly retrain and a run's first model.</summary>
    public TrainOptions Training { get; init; } = new();
    public RetentionOptions Retention { get; init; } = new();
    /// <summary>Tip resolution's thresholds (ingest and the retry after a new snapshot).</summary>
    public ResolutionOptions Resolution { get; init; } = ResolutionOptions.Default;
    public static PipelineSettings Default { get; } = new();
}
