using System.Globalization;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Time;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// The worklist policy (docs/adr/0003-worklist-policy.md), pure: from what was known by the end of
/// <see cref="DistrictData.AsOf"/>, the day's scores and the earlier stored worklists, it decides every dong's list
/// for a business day. Same inputs, same lists: the only randomness (탐색) is seeded by date and dong.
/// </summary>
public static class WorklistPolicy
{
    /// <summary>
    /// The first day of the relist window (<see cref="WorklistOptions.RelistBusinessDays"/> business days before
    /// <paramref name="date"/>): the stored worklists from this day to the day before <paramref name="date"/> are the
    /// <c>earlier</c> lists <see cref="Build"/> and <see cref="Eligible"/> need.
    /// </summary>
    public static DateOnly RelistFrom(DateOnly date, BusinessCalendar calendar, WorklistOptions options) =>
        calendar.BusinessDaysBefore(date, options.RelistBusinessDays);

    /// <summary>
    /// Every dong's households that pass every exclusion on <paramref name="date"/> (moved out, case-managed, cool-off,
    /// 부재 waiting, basic livelihood, recently listed: ADR 0003), with what each would be listed for, and how many
    /// households each exclusion kept off. <see cref="Build"/> chooses its lists from exactly these; the simulation's
    /// comparison policies order them their own way. No dong on a day that is not a business day.
    /// </summary>
    /// <param name="date">The business day the lists are for; after <paramref name="data"/>'s AsOf.</param>
    /// <param name="scores">The champion's scores as of the data's day; empty when there is no champion yet (rules fallback).</param>
    /// <param name="earlier">Stored entries of earlier worklists (at least those from <see cref="RelistFrom"/>).</param>
    public static WorklistEligibility Eligible(
        DateOnly date,
        DistrictData data,
        IReadOnlyList<HouseholdScore> scores,
        IReadOnlyList<WorklistEntry> earlier,
        BusinessCalendar calendar,
        WorklistOptions options)
    {
        if (data.AsOf >= date) throw new ArgumentException("The district data must be as of a day before the worklist day (no look-ahead).", nameof(data));
        if (options.Validate() is { } invalid) throw new ArgumentException(invalid, nameof(options));

        var mode = scores.Count > 0 ? ScoringMode.Model : ScoringMode.Rules;
        var modelVersion = mode == ScoringMode.Model
            ? scores.GroupBy(s => s.ModelVersion).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key
            : RiskGrades.RulesVersion;
        if (!calendar.IsBusinessDay(date)) return new WorklistEligibility(date, data.AsOf, false, mode, modelVersion, []);

        var context = new Context(date, data, scores, earlier, calendar, options, mode);
        var capacity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in data.Capacity) capacity[c.Dong] = Math.Max(0, c.DailyVisits);
        var byDong = data.Households.ToLookup(h => h.Dong, StringComparer.Ordinal);

