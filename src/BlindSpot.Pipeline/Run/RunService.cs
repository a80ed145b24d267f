using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Targets;
using BlindSpot.Pipeline.Worklists;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Run;

/// <summary>
/// The main job: ingest everything new -> train a first champion if none exists (otherwise keep the champion) ->
/// score as of D -> worklists for the next business day after D -> targets of D's year.
/// Running it again for the same D changes nothing: ingest skips known bytes, training is keyed by a fingerprint of
/// its data (the same data gives the same version), and scores, worklists and target files are replaced by the same.
/// The composition root builds it over a <see cref="RunScopedStore"/> with every step over that same view; training and
/// scoring are BlindSpot.Model's, reached through Core's ports.
/// </summary>
public sealed class RunService(
    IBlindSpotStore store, IngestService ingest, IModelTraining training, IModelScoring scoring, WorklistService worklists,
    TargetsService targets, BusinessCalendar calendar, ILogger<RunService> logger)
{
    /// <summary>
    /// Scores as of the day, unless the champion already scored that day on exactly the files the store holds now
    /// (the job-run ledger remembers champion and file count): a re-run for the same day then takes seconds.
    /// </summary>
    async Task<ScoreReport> ScoreUnlessCurrentAsync(DateOnly asOf, CancellationToken ct)
    {
        var champion = (await store.ListModelsAsync(ct)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
        if (champion is null) return await scoring.ScoreAsync(asOf, ct);

        var key = $"{asOf:yyyy-MM-dd}|{champion.Version}|{(await store.ListFilesAsync(ct)).Count}";
        if (!await store.TryBeginJobRunAsync(ScoreJobName, key, ct))
        {
            var stored = await store.LoadScoresAsync(asOf, ct);
            if (stored.Count > 0 && stored.All(s => s.ModelVersion == champion.Version))
            {
                logger.LogInformation("Scores as of {AsOf} by {ModelVersion} are current: not scored again", asOf, champion.Version);
                return new ScoreReport(asOf, champion.Version, stored.Count, 0, 0, null);
            }
        }
        var report = await scoring.ScoreAsync(asOf, ct);
        if (report.Succeeded) await store.CompleteJobRunAsync(ScoreJobName, key, $"{report.Scored} households", ct);
        return report;
    }

    const string ScoreJobName = "run.score";

    /// <summary>Passes the ingest's file count on as the run's progress, on the caller's thread (unlike Progress&lt;T&gt;).</summary>
    sealed class FilesOfIngest(IProgress<RunProgress> run) : IProgress<FileProgress>
    {
        public void Report(FileProgress value) => run.Report(new RunProgress(RunStep.Ingest, value));
    }

    public Task<RunReport> RunAsync(string inbox, string outDir, string quarantineDir, DateOnly asOf, CancellationToken ct) =>
        RunAsync(inbox, outDir, quarantineDir, asOf, null, ct);

    /// <param name="progress">Told when each step starts (and, while ingesting, each file): a progress display.</param>
    public async Task<RunReport> RunAsync(string inbox, string outDir, string quarantineDir, DateOnly asOf, IProgress<RunProgress>? progress, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var phases = new List<RunPhase>(5);
        var lap = started;
        var cpu = Environment.CpuUsage.TotalTime;
        void Phase(string name)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            var cpuNow = Environment.CpuUsage.TotalTime;
            phases.Add(new RunPhase(name, System.Diagnostics.Stopwatch.GetElapsedTime(lap, now).TotalSeconds, (cpuNow - cpu).TotalSeconds));
            lap = now;
            cpu = cpuNow;
        }
        progress?.Report(new RunProgress(RunStep.Ingest));
        var files = progress is null ? null : new FilesOfIngest(progress);
        // The district's history (registry versions, crisis rows: what the ingest's households and crisis files change) and
        // the champion are read on the thread pool as soon as the ingest has settled those files, beside the rest of it (a
        // day's run: from its start; a first run: after its last crisis month). The run's first district load takes the
        // history only if the store's history is still in the state it was read at (RunScopedStore, IDistrictReader). A
        // store reads ahead only a kept copy of its history (SqlStore), and a first run has neither that nor a champion yet:
        // nothing is read ahead there (reading the tables beside the ingest went over the peak allowed; ADR 0006, eleventh pass).
        DistrictHistoryAhead? historyAhead = null;
        Task? championAhead = null;
        void ReadAhead()
        {
            historyAhead = store.ReadHistoryAhead(ct);
            // One after the other, not side by side: the rest of the ingest (a day's registry copy, the resolver's index, the
            // day's tips) is the run's critical path, and two reads ahead on the two cores starved it (it took ~1.6 s
            // instead of ~0.8); one read ahead at a time leaves it a core (ADR 0006, eleventh pass, lead).
            championAhead = historyAhead is null ? scoring.LoadChampionAheadAsync(ct)
                : historyAhead.Completion.ContinueWith(_ => scoring.LoadChampionAheadAsync(ct), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        }
        try
        {
            var ingested = await ingest.IngestInboxAsync(inbox, quarantineDir, files, ReadAhead, ct);
            // The ingest's registry, keys and batches are let go before training reads the district.
            await PhaseEnd.LetGoAsync();
            Phase("ingest");

            TrainingSummary? trained = null;
            var models = await store.ListModelsAsync(ct);
            if (!models.Any(m => m.Status == ModelStatus.Champion))
            {
                progress?.Report(new RunProgress(RunStep.Train));
                logger.LogInformation("No champion model yet: training a first one as of {AsOf}", asOf);
                trained = await training.TrainAsync(asOf, ct);
                // Training's history, examples and learner data are let go before scoring.
                await PhaseEnd.LetGoAsync();
            }
            Phase("train");

            progress?.Report(new RunProgress(RunStep.Score));
            var score = await ScoreUnlessCurrentAsync(asOf, ct);
            // The run's large writes are over (the lists and the targets write a few rows): the store folds its log into
            // its files beside them, not in its last connection's close after the run (IBlindSpotStore.CheckpointSoon).
            store.CheckpointSoon();
            Phase("score");
            var worklistDate = calendar.NextBusinessDay(asOf);
            progress?.Report(new RunProgress(RunStep.Worklists));
            var lists = await worklists.BuildAsync(worklistDate, asOf, outDir, ct);
            Phase("worklists");
            progress?.Report(new RunProgress(RunStep.Targets));
            var targetsResult = await targets.ReportAsync(asOf.Year, asOf, outDir, ct);
            Phase("targets");

            var report = new RunReport(asOf, worklistDate, ingested, trained, score.Succeeded ? score.ModelVersion : null, score, lists, targetsResult)
            {
                Phases = phases,
                HistoryAhead = historyAhead?.Use,
            };
            logger.LogInformation(
                "Run as of {AsOf} done in {Seconds:F1} s: {FilesIngested} files ingested ({RowsRead} rows), model {ModelVersion}, {Listed} households listed for {WorklistDate}, {DongsBehind} dongs behind target; history read ahead: {HistoryAhead}",
                asOf, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, report.FilesIngested, report.RowsRead,
                report.ModelVersion ?? "none (rules)", lists.Listed, worklistDate, report.DongsBehind.Count, report.HistoryAhead?.ToString() ?? "no");
            return report;
        }
        finally
        {
            // Nothing read ahead outlives the run (a run that failed, or whose load did not take it, still waits for it).
            if (historyAhead is not null) await historyAhead.Completion;
            if (championAhead is not null)
                try { await championAhead; }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        }
    }
}

/// <summary>The main job's steps, in order.</summary>
public enum RunStep { Ingest, Train, Score, Worklists, Targets }

/// <summary>The step the main job is in, and while ingesting how many of the inbox's files are done.</summary>
public readonly record struct RunProgress(RunStep Step, FileProgress Files = default);
