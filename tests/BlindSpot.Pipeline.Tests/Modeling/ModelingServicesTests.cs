using BlindSpot.Core.Domain;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Worklists;
using BlindSpot.Hosting.Composition;
using BlindSpot.Model.UseCases;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlindSpot.Pipeline.Tests.Modeling;

/// <summary>Train, registry and score use cases against a real SQLite file.</summary>
public sealed class ModelingServicesTests : IAsyncLifetime
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "blindspot-modeling-" + Guid.NewGuid().ToString("N"));
    readonly DistrictData district = PlantedDistrict.Planted();
    IBlindSpotStore store = null!;
    static readonly TimeProvider Clock = TimeProvider.System;
    static readonly DateOnly AsOf = PlantedDistrict.AsOf;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dir);
        store = await StoreFactory.OpenAsync(Path.Combine(dir, "test.db"), CancellationToken.None);
        Assert.True(await PlantedDistrict.CommitAsync(store, district, CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    TrainService Train => new(store, NullLogger<TrainService>.Instance, Clock);
    ScoreService Score => new ModelUseCases(store, NullLoggerFactory.Instance, Clock, new(), WorklistOptions.Default).Score();
    ModelRegistryService Registry => new(store, NullLogger<ModelRegistryService>.Instance, Clock);

    [Fact]
    public async Task TrainsAFirstChampionAndScoresEveryHouseholdWithReasons()
    {
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.True(report.Trained, report.Failure);
        Assert.True(report.Card!.BeatsBaselines);
        Assert.True(report.Promoted, report.Card.Decision.Reason);
        Assert.StartsWith($"m-{AsOf:yyyyMMdd}-", report.Version);

        var models = await Registry.ListAsync(CancellationToken.None);
        Assert.Equal(ModelStatus.Champion, Assert.Single(models).Status);

        // Five marked households beside the generated ones, copies of one of them (as of 2026-06-30 the signal window of
        // 3 months starts 2026-03-01):
        //   Z-TIP     a tip on 2025-08-01 (any known tip counts)        -> scored
        //   Z-MARCH   a crisis row for 2026-03 (first month in window)  -> scored
        //   Z-FEB     a crisis row for 2026-02 (one month too old)      -> not scored
        //   Z-NONE    nothing                                           -> not scored
        //   Z-MOVED   a tip, but only in a snapshot before the newest: moved out -> not scored
        var newest = district.HouseholdVersions.Max(h => h.SnapshotDate);
        var template = district.HouseholdVersions.First(h => h.SnapshotDate == newest);
        var marked = new[] { "Z-TIP", "Z-MARCH", "Z-FEB", "Z-NONE" }.Select(id => template with { HouseholdId = id })
            .Append(template with { HouseholdId = "Z-MOVED", SnapshotDate = newest.AddDays(-1) }).ToList();
        var tip = district.Tips.First(t => t.HouseholdId is not null);
        var extra = DistrictData.Empty(AsOf) with
        {
            HouseholdVersions = marked,
            Crisis =
            [
                new CrisisRecord("Z-MARCH", new DateOnly(2026, 3, 1), BlindSpot.Core.Contract.CrisisIndicators.MgmtFeeArrears, 2, true),
                new CrisisRecord("Z-FEB", new DateOnly(2026, 2, 1), BlindSpot.Core.Contract.CrisisIndicators.MgmtFeeArrears, 2, true),
            ],
            Tips =
            [
                tip with { TipId = "T-Z-TIP", HouseholdId = "Z-TIP", ReceivedAt = new DateTime(2025, 8, 1, 10, 0, 0) },
                tip with { TipId = "T-Z-MOVED", HouseholdId = "Z-MOVED", ReceivedAt = new DateTime(2025, 8, 1, 10, 0, 0) },
            ],
        };
        Assert.True(await PlantedDistrict.CommitAsync(store, extra, CancellationToken.None));

        var scored = await Score.ScoreAsync(AsOf, CancellationToken.None);
        Assert.True(scored.Succeeded, scored.Failure);
        // The households a worklist can rank by probability (a known tip or a recent crisis indicator), not the others.
        var stored = await store.LoadScoresAsync(AsOf, CancellationToken.None);
        var ids = stored.Select(s => s.HouseholdId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Z-TIP", ids);
        Assert.Contains("Z-MARCH", ids);
        Assert.DoesNotContain("Z-FEB", ids);
        Assert.DoesNotContain("Z-NONE", ids);
        Assert.DoesNotContain("Z-MOVED", ids);
        Assert.Equal(ids.Count, scored.Scored);
        // Not every living household either (the generated ones plus the 4 living marked ones).
        Assert.InRange(ids.Count, 2, district.Households.Count(h => !h.MovedOut) + 4 - 1);
        Assert.All(stored, s => Assert.Equal(report.Version, s.ModelVersion));
        // Probabilities only: the reasons are computed for the households a worklist names (ReasonService).
        Assert.All(stored, s => Assert.Empty(s.Reasons));

        // Idempotent per date.
        await Score.ScoreAsync(AsOf, CancellationToken.None);
        Assert.Equal(ids.Count, (await store.LoadScoresAsync(AsOf, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task NoPromoteTrainsAChallengerAndShowsCalibrationOnTheStoredExplorationVisits()
    {
        // Lists stored for the test window: every fourth labeled visit there came from a 탐색 pick drawn with p = 0.05.
        var testFrom = AsOf.AddDays(-41);
        var explored = district.Outcomes
            .Where(o => o.VisitedOn >= testFrom && o.VisitedOn <= AsOf && o.Result is VisitResult.Discovered or VisitResult.NotInCrisis)
            .OrderBy(o => o.VisitedOn).ThenBy(o => o.HouseholdId, StringComparer.Ordinal).Where((_, i) => i % 4 == 0).ToList();
        foreach (var day in explored.GroupBy(o => o.VisitedOn))
            await store.ReplaceWorklistAsync(day.Key, day.Select((o, i) => new WorklistEntry(day.Key, "도림동", i + 1, o.HouseholdId,
                Selection.Exploration, 0.1, "m0", [], 0.05, false, null, 0)).ToList(), [], CancellationToken.None);

        var report = await Train.TrainAsync(AsOf, null, promote: false, CancellationToken.None);

        Assert.True(report.Trained, report.Failure);
        Assert.False(report.Promoted);
        Assert.StartsWith("Not promoted: trained with --no-promote", report.Card!.Decision.Reason);
        Assert.DoesNotContain(await Registry.ListAsync(CancellationToken.None), m => m.Status == ModelStatus.Champion);
        var check = report.Card.ExplorationCalibration!;
        Assert.InRange(check.Rows, 1, explored.Count); // visits to households the registry never knew carry no label
        Assert.InRange(check.Positives, 0, explored.Count(o => o.Result == VisitResult.Discovered));
        Assert.InRange(check.MeanPredicted, 0, 1);
        Assert.NotNull(report.Card.ModelIntervals);
    }

    [Fact]
    public async Task ReasonsOfAFewHouseholdsEqualThoseOfScoringTheWholeDistrictWithReasons()
    {
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.True(report.Promoted, report.Failure);
        var data = await store.LoadDistrictAsync(AsOf, CancellationToken.None);
        var all = new BlindSpot.Model.Features.FeatureBuilder(data).BuildAll(AsOf);
        var record = (await store.ListModelsAsync(CancellationToken.None)).Single();
        var model = BlindSpot.Model.Training.RiskModel.Load(await store.LoadModelBytesAsync(record.Version, CancellationToken.None), report.Card!.Options.Seed);
        // The way scoring used to do it: every household with reasons, in one pass.
        var everyone = model.Score(all, report.Card.Options.TopReasons).ToDictionary(s => s.Features.HouseholdId, s => s.Reasons);
        var some = all.Where((_, i) => i % 37 == 0).Select(f => f.HouseholdId).Append("no-such-household").ToList();

        var reasons = await new ReasonService(store, NullLogger<ReasonService>.Instance)
            .ReasonsAsync(AsOf, record.Version, some, CancellationToken.None);

        Assert.Equal(some.Count - 1, reasons.Count);
        Assert.Contains(reasons.Values, r => r.Count == 3);
        foreach (var (id, r) in reasons) Assert.Equal(everyone[id], r);
        Assert.Empty(await new ReasonService(store, NullLogger<ReasonService>.Instance).ReasonsAsync(AsOf, "m-unknown", some, CancellationToken.None));
    }

    [Fact]
    public async Task ScoresOfAFewHouseholdsEqualThoseOfScoringEveryHousehold()
    {
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.True(report.Promoted, report.Failure);
        var data = await store.LoadDistrictAsync(AsOf, CancellationToken.None);
        var all = new BlindSpot.Model.Features.FeatureBuilder(data).BuildAll(AsOf);
        var model = BlindSpot.Model.Training.RiskModel.Load(await store.LoadModelBytesAsync(report.Version!, CancellationToken.None), report.Card!.Options.Seed);
        var p = model.Probabilities(all);
        var everyone = all.Select((f, i) => (f.HouseholdId, p[i])).ToDictionary(x => x.HouseholdId, x => x.Item2);
        var some = all.Where((_, i) => i % 29 == 0).Select(f => f.HouseholdId).Append("no-such-household").ToHashSet(StringComparer.Ordinal);

        var service = new ReasonService(store, NullLogger<ReasonService>.Instance);
        var scores = await service.ScoreAsync(AsOf, report.Version!, some, withReasons: false, CancellationToken.None);
        var explained = await service.ScoreAsync(AsOf, report.Version!, some, withReasons: true, CancellationToken.None);

        // The households scoring everyone would have scored (living there, not moved out), with the same probabilities.
        Assert.Equal(some.Count - 1, scores.Count);
        foreach (var s in scores) Assert.Equal(everyone[s.HouseholdId], s.Probability);
        Assert.Equal(scores.Select(s => (s.HouseholdId, s.Probability)), explained.Select(s => (s.HouseholdId, s.Probability)));
        var reasons = model.Score(all, report.Card.Options.TopReasons).ToDictionary(s => s.Features.HouseholdId, s => s.Reasons);
        Assert.Contains(explained, s => s.Reasons.Count > 0);
        foreach (var s in explained) Assert.Equal(reasons[s.HouseholdId], s.Reasons);
    }

    [Fact]
    public async Task ListsFromAnEarlierDaysScoresEqualThoseOfScoringEveryHousehold()
    {
        // Scores of a day five days back, lists as of the last day: households that got their first tip in between
        // can be ranked and were not scored then. The lists must equal those built on scores of every household.
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.True(report.Promoted, report.Failure);
        var scoreDay = AsOf.AddDays(-5);
        var date = new BlindSpot.Core.Time.BusinessCalendar([]).NextBusinessDay(AsOf);
        var services = new PipelineServices(store, NullLoggerFactory.Instance, Clock, PipelineSettings.Default with
        {
            Worklists = BlindSpot.Pipeline.Worklists.WorklistSettings.Default with { Holidays = [] },
        });
        var early = await store.LoadDistrictAsync(scoreDay, CancellationToken.None);
        var late = await store.LoadDistrictAsync(AsOf, CancellationToken.None);
        var newlyRankable = ScoreNeeds.RankableIds(late, WorklistOptions.Default)!.Except(ScoreNeeds.RankableIds(early, WorklistOptions.Default)!).ToList();
        Assert.NotEmpty(newlyRankable);

        Assert.True((await services.Score().ScoreAsync(scoreDay, CancellationToken.None)).Succeeded);
        var dir2 = Path.Combine(dir, "out");
        Assert.True((await services.Worklists().BuildAsync(date, AsOf, dir2, CancellationToken.None)).Succeeded);
        var fromRankable = await store.LoadWorklistAsync(date, CancellationToken.None);

        var all = new BlindSpot.Model.Features.FeatureBuilder(early).BuildAll(scoreDay);
        var model = BlindSpot.Model.Training.RiskModel.Load(await store.LoadModelBytesAsync(report.Version!, CancellationToken.None), report.Card!.Options.Seed);
        var p = model.Probabilities(all);
        await store.ReplaceScoresAsync(scoreDay, all.Select((f, i) => new HouseholdScore(scoreDay, f.HouseholdId, f.Dong, report.Version!, p[i], [])).ToList(), CancellationToken.None);
        Assert.True((await services.Worklists().BuildAsync(date, AsOf, dir2, CancellationToken.None)).Succeeded);
        var fromEveryone = await store.LoadWorklistAsync(date, CancellationToken.None);

        Assert.NotEmpty(fromEveryone);
        Assert.Contains(fromEveryone, e => e.Selection == Selection.Exploration);
        static string Line(WorklistEntry e) => $"{e with { Reasons = [] }} {string.Join(" / ", e.Reasons)}";
        Assert.Equal(fromEveryone.Select(Line), fromRankable.Select(Line));
    }

    [Fact]
    public async Task CardRecordsTheSampledNegativesAndTheirSecondEvaluation()
    {
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        var card = report.Card!;
        Assert.Equal(new BlindSpot.Model.Training.TrainOptions().SampledNegativesPerVisit, card.Options.SampledNegativesPerVisit);
        var second = Assert.IsType<BlindSpot.Model.Evaluation.SampledNegativeEvaluation>(card.TestWithSampledNegatives);
        Assert.True(second.SampledTrainRows > 0 && second.SampledTestRows > 0);
        // The window arithmetic of these counts is worked out by hand in the Model tests
        // (NegativeSamplerTests.CountsTheSampledRowsOfEachWindowInTheSecondEvaluation); here: the stored card carries them.
        var stored = BlindSpot.Model.Registry.ModelCard.FromJson((await store.ListModelsAsync(CancellationToken.None)).Single().CardJson)!;
        var storedSecond = stored.TestWithSampledNegatives!;
        Assert.Equal((second.SampledTrainRows, second.SampledTestRows, second.Rows, second.Positives),
            (storedSecond.SampledTrainRows, storedSecond.SampledTestRows, storedSecond.Rows, storedSecond.Positives));
        Assert.Contains("sampled unvisited households", BlindSpot.Model.Registry.ModelCardMarkdown.Render(stored, ModelStatus.Champion));

        var off = await Train.TrainAsync(AsOf, new BlindSpot.Model.Training.TrainOptions(SampledNegativesPerVisit: 0), CancellationToken.None);
        Assert.NotEqual(report.Version, off.Version);
        Assert.Null(off.Card!.TestWithSampledNegatives);
        Assert.Equal(card.TestWindow, off.Card.TestWindow);
    }

    [Fact]
    public async Task TrainingTwiceOnTheSameDataKeepsOneModel()
    {
        var first = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        var second = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.Equal(first.Version, second.Version);
        Assert.True(second.AlreadyExisted);
        Assert.Single(await store.ListModelsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ScoringWithoutAChampionStoresNothingAndSaysSo()
    {
        var report = await Score.ScoreAsync(AsOf, CancellationToken.None);
        Assert.False(report.Succeeded);
        Assert.Contains("운영 모델이 아직 없습니다", report.Failure);
        Assert.Empty(await store.LoadScoresAsync(AsOf, CancellationToken.None));
    }

    [Fact]
    public async Task AChallengerIsComparedWithTheChampionOnTheSameHoldoutAndAnAnalystCanRollBack()
    {
        // Held-out models (no refit): the champion never saw the challenger's test weeks, so both score them.
        var heldOut = new BlindSpot.Model.Training.TrainOptions(RefitOnAllRows: false);
        var older = await Train.TrainAsync(AsOf.AddDays(-14), heldOut, CancellationToken.None);
        Assert.True(older.Promoted, older.Card?.Decision.Reason ?? older.Failure);
        var newer = await Train.TrainAsync(AsOf, heldOut, CancellationToken.None);
        Assert.True(newer.Trained);
        Assert.Equal(older.Version, newer.Card!.Champion!.Version);
        Assert.NotNull(newer.Card.Champion.Metrics);
        Assert.Equal(newer.Card.Model.Rows, newer.Card.Champion.Metrics!.Rows);
        // The analysts' comparison rebuilds the same holdout from the store: the very figures training measured.
        var same = await new ModelComparisonService(store, Clock).CompareAsync(older.Version!, newer.Version!, CancellationToken.None);
        Assert.Null(same.Problem);
        Assert.Equal(newer.Version, same.HoldoutVersion);
        Assert.Equal((newer.Card.Model.Rows, newer.Card.Model.Auc, newer.Card.Model.PrecisionAtK), (same.B!.Rows, same.B.Auc, same.B.PrecisionAtK));
        Assert.Equal((newer.Card.Champion.Metrics.Auc, newer.Card.Champion.Metrics.PrecisionAtK), (same.A!.Auc, same.A.PrecisionAtK));

        // Whatever the policy decided, the analyst can make either one champion.
        var promote = await Registry.PromoteAsync(newer.Version!, "analyst-kim", "new crisis codes since May", CancellationToken.None);
        var card = BlindSpot.Model.Registry.ModelCard.FromJson((await store.ListModelsAsync(CancellationToken.None)).Single(m => m.Version == newer.Version).CardJson)!;
        var recorded = Assert.Single(card.Promotions!, p => p.By == "analyst-kim");
        Assert.Equal("new crisis codes since May", recorded.Reason);
        Assert.True(promote.Succeeded);
        var rollback = await Registry.PromoteAsync(older.Version!, CancellationToken.None);
        Assert.True(rollback.Succeeded, rollback.Message);
        var models = await store.ListModelsAsync(CancellationToken.None);
        Assert.Equal(ModelStatus.Champion, models.Single(m => m.Version == older.Version).Status);
        Assert.Equal(ModelStatus.Retired, models.Single(m => m.Version == newer.Version).Status);

        Assert.False((await Registry.PromoteAsync("m-nope", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task AChampionFittedOnTheChallengersTestWeeksIsNotComparedAndNotReplaced()
    {
        var champion = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        Assert.True(champion.Promoted);
        var earlier = await Train.TrainAsync(AsOf.AddDays(-28), null, CancellationToken.None);
        Assert.True(earlier.Trained);
        Assert.Null(earlier.Card!.Champion!.Metrics);
        Assert.Contains("inside this test window", earlier.Card.Champion.NotComparable);
        Assert.False(earlier.Promoted);
        var models = await store.ListModelsAsync(CancellationToken.None);
        Assert.Equal(ModelStatus.Champion, models.Single(m => m.Version == champion.Version).Status);

        // Both refitted on every visit up to their as-of dates: no visit neither learned from exists yet (the clock stands
        // at the later as-of date), so the analysts' comparison says so instead of judging a model on its own rows.
        var noonKst = new FakeTimeProvider(new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero)); // 12:00 KST on AsOf
        var compared = await new ModelComparisonService(store, noonKst).CompareAsync(earlier.Version!, champion.Version!, CancellationToken.None);
        Assert.Null(compared.A);
        Assert.Contains($"두 모델 모두 {AsOf:yyyy-MM-dd} 까지의 방문으로 학습했으므로", compared.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefittedChampionIsRefreshedByItsOwnRecipeOnNewerVisitsOnly()
    {
        var o = new BlindSpot.Model.Training.TrainOptions(RefitOnAllRows: true);
        var champion = await Train.TrainAsync(AsOf.AddDays(-14), o, CancellationToken.None);
        Assert.True(champion.Promoted, champion.Card?.Decision.Reason ?? champion.Failure);
        Assert.Contains("Deployed model: the same learner and settings refitted", BlindSpot.Model.Registry.ModelCardMarkdown.Render(champion.Card!, ModelStatus.Champion));

        // Another recipe cannot be judged on weeks the refitted champion learned from: an analyst decides.
        var other = await Train.TrainAsync(AsOf, o with { NumberOfLeaves = 4 }, CancellationToken.None);
        Assert.False(other.Card!.Champion!.SameRecipe);
        Assert.False(other.Promoted);
        // An older as-of with the same recipe is no refresh either.
        var older = await Train.TrainAsync(AsOf.AddDays(-28), o, CancellationToken.None);
        Assert.False(older.Promoted);

        // The same recipe on newer visits is a refresh: judged by both baselines beaten and fairness no worse than the
        // champion's on the same rows (PromotionPolicyTests holds both branches).
        var refresh = await Train.TrainAsync(AsOf, o, CancellationToken.None);
        Assert.True(refresh.Card!.Champion!.SameRecipe);
        Assert.Null(refresh.Card.Champion.Metrics);
        Assert.NotNull(refresh.Card.Champion.FairnessFlagged);
        Assert.Contains($"refresh of champion {champion.Version}", refresh.Card.Decision.Reason);
        Assert.Equal(refresh.Card.Decision.Reason.StartsWith("Promoted", StringComparison.Ordinal), refresh.Promoted);
        var models = await store.ListModelsAsync(CancellationToken.None);
        Assert.Equal(refresh.Promoted ? ModelStatus.Champion : ModelStatus.Challenger, models.Single(m => m.Version == refresh.Version).Status);
    }

    [Fact]
    public async Task TheCardCarriesMetricsFairnessAndNoPersonalData()
    {
        var report = await Train.TrainAsync(AsOf, null, CancellationToken.None);
        var record = Assert.Single(await store.ListModelsAsync(CancellationToken.None));
        foreach (var personal in new[] { "홍길동", "010-1234-5678", "도림로", "우편물이 쌓여", "층간소음" })
            Assert.DoesNotContain(personal, record.CardJson);
        var markdown = await Registry.CardMarkdownAsync(report.Version!, CancellationToken.None);
        Assert.Contains("precision@k", markdown);
        Assert.Contains("| rules |", markdown);
        Assert.Contains("| tips-only |", markdown);
        Assert.Contains("household_type", markdown);
        Assert.Contains(report.Card!.DataFingerprint, markdown);
    }
}