        // The dongs are assessed side by side: a dong reads only the day's lookups (built above, never changed after).
        var dongs = new DongEligibility[Dongs.All.Count];
        Parallel.For(0, dongs.Length, k =>
        {
            var dong = Dongs.All[k];
            var cap = capacity.TryGetValue(dong, out var v) ? v : options.DefaultDailyVisits;
            // Counted per exclusion in an array; the dictionary lists the exclusions in the order they first kept someone
            // off, as counting into it directly did.
            var counts = new int[ExclusionCount];
            Span<Exclusion> seen = stackalloc Exclusion[ExclusionCount];
            var kinds = 0;
            var eligible = new List<EligibleHousehold>();
            foreach (var h in byDong[dong])
            {
                var c = context.Assess(h, out var why);
                if (c is not null) eligible.Add(c);
                else if (counts[(int)why]++ == 0) seen[kinds++] = why;
            }
            var excluded = new Dictionary<Exclusion, int>(kinds);
            foreach (var why in seen[..kinds]) excluded[why] = counts[(int)why];
            dongs[k] = new DongEligibility(dong, cap, eligible, excluded);
        });
        return new WorklistEligibility(date, data.AsOf, true, mode, modelVersion, dongs);
    }

    /// <param name="date">The business day the lists are for; after <paramref name="data"/>'s AsOf.</param>
    /// <param name="scores">The champion's scores as of the data's day; empty when there is no champion yet (rules fallback).</param>
    /// <param name="earlier">Stored entries of earlier worklists (at least those from <see cref="RelistFrom"/>).</param>
    /// <param name="complete">
    /// Called once, after every dong's selection, with the listed households whose score is missing or carries no
    /// reasons; returns their scores with reasons (those it knows). The selection never depends on reasons nor on the
    /// probability of a household that only exploration can draw (docs/adr/0006-daily-run-in-proportion.md), so the
    /// lists are those of scores that carried everything from the start. Null: the scores as given.
    /// </param>
    public static WorklistPlan Build(
        DateOnly date,
        DistrictData data,
        IReadOnlyList<HouseholdScore> scores,
        IReadOnlyList<WorklistEntry> earlier,
        BusinessCalendar calendar,
        WorklistOptions options,
        Func<IReadOnlyCollection<string>, IReadOnlyDictionary<string, HouseholdScore>>? complete = null)
    {
        var eligibility = Eligible(date, data, scores, earlier, calendar, options);
        var mode = eligibility.Mode;
        if (!eligibility.IsBusinessDay) return new WorklistPlan(date, data.AsOf, false, mode, eligibility.ModelVersion, []);

        // A dong's selection reads only its eligible households and draws from its own seed (date and dong), so the
        // lists are those of choosing one dong after another.
        var chosen = new DongChoice[eligibility.Dongs.Count];
        Parallel.For(0, chosen.Length, k => chosen[k] = ChooseDong(date, options, mode, eligibility.Dongs[k]));

        IReadOnlyDictionary<string, HouseholdScore> completed = new Dictionary<string, HouseholdScore>(StringComparer.Ordinal);
        if (complete is not null && mode == ScoringMode.Model)
        {
            var incomplete = chosen.SelectMany(d => d.All).Where(c => c.Score is not { Reasons.Count: > 0 })
                .Select(c => c.Household.HouseholdId).ToHashSet(StringComparer.Ordinal);
            if (incomplete.Count > 0) completed = complete(incomplete);
        }
        var lists = chosen.Select(d => d.ToList(date, options, completed)).ToList();
        return new WorklistPlan(date, data.AsOf, true, mode, eligibility.ModelVersion, lists);
    }

    /// <summary>A dong's selection, before its entries are written.</summary>
    sealed record DongChoice(string Dong, int Cap, List<EligibleHousehold> Urgent, List<EligibleHousehold> Deterministic, List<EligibleHousehold> Explored,
        double Probability, IReadOnlyDictionary<Exclusion, int> Excluded)
    {
        public IEnumerable<EligibleHousehold> All => Urgent.Concat(Deterministic).Concat(Explored);

        public DongWorklist ToList(DateOnly date, WorklistOptions options, IReadOnlyDictionary<string, HouseholdScore> completed)
        {
            EligibleHousehold With(EligibleHousehold c) => completed.TryGetValue(c.Household.HouseholdId, out var s) ? c with { Score = s } : c;
            var entries = new List<WorklistEntry>(Urgent.Count + Deterministic.Count + Explored.Count);
            foreach (var c in Urgent) entries.Add(Entry(date, options, Dong, entries.Count + 1, With(c), Selection.UrgentTip, 1.0, entries.Count + 1 > Cap));
            foreach (var c in Deterministic)
                entries.Add(Entry(date, options, Dong, entries.Count + 1, With(c), c.RecentTip is not null ? Selection.Tip : Selection.Model, 1.0, false));
            foreach (var c in Explored) entries.Add(Entry(date, options, Dong, entries.Count + 1, With(c), Selection.Exploration, Probability, false));
            return new DongWorklist(Dong, Cap, entries, Excluded);
        }
    }

    static DongChoice ChooseDong(DateOnly date, WorklistOptions options, ScoringMode mode, DongEligibility dong)
    {
        var cap = dong.Capacity;
        var candidates = dong.Households;
        var urgent = candidates.Where(c => c.Urgent is not null)
            .OrderByDescending(c => c.SortKey).ThenBy(c => c.Urgent!.ReceivedAt).ThenBy(c => c.Household.HouseholdId, StringComparer.Ordinal)
            .ToList();
        var rest = candidates.Where(c => c.Urgent is null).ToList();

        var draw = new ExplorationDraw(date, dong.Dong, options.ExplorationSalt);
        var slots = draw.Slots(cap * options.ExplorationShare, cap - urgent.Count, out var expectedSlots);
        var deterministicSlots = Math.Max(0, cap - urgent.Count - slots);

        // One ranking by calibrated probability (docs/adr/0005-one-ranking.md). Without a model there is no probability
        // for a tip: the rules fallback keeps recent tips before the rules score (the tips-then-rules list).
        IEnumerable<EligibleHousehold> ranked = options.RecentTipsFirst || mode == ScoringMode.Rules
            ? rest.Where(c => c.RecentTip is not null).OrderBy(c => c, EligibleHousehold.Ranking)
                .Concat(rest.Where(c => c.RecentTip is null && c.ModelEligible).OrderBy(c => c, EligibleHousehold.Ranking))
            : rest.Where(c => c.RecentTip is not null || c.ModelEligible).OrderBy(c => c, EligibleHousehold.Ranking);
        var deterministic = ranked.Take(deterministicSlots).ToList();

        var chosen = deterministic.Select(c => c.Household.HouseholdId).ToHashSet(StringComparer.Ordinal);
        var pool = rest.Where(c => !chosen.Contains(c.Household.HouseholdId)).ToList();
        // The district's households come in id order (DistrictData.Households), so the pool usually is already.
        if (!InIdOrder(pool)) pool = pool.OrderBy(c => c.Household.HouseholdId, StringComparer.Ordinal).ToList();
        var explored = draw.Sample(pool, slots);
        var probability = pool.Count == 0 ? 0 : Math.Min(1.0, expectedSlots / pool.Count);
        return new DongChoice(dong.Dong, cap, urgent, deterministic, explored.ToList(), probability, dong.Excluded);
    }

    static bool InIdOrder(List<EligibleHousehold> households)
    {
        for (var k = 1; k < households.Count; k++)
            if (string.CompareOrdinal(households[k - 1].Household.HouseholdId, households[k].Household.HouseholdId) > 0) return false;
        return true;
    }

    static readonly int ExclusionCount = Enum.GetValues<Exclusion>().Max(e => (int)e) + 1;

    /// <summary>The day's lookups, built once for all dongs.</summary>
    sealed class Context
    {
        DateOnly Date { get; }
        WorklistOptions Options { get; }
        readonly ScoringMode mode;
        readonly DateOnly asOf;
        readonly DateOnly recentCrisisFrom;
        readonly DateOnly signalFrom;
        // What the day knows of each household that has anything at all (a score, a tip, a visit, a crisis row of the
        // last 13 months or a recent listing): one lookup per household instead of five; most households have nothing.
        readonly Dictionary<string, Records> records = new(StringComparer.Ordinal);

        /// <summary>One household's records for the day (null: none).</summary>
        sealed class Records
        {
            public HouseholdScore? Score;
            public List<Tip>? Tips;
            public List<Outcome>? Visits;
            public List<CrisisRecord>? Crisis;
            public DateOnly? LastListed;
        }

        Records Of(string householdId)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(records, householdId, out _);
            return slot ??= new Records();
        }

        public Context(DateOnly date, DistrictData data, IReadOnlyList<HouseholdScore> scoreList, IReadOnlyList<WorklistEntry> earlier,
            BusinessCalendar calendar, WorklistOptions options, ScoringMode mode)
        {
            Date = date;
            Options = options;
            this.mode = mode;
            asOf = data.AsOf;
            recentCrisisFrom = RulesScore.WindowStart(asOf, options.RecentCrisisMonths);
            signalFrom = RulesScore.WindowStart(asOf, options.SignalMonths);
            foreach (var s in scoreList) Of(s.HouseholdId).Score ??= s; // the first score of a household counts

            // Each household's rows in input order (as GroupBy keeps them), then ordered as before: tips by time and
            // id, visits by day (stable sorts: rows that tie keep their input order).
            var endOfAsOf = asOf.ToDateTime(TimeOnly.MaxValue);
            foreach (var t in data.Tips)
                if (t.HouseholdId is not null && t.ReceivedAt <= endOfAsOf) (Of(t.HouseholdId).Tips ??= []).Add(t);
            foreach (var o in data.Outcomes)
                if (o.VisitedOn <= asOf) (Of(o.HouseholdId).Visits ??= []).Add(o);
            // A crisis row known by the day is one of a month that ended by then (DistrictData.IsCrisisKnown).
            var crisisFrom = asOf.AddMonths(-13);
            var knownTo = asOf.AddDays(1);
            List<CrisisRecord>? run = null;
            string? runId = null;
            foreach (var c in data.Crisis)
            {
                if (c.Month < crisisFrom || c.Month.AddMonths(1) > knownTo) continue;
                // The store gives a household's rows one after another: its list is looked up once per run of rows.
                if (!ReferenceEquals(c.HouseholdId, runId) && !string.Equals(c.HouseholdId, runId, StringComparison.Ordinal))
                {
                    run = Of(c.HouseholdId).Crisis ??= [];
                    runId = c.HouseholdId;
                }
                run!.Add(c);
            }
            foreach (var r in records.Values)
            {
                if (r.Tips is { Count: > 1 } ts) r.Tips = ts.OrderBy(t => t.ReceivedAt).ThenBy(t => t.TipId, StringComparer.Ordinal).ToList();
                if (r.Visits is { Count: > 1 } vs) r.Visits = vs.OrderBy(o => o.VisitedOn).ToList();
            }

            var relistFrom = RelistFrom(date, calendar, options);
            foreach (var e in earlier)
                if (e.Date < date && e.Date >= relistFrom && Of(e.HouseholdId) is var r && (r.LastListed is not { } d || e.Date > d))
                    r.LastListed = e.Date;
        }

        /// <summary>Applies every exclusion; null (and why) when the household must not be listed today.</summary>
        public EligibleHousehold? Assess(Household h, out Exclusion why)
        {
            why = default;
            if (h.MovedOut) { why = Exclusion.MovedOut; return null; }
            if (h.CaseManaged) { why = Exclusion.CaseManaged; return null; }

            var r = records.GetValueOrDefault(h.HouseholdId);
            if (r is null) return AssessWithoutRecords(h, out why);
            var hVisits = r.Visits ?? NoVisits;
            var hTips = r.Tips ?? NoTips;
            var hCrisis = r.Crisis ?? NoCrisis;

            // The last completed visit; a run of 부재 after it delays the household, and after MaxAbsentVisits counts as a visit.
            DateOnly? visited = null;
            List<DateOnly>? absences = null; // most households were never visited: no list for them
            foreach (var o in hVisits)
            {
                if (o.Result == VisitResult.Absent) (absences ??= []).Add(o.VisitedOn);
                else { visited = o.VisitedOn; absences?.Clear(); }
            }
            var absentReturn = false;
            if (absences is { Count: > 0 })
            {
                var lastAbsent = absences[^1];
                var inCoolOff = absences.Count(a => Date.DayNumber - a.DayNumber <= Options.CoolOffDays);
                if (inCoolOff >= Options.MaxAbsentVisits) visited = lastAbsent;
                else if (Date.DayNumber - lastAbsent.DayNumber < Options.AbsentReturnDays) { why = Exclusion.AbsentWaiting; return null; }
                else absentReturn = true;
            }

            // Tips received after the last visit's day are news; a tip of the visit's own day was seen by that visit.
            var unvisited = hTips;
            if (visited is { } v)
            {
                unvisited = [];
                foreach (var t in hTips)
                    if (DateOnly.FromDateTime(t.ReceivedAt) > v) unvisited.Add(t);
            }
            if (visited is { } last && Date.DayNumber - last.DayNumber <= Options.CoolOffDays
                && unvisited.Count == 0 && !HasNewIndicator(hCrisis, last))
            {
                why = Exclusion.CoolOff;
                return null;
            }

            var urgentFrom = Date.AddDays(-Options.UrgentWindowDays);
            var recentFrom = Date.AddDays(-Options.TipWindowDays);
            Tip? urgent = null, recentTip = null;
            foreach (var t in unvisited) // the last of each, as LastOrDefault gives
            {
                var received = DateOnly.FromDateTime(t.ReceivedAt);
                if (t.Urgent && received >= urgentFrom) urgent = t;
                if (received >= recentFrom) recentTip = t;
            }

            if (r.LastListed is { } listed && urgent is null && !VisitedSince(hVisits, listed))
            {
                why = Exclusion.RecentlyListed;
                return null;
            }

            var recentIndicators = hCrisis.Count == 0 ? NoIndicators : DistinctIndicators(hCrisis, recentCrisisFrom);

            if (h.BasicLivelihood && urgent is null && recentTip is null && !SignalsIsolation(h, recentIndicators, unvisited))
            {
                why = Exclusion.BasicLivelihood;
                return null;
            }

            var score = mode == ScoringMode.Model ? r.Score : null;
            var tipCountFrom = asOf.AddDays(-Options.TipCountDays);
            var tipCount = 0;
            foreach (var t in hTips)
                if (DateOnly.FromDateTime(t.ReceivedAt) > tipCountFrom) tipCount++;
            var sortKey = mode == ScoringMode.Rules ? recentIndicators.Count
                : score is not null ? score.Probability
                : -1 + recentIndicators.Count / 1000.0; // unscored: after every scored household
            // The model learned only from visited households (selective labels): among households with no tip and no
            // crisis indicator at all it ranks by household facts alone, which the simulation showed to find crises at
            // about the random rate. Such households are reached through exploration instead (docs/simulation.md).
            var hasSignal = tipCount > 0 || HasCrisisFrom(hCrisis, signalFrom);
            var modelEligible = mode == ScoringMode.Model
                ? score is not null && (hasSignal || !Options.ModelTierRequiresSignal)
                : recentIndicators.Count > 0;
            return new EligibleHousehold(h, score, recentIndicators.Count, recentIndicators, urgent, recentTip, absentReturn,
                tipCount, hTips.Count > 0 ? hTips[^1].ReceivedAt : null, modelEligible, sortKey);
        }

        /// <summary>
        /// <see cref="Assess"/> of a household the day knows nothing of (no score, tip, visit, crisis row of the last 13
        /// months or recent listing; most households): what the general path gives with every list empty, without walking
        /// them. A basic-livelihood recipient then has no urgent or recent tip and no isolation signal.
        /// </summary>
        EligibleHousehold? AssessWithoutRecords(Household h, out Exclusion why)
        {
            why = default;
            if (h.BasicLivelihood) { why = Exclusion.BasicLivelihood; return null; }
            var sortKey = mode == ScoringMode.Rules ? 0 : -1.0;
            return new EligibleHousehold(h, null, 0, NoIndicators, null, null, false, 0, null, false, sortKey);
        }

        static bool VisitedSince(List<Outcome> visits, DateOnly day)
        {
            foreach (var o in visits)
                if (o.VisitedOn >= day) return true;
            return false;
        }

        /// <summary>What a household without visits, tips or crisis rows has: shared, never changed (most households).</summary>
        static readonly List<string> NoIndicators = [];
        static readonly List<Outcome> NoVisits = [];
        static readonly List<Tip> NoTips = [];
        static readonly List<CrisisRecord> NoCrisis = [];

        /// <summary>The distinct indicators of the rows from <paramref name="from"/> on, in ordinal order (a few per household).</summary>
        static List<string> DistinctIndicators(List<CrisisRecord> rows, DateOnly from)
        {
            var result = new List<string>();
            foreach (var c in rows)
                if (c.Month >= from && !result.Contains(c.Indicator)) result.Add(c.Indicator); // List.Contains: ordinal equality
            if (result.Count > 1) result.Sort(StringComparer.Ordinal); // distinct strings: one order whatever the sort
            return result;
        }

        static bool HasCrisisFrom(List<CrisisRecord> records, DateOnly from)
        {
            foreach (var c in records)
                if (c.Month >= from) return true;
            return false;
        }

        /// <summary>
        /// A crisis indicator is new after a visit when it became known after the visit's day and its code was not
        /// among the household's indicators known at the visit (continuing arrears do not reopen a household).
        /// </summary>
        static bool HasNewIndicator(List<CrisisRecord> records, DateOnly visit)
        {
            HashSet<string>? before = null;
            foreach (var c in records)
            {
                if (DistrictData.IsCrisisKnown(c, visit)) continue;
                before ??= records.Where(r => DistrictData.IsCrisisKnown(r, visit)).Select(r => r.Indicator).ToHashSet(StringComparer.Ordinal);
                if (!before.Contains(c.Indicator)) return true;
            }
            return false;
        }

        /// <summary>
        /// The basic-livelihood exception: a one-person household with a recent utility cut-off, a head's death or a
        /// self-harm record, or an unvisited tip of the last 90 days about isolation (고립 or its warning signs).
        /// </summary>
        bool SignalsIsolation(Household h, List<string> recentIndicators, List<Tip> unvisited)
        {
            if (h.Members == 1 && recentIndicators.Any(i => CrisisIndicators.IsCutoff(i) || i is CrisisIndicators.HeadDeath or CrisisIndicators.SelfHarm))
                return true;
            var from = Date.AddDays(-90);
            return unvisited.Any(t => DateOnly.FromDateTime(t.ReceivedAt) >= from && TipPhrases.SignalsIsolation(t));
        }
    }

    static WorklistEntry Entry(DateOnly date, WorklistOptions options, string dong, int rank, EligibleHousehold c, Selection selection, double probability, bool overCapacity)
    {
        var reasons = new List<string>();
        if (overCapacity) reasons.Add("정원 초과 긴급 방문");
        var tip = selection switch { Selection.UrgentTip => c.Urgent, Selection.Tip => c.RecentTip, _ => null };
        if (tip is not null) reasons.Add(TipPhrases.Describe(tip, date));
        else if (selection == Selection.Exploration)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"탐색: 무작위 선정(선정확률 {probability * 100:0.0##}%)"));
        if (c.AbsentReturn) reasons.Add("부재 후 재방문");

        if (c.Score is { } s)
        {
            // The model's tip-history reason states the same fact as the tip described above: said once.
            reasons.AddRange(s.Reasons.Where(r => tip is null || !TipPhrases.IsHistory(r)).Take(options.MaxModelReasons));
            return new WorklistEntry(date, dong, rank, c.Household.HouseholdId, selection, s.Probability, s.ModelVersion,
                reasons, probability, overCapacity, c.LastTipAt, c.TipCount);
        }

        reasons.Add("모델 점수 없음: 규칙 점수");
        reasons.Add(c.RecentIndicators.Count == 0 ? "최근 위기정보 없음"
            : "최근 위기정보: " + string.Join(", ", c.RecentIndicators.Select(i => CrisisIndicators.KoreanNames.GetValueOrDefault(i, i))));
        return new WorklistEntry(date, dong, rank, c.Household.HouseholdId, selection, c.RulesScore, RiskGrades.RulesVersion,
            reasons, probability, overCapacity, c.LastTipAt, c.TipCount);
    }
}
