namespace BlindSpot.Hosting.Composition;

/// <summary>
/// The configuration keys a host or a command-line flag sets (appsettings.json nests them; environment variables
/// write ':' as "__", e.g. BlindSpot__Worklists__ExplorationShare). docs/configuration.md lists every key.
/// </summary>
public static class BlindSpotKeys
{
    public const string Db = BlindSpotOptions.Section + ":" + nameof(BlindSpotOptions.Db);
    public const string Inbox = BlindSpotOptions.Section + ":" + nameof(BlindSpotOptions.Inbox);
    public const string Out = BlindSpotOptions.Section + ":" + nameof(BlindSpotOptions.Out);
    public const string Quarantine = BlindSpotOptions.Section + ":" + nameof(BlindSpotOptions.Quarantine);
    public const string DistrictCache = BlindSpotOptions.Section + ":" + nameof(BlindSpotOptions.DistrictCache);
    public const string HolidaysFile = CalendarOptions.Section + ":" + nameof(CalendarOptions.HolidaysFile);
    public const string RetentionYears = Pipeline.Retention.RetentionOptions.Section + ":" + nameof(Pipeline.Retention.RetentionOptions.Years);
    public const string LogFile = Logging.LoggingOptions.Section + ":" + nameof(Logging.LoggingOptions.File);
    public const string LogLevel = Logging.LoggingOptions.Section + ":" + nameof(Logging.LoggingOptions.MinimumLevel);
    public const string FilesGroupReadable = FilesOptions.Section + ":" + nameof(FilesOptions.GroupReadable);

    /// <summary>Section of <see cref="Core.Worklists.WorklistOptions"/> (the worklist policy's knobs).</summary>
    public const string Worklists = "BlindSpot:Worklists";
    public const string ExplorationShare = Worklists + ":" + nameof(Core.Worklists.WorklistOptions.ExplorationShare);

    /// <summary>Section of <see cref="Core.Targets.TargetOptions"/> (the +10% goal).</summary>
    public const string Targets = "BlindSpot:Targets";
    public const string TargetRate = Targets + ":" + nameof(Core.Targets.TargetOptions.Rate);

    /// <summary>Section of <see cref="Pipeline.Ingest.IngestOptions"/> (quiet period, moved-out guard).</summary>
    public const string Ingest = "BlindSpot:Ingest";
    public const string ConfirmMovedOut = Ingest + ":" + nameof(Pipeline.Ingest.IngestOptions.ConfirmMovedOut);
    public const string QuietPeriod = Ingest + ":" + nameof(Pipeline.Ingest.IngestOptions.QuietPeriod);

    /// <summary>Section of <see cref="Model.Training.TrainOptions"/> (trainer, calibration, evaluation windows).</summary>
    public const string Training = "BlindSpot:Training";

    /// <summary>Section of <see cref="Resolution.ResolutionOptions"/> (tip resolution's thresholds).</summary>
    public const string Resolution = "BlindSpot:Resolution";
}
