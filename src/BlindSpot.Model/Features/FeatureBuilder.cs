using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Model.Features;

/// <summary>
/// Builds features of households as of a date from what was known on that date only. The builder indexes a
/// <see cref="DistrictData"/> once and, for every (household, date) asked, applies exactly the cut of
/// <see cref="DistrictData.Until"/>: crisis months that had ended (<see cref="DistrictData.IsCrisisKnown"/>), tips
/// received by the end of the day, visits made up to the day, and the registry version the household had then.
/// Training asks for thousands of different dates, so it cannot afford one <c>Until</c> copy per date; the tests
/// prove the two agree and that records dated after the date change nothing.
/// </summary>
public sealed class FeatureBuilder
{
    /// <summary>Notes longer than this (all recent tips of a household together) are cut: enough for n-grams.</summary>
    public const int MaxNoteChars = 4000;

    readonly DistrictData data;
    readonly DateOnly[] snapshotDates;
    readonly HouseholdRuns<Household> versions;
    readonly HouseholdRuns<CrisisRecord> crisis;
    readonly Dictionary<string, Tip[]> tips;
    readonly Dictionary<string, Outcome[]> outcomes;

    public FeatureBuilder(DistrictData data)
    {
        this.data = data;
        HouseholdRuns<Household>? byHousehold = null;
        HouseholdRuns<CrisisRecord>? crisisByHousehold = null;
        Dictionary<string, Tip[]>? tipsByHousehold = null;
        Dictionary<string, Outcome[]>? outcomesByHousehold = null;
        // The registry versions and crisis rows come ordered by household (the store's order): a household's rows are
        // found by binary search when asked for, without a table of every household's rows (a daily run asks for the
        // ~30,000 rankable households of 190,000). The tips and visits (a few per cent of the rows) are indexed. Built
        // side by side, with the households of the data's own day (what BuildAll asks for first; DistrictData keeps them).
        Parallel.Invoke(
            () => byHousehold = new HouseholdRuns<Household>(data.HouseholdVersions, v => v.HouseholdId),
            () => crisisByHousehold = new HouseholdRuns<CrisisRecord>(data.Crisis, c => c.HouseholdId),
            () =>
            {
                tipsByHousehold = data.Tips.Where(t => t.HouseholdId is not null).GroupBy(t => t.HouseholdId!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.ReceivedAt).ThenBy(t => t.TipId, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
                outcomesByHousehold = data.Outcomes.GroupBy(o => o.HouseholdId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.OrderBy(o => o.VisitedOn).ToArray(), StringComparer.Ordinal);
            },
            () => _ = data.Households);
        snapshotDates = data.HouseholdVersions.Select(v => v.SnapshotDate).Distinct().Order().ToArray();
        versions = byHousehold!;
        crisis = crisisByHousehold!;
        tips = tipsByHousehold!;
        outcomes = outcomesByHousehold!;
    }

    /// <summary>A household's versions in snapshot order (the store's; others sorted, stably, as they are asked for).</summary>
    ReadOnlySpan<Household> VersionsOf(string householdId)
    {
        var vs = versions.Of(householdId);
        for (var k = 1; k < vs.Length; k++)
            if (vs[k].SnapshotDate < vs[k - 1].SnapshotDate) return vs.ToArray().OrderBy(v => v.SnapshotDate).ToArray();
        return vs;
    }

    /// <summary>
    /// Features of every household living in the district on <paramref name="asOf"/> (not moved out), in household id
    /// order. The household list is Core's own resolution of <c>data.Until(asOf)</c>.
    /// </summary>
    public IReadOnlyList<HouseholdFeatures> BuildAll(DateOnly asOf, CancellationToken ct = default) => BuildAll(asOf, null, ct);

    /// <summary>
    /// <see cref="BuildAll(DateOnly, CancellationToken)"/> restricted to the households <paramref name="include"/> names
    /// (all when null): the same rows, in the same order, as filtering the full result.
    /// </summary>
    public IReadOnlyList<HouseholdFeatures> BuildAll(DateOnly asOf, IReadOnlySet<string>? include, CancellationToken ct = default)
    {
        Guard(asOf);
        var households = data.Until(asOf).Households;
        var picked = new List<Household>(include is null ? households.Count : Math.Min(households.Count, include.Count));
        foreach (var h in households)
            if (!h.MovedOut && include?.Contains(h.HouseholdId) != false) picked.Add(h);
        // Computed side by side in blocks: a household's features read only the indexes built by the constructor (never
        // changed after), so each row is what computing them one after another gives, in the same order.
        if (picked.Count == 0) return []; // none (nothing rankable, or only households moved out): the partitioner refuses an empty range
        var result = new HouseholdFeatures[picked.Count];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, picked.Count, 4096),
            new ParallelOptions { CancellationToken = ct },
            range => { for (var k = range.Item1; k < range.Item2; k++) result[k] = Compute(picked[k], asOf); });
        return result;
    }

    /// <summary>
    /// Features of one household as of <paramref name="asOf"/>, or null when it did not live in the district then
    /// (not yet moved in, or unknown). A household already moved out still gets features (a visit may have been made).
    /// </summary>
    public HouseholdFeatures? Build(string householdId, DateOnly asOf)
    {
        Guard(asOf);
        var h = Resolve(householdId, asOf);
        return h is null ? null : Compute(h, asOf);
    }

    void Guard(DateOnly asOf)
    {
        if (asOf > data.AsOf)
            throw new ArgumentOutOfRangeException(nameof(asOf), $"Features as of {asOf:yyyy-MM-dd} asked from data known only up to {data.AsOf:yyyy-MM-dd}.");
    }

    /// <summary>The registry version of a household on a date, by the same rules as <see cref="DistrictData.Households"/>.</summary>
    internal Household? Resolve(string householdId, DateOnly asOf)
    {
        var vs = VersionsOf(householdId);
        if (vs.IsEmpty) return null;
        var idx = Array.BinarySearch(snapshotDates, asOf);
        if (idx < 0) idx = ~idx - 1;
        DateOnly? newest = idx >= 0 ? snapshotDates[idx] : null;

        Household? atOrBefore = null;
        foreach (var v in vs) if (v.SnapshotDate <= asOf) atOrBefore = v; // sorted ascending: the last one is the newest
        if (atOrBefore is not null)
        {
            var movedOut = newest is { } s && atOrBefore.SnapshotDate < s;
            return atOrBefore.MovedOut == movedOut ? atOrBefore : atOrBefore with { MovedOut = movedOut };
        }
        var oldestAfter = vs[0];
        return oldestAfter.MovedIn > asOf ? null : oldestAfter.MovedOut ? oldestAfter with { MovedOut = false } : oldestAfter;
    }

    static bool InWindow(CrisisRecord c, DateOnly from, DateOnly asOf) => c.Month >= from && DistrictData.IsCrisisKnown(c, asOf);

    /// <summary>
    /// True when a row before <paramref name="j"/> in the window has row <paramref name="j"/>'s indicator (ordinal): the
    /// window's distinct indicators counted without a set per household and window (a household has a few rows a window).
    /// </summary>
    static bool IndicatorBefore(ReadOnlySpan<CrisisRecord> rows, int j, DateOnly from, DateOnly asOf)
    {
        var indicator = rows[j].Indicator;
        for (var k = 0; k < j; k++)
            if (string.Equals(rows[k].Indicator, indicator, StringComparison.Ordinal) && InWindow(rows[k], from, asOf)) return true;
        return false;
    }

    HouseholdFeatures Compute(Household h, DateOnly asOf)
    {
        var v = new float[FeatureSchema.Count];
        var i = 0;
        var age = h.AgeOn(asOf);

        // Household facts.
        v[i++] = age;
        v[i++] = h.HeadSex == Sex.M ? 1 : 0;
        v[i++] = h.Members == 1 ? 1 : 0;
        v[i++] = h.Members;
        v[i++] = h.ChildrenUnder2;
        v[i++] = h.SingleParent == true ? 1 : 0;
        v[i++] = h.Pregnant == true ? 1 : 0;
        v[i++] = h.Disability == true ? 1 : 0;
        v[i++] = h.Members == 1 && h.HeadSex == Sex.M && age is >= 50 and < 70 ? 1 : 0;
        v[i++] = h.Members == 1 && age >= 65 ? 1 : 0;
        foreach (var t in Vocabulary.HousingTypes) v[i++] = h.HousingType == t ? 1 : 0;
        foreach (var t in Vocabulary.Tenures) v[i++] = h.Tenure == t ? 1 : 0;
        v[i++] = Math.Max(0, asOf.DayNumber - h.MovedIn.DayNumber) / 365.25f;
        v[i++] = h.BasicLivelihood ? 1 : 0;

        // Crisis indicators: months whose figures were known on asOf, counted back from the latest known month.
        var latestKnown = RulesScore.LatestKnownMonth(asOf);
        var rows = crisis.Of(h.HouseholdId);
        foreach (var w in FeatureSchema.CrisisWindowsMonths)
        {
            var from = latestKnown.AddMonths(-(w - 1));
            int count = 0, distinct = 0, cutoffs = 0, unknown = 0;
            decimal longest = 0, fin = 0;
            for (var j = 0; j < rows.Length; j++)
            {
                var c = rows[j];
                if (!InWindow(c, from, asOf)) continue;
                count++;
                if (!IndicatorBefore(rows, j, from, asOf)) distinct++;
                if (!c.KnownCode) unknown++;
                if (CrisisIndicators.IsCutoff(c.Indicator)) cutoffs++;
                if (CrisisIndicators.IsArrears(c.Indicator)) longest = Math.Max(longest, c.Value);
                if (c.Indicator == CrisisIndicators.FinDelinquency) fin = Math.Max(fin, c.Value);
            }
            v[i++] = count;
            v[i++] = distinct;
            v[i++] = (float)longest;
            v[i++] = cutoffs;
            v[i++] = (float)fin;
            v[i++] = unknown;
        }
        var indicatorFrom = latestKnown.AddMonths(-(FeatureSchema.IndicatorWindowMonths - 1));
        foreach (var code in CrisisIndicators.Known)
        {
            decimal best = 0;
            var events = 0;
            foreach (var c in rows)
            {
                if (c.Indicator != code || c.Month < indicatorFrom || !DistrictData.IsCrisisKnown(c, asOf)) continue;
                best = Math.Max(best, c.Value);
                events++;
            }
            // Arrears: longest months; delinquency: largest amount; events: how many months had one.
            v[i++] = CrisisIndicators.IsArrears(code) || code == CrisisIndicators.FinDelinquency ? (float)best : events;
        }

        // Earlier visits (made up to asOf; a label's features are taken the day before its visit).
        var os = outcomes.TryGetValue(h.HouseholdId, out var oo) ? oo : [];
        DateOnly? answered = null; // the last completed (not 부재) visit: tips after it are unanswered
        foreach (var o in os)
        {
            if (o.VisitedOn > asOf) break;
            if (o.Result != VisitResult.Absent) answered = o.VisitedOn;
        }

        // Tips received by the end of asOf (newest first).
        var endOfDay = asOf.ToDateTime(TimeOnly.MaxValue);
        var ts = tips.TryGetValue(h.HouseholdId, out var tt) ? tt : [];
        int t30 = 0, t90 = 0, t365 = 0, officer = 0, hotline = 0, urgent = 0, unanswered = 0, unansweredUrgent = 0;
        var daysSince = FeatureSchema.Never;
        var daysSinceUnanswered = FeatureSchema.Never;
        float linkConfidence = 0;
        var reporters = new int[Vocabulary.ReporterTypes.Length];
        var categories = new int[Vocabulary.TipCategories.Length];
        var lexicon = new int[WarningSigns.All.Count];
        Span<bool> hits = stackalloc bool[WarningSigns.All.Count];
        var notes = new System.Text.StringBuilder();
        foreach (var t in ts)
        {
            if (t.ReceivedAt > endOfDay) continue;
            var age_ = asOf.DayNumber - DateOnly.FromDateTime(t.ReceivedAt).DayNumber;
            if (age_ >= 365) break; // sorted newest first
            if (daysSince == FeatureSchema.Never)
            {
                daysSince = age_;
                linkConfidence = (float)TipLink.Confidence(t);
            }
            if (answered is not { } a || DateOnly.FromDateTime(t.ReceivedAt) > a)
            {
                if (daysSinceUnanswered == FeatureSchema.Never) daysSinceUnanswered = age_;
                unanswered++;
                if (t.Urgent) unansweredUrgent++;
            }
            t365++;
            if (age_ < 90) t90++;
            if (age_ < 30) t30++;
            if (t.Urgent && age_ < 90) urgent++;
            if (t.Source == TipSource.Officer)
            {
                officer++;
                var ci = Vocabulary.TipCategories.IndexOf(t.Category!);
                if (ci >= 0) categories[ci]++;
            }
            else
            {
                hotline++;
                var ri = Vocabulary.ReporterTypes.IndexOf(t.SourceDetail);
                reporters[ri >= 0 ? ri : Vocabulary.ReporterTypes.Length - 1]++;
            }
            hits.Clear();
            WarningSigns.Match(t.Note, hits);
            for (var k = 0; k < hits.Length; k++) if (hits[k]) lexicon[k]++;
            if (notes.Length < MaxNoteChars)
            {
                if (notes.Length > 0) notes.Append(" | ");
                notes.Append(t.Note.AsSpan(0, Math.Min(t.Note.Length, MaxNoteChars - notes.Length)));
            }
        }
        v[i++] = t30;
        v[i++] = t90;
        v[i++] = t365;
        v[i++] = daysSince;
        v[i++] = officer;
        v[i++] = hotline;
        v[i++] = urgent;
        v[i++] = unanswered;
        v[i++] = daysSinceUnanswered;
        v[i++] = unansweredUrgent;
        v[i++] = linkConfidence;
        foreach (var r in reporters) v[i++] = r;
        foreach (var c in categories) v[i++] = c;
        foreach (var l in lexicon) v[i++] = l;

        int visits = 0, absent = 0, discovered = 0;
        Outcome? last = null;
        foreach (var o in os)
        {
            if (o.VisitedOn > asOf) break;
            visits++;
            last = o;
            if (o.Result == VisitResult.Absent && asOf.DayNumber - o.VisitedOn.DayNumber < 365) absent++;
            if (o.Result == VisitResult.Discovered) discovered = 1;
        }
        v[i++] = visits;
        v[i++] = last is null ? FeatureSchema.Never : asOf.DayNumber - last.VisitedOn.DayNumber;
        foreach (var r in FeatureSchema.Results) v[i++] = last?.Result == r ? 1 : 0;
        v[i++] = absent;
        v[i++] = discovered;

        if (i != v.Length) throw new InvalidOperationException($"Feature writer wrote {i} slots, schema has {v.Length}.");
        return new HouseholdFeatures(h.HouseholdId, h.Dong, asOf, h.HeadSex, age, h.Members, h.SingleParent == true,
            h.ChildrenUnder2, v, notes.ToString());
    }
}
