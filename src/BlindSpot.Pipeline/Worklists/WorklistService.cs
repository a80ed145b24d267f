using BlindSpot.Core.Domain;
using BlindSpot.Core.Files;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>
/// The worklist use case: loads what was known by the end of the as-of day, the newest scores of that day (or
/// of up to <see cref="WorklistSettings.ScoreLookbackDays"/> days before), and the recent stored worklists; runs
/// <see cref="WorklistPolicy"/>; replaces the stored worklist of the day; writes the 18 files. Running it twice
/// for a day gives the same lists (idempotent: store and files are replaced).
/// </summary>
/// <remarks>
/// Stored scores carry probabilities; the model's reasons of the households a list names are computed here by
/// <paramref name="reasons"/> (docs/adr/0006-daily-run-in-proportion.md). Without it, the stored reasons are used.
/// </remarks>
public sealed class WorklistService(IBlindSpotStore store, ILogger<WorklistService> logger, WorklistSettings settings, IOutputFiles files,
    IHouseholdReasons? reasons = null)
{
    /// <summary>Builds the lists of <paramref name="date"/> from what was known by the end of the day before it.</summary>
    public Task<WorklistResult> BuildAsync(DateOnly date, string outDir, CancellationToken ct) => BuildAsync(date, null, outDir, ct);

    /// <summary>
    /// Builds the lists of <paramref name="date"/> from what was known by the end of <paramref name="asOf"/>
    /// (default: the day before <paramref name="date"/>; the main job passes its scoring day).
    /// </summary>
    public async Task<WorklistResult> BuildAsync(DateOnly date, DateOnly? asOf, string outDir, CancellationToken ct)
    {
        var asOfDay = asOf ?? date.AddDays(-1);
        if (asOfDay >= date) return WorklistResult.Failed(date, asOfDay, $"기준일({asOfDay:yyyy-MM-dd})은 명단 날짜({date:yyyy-MM-dd})보다 앞선 날이어야 합니다.");
        if (settings.Policy.Validate() is { } invalid) return WorklistResult.Failed(date, asOfDay, invalid);

        var calendar = new BusinessCalendar(settings.Holidays);
        if (!calendar.IsBusinessDay(date))
        {
            logger.LogInformation("No worklists for {Date}: not a business day", date);
            return new WorklistResult(date, asOfDay, false, ScoringMode.Rules, RiskGrades.RulesVersion, null, [], null);
        }

        var (scores, scoresAsOf) = await LoadScoresAsync(asOfDay, ct);
        var data = await store.LoadDistrictAsync(asOfDay, ct);
        var earlier = await store.LoadWorklistsAsync(WorklistPolicy.RelistFrom(date, calendar, settings.Policy), date.AddDays(-1), ct);
        if (scoresAsOf is { } scoreDay) scores = await WithRankableScoresAsync(data, scores, scoreDay, ct);

        // The listed households' reasons (and a drawn household's probability) come once the selection is made.
        var complete = scoresAsOf is { } scoredOn && reasons is not null && scores.Count > 0 ? await reasons.CompleterAsync(scoredOn, scores, ct) : null;
        var plan = WorklistPolicy.Build(date, data, scores, earlier, calendar, settings.Policy, complete);
        await store.ReplaceWorklistAsync(date, plan.Entries.ToList(), plan.ExclusionCounts.ToList(), ct);

        var households = await ListedContacts.LoadAsync(store, data.Households, plan.Entries.Select(e => e.HouseholdId), ct);
        var summaries = new List<DongWorklistSummary>(plan.Dongs.Count);
        foreach (var dong in plan.Dongs)
        {
            var rows = dong.Entries.Select(e => WorklistRow.From(e, households[e.HouseholdId], settings.Policy)).ToList();
            var path = await files.WriteWorklistAsync(outDir, date, dong.Dong, rows, ct);
            summaries.Add(new DongWorklistSummary(dong.Dong, dong.Capacity, dong.Entries.Count,
                dong.Entries.Count(e => e.Selection == Selection.UrgentTip), dong.OverCapacity,
                dong.Entries.Count(e => e.Selection == Selection.Exploration), path) { Excluded = dong.Excluded });
        }

        // Tips not linked to a household reach their dong too (issue: no tip is dropped), one file per dong, every day.
        var open = TipToResolveRow.Select(data.Tips, asOfDay, settings.Policy.TipWindowDays, settings.TipsToResolveUrgentDays);
        var byDong = open.ToLookup(x => x.Dong, x => x.Row, StringComparer.Ordinal);
        foreach (var dong in plan.Dongs.Select(d => d.Dong).Union(byDong.Select(g => g.Key), StringComparer.Ordinal))
            await files.WriteTipsToResolveAsync(outDir, date, dong, byDong[dong].ToList(), ct);

        if (plan.Mode == ScoringMode.Rules)
            logger.LogWarning("No scores as of {AsOf} or the {LookbackDays} days before: worklists for {Date} use tips and the rules score", asOfDay, settings.ScoreLookbackDays, date);
        logger.LogInformation("Built worklists for {Date} as of {AsOf}: {Entries} entries in {DongCount} dongs, mode {Mode}, model {ModelVersion}",
            date, asOfDay, summaries.Sum(s => s.Listed), summaries.Count, plan.Mode, plan.ModelVersion);
        return new WorklistResult(date, asOfDay, true, plan.Mode, plan.ModelVersion, scoresAsOf, summaries, null) { TipsToResolve = open.Count };
    }

    /// <summary>
    /// The stored scores plus those of the households the policy can rank today that the scoring day left out
    /// (scoring scores the rankable households of its own day; when the scores are from an earlier day, a
    /// household may have become rankable since): computed as scoring every household would have.
    /// </summary>
    async Task<IReadOnlyList<HouseholdScore>> WithRankableScoresAsync(DistrictData data, IReadOnlyList<HouseholdScore> scores, DateOnly scoredOn, CancellationToken ct)
    {
        if (reasons is null || scores.Count == 0) return scores;
        var rankable = ScoreNeeds.RankableIds(data, settings.Policy);
        var scored = new HashSet<string>(scores.Count, StringComparer.Ordinal);
        foreach (var s in scores) scored.Add(s.HouseholdId);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in data.Households)
            if (!h.MovedOut && !scored.Contains(h.HouseholdId) && rankable?.Contains(h.HouseholdId) != false) missing.Add(h.HouseholdId);
        if (missing.Count == 0) return scores;
        var added = await reasons.ScoreAsync(scoredOn, ScoringVersion(scores), missing, withReasons: false, ct);
        if (added.Count == 0) return scores;
        logger.LogInformation("Scored {Households} households that became rankable after the scores' day {ScoresAsOf}", added.Count, scoredOn);
        return [.. scores, .. added];
    }

    /// <summary>The model the day's scores come from: the most frequent version (the policy's own rule).</summary>
    static string ScoringVersion(IReadOnlyList<HouseholdScore> scores) =>
        scores.GroupBy(s => s.ModelVersion).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    async Task<(IReadOnlyList<HouseholdScore> Scores, DateOnly? AsOf)> LoadScoresAsync(DateOnly asOf, CancellationToken ct)
    {
        for (var back = 0; back <= settings.ScoreLookbackDays; back++)
        {
            var day = asOf.AddDays(-back);
            var scores = await store.LoadScoresAsync(day, ct);
            if (scores.Count > 0) return (scores, day);
        }
        return ([], null);
    }
}
