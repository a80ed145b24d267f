using BlindSpot.Core.Contract;
using BlindSpot.Core.Metrics;
using BlindSpot.Core.Domain;
using BlindSpot.Samples.Measurement;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>The whole simulated district: households with their hidden truth, and what the upstream systems saw.</summary>
internal sealed class District
{
    public District(SampleOptions options)
    {
        Options = options;
        Calendar = new SimCalendar(options.AsOf);
        var rng = new Rng(options.Seed);
        Households = new PopulationBuilder(rng, options, Calendar.FirstSnapshot).Build();
        ById = new Dictionary<string, int>(Households.Count, StringComparer.Ordinal);
        foreach (var h in Households) ById[h.Id] = h.Index;
        Timeline.Draw(rng, Calendar, Households);
        Crisis = CrisisFeed.Draw(rng, Calendar, Households, out var crisisStates);
        CrisisStates = crisisStates;

        var perDong = new int[DongProfile.All.Count];
        foreach (var h in Households) if (h.LivesHereOn(options.AsOf)) perDong[h.Dong]++;
        HouseholdsPerDong = perDong;
        // 1,244 honorary officers for ~190,000 households (domain notes), scaled; visiting teams of a few workers.
        OfficersPerDong = Math.Max(3, (int)Math.Round(1244.0 / 18 * options.Households / 190_000));
        WorkersPerDong = perDong.Select(n => Math.Max(2, (int)Math.Round(n / 2000.0))).ToArray();
        DailyVisits = perDong.Select(n => Math.Max(2, (int)Math.Round(n / 2200.0))).ToArray();
        Tips = TipStream.Draw(rng, Calendar, Households, OfficersPerDong, TipIds, options.TipRate);
        Visits = PastVisits.Draw(rng, Calendar, Households, Tips, Crisis, WorkersPerDong, options.Households);
        Figures = Measure();
    }

    public SampleOptions Options { get; }
    public SimCalendar Calendar { get; }
    public List<SimHousehold> Households { get; }
    public Dictionary<string, int> ById { get; }
    public List<CrisisRow>[] Crisis { get; }
    /// <summary>Each household's arrears runs after the last drawn month (continued by <see cref="Continuation"/>).</summary>
    public CrisisFeed.State[] CrisisStates { get; }
    public int OfficersPerDong { get; }
    public TipStream.Ids TipIds { get; } = new();
    public List<SimTip> Tips { get; }
    public List<SimVisit> Visits { get; }
    public int[] HouseholdsPerDong { get; }
    public int[] WorkersPerDong { get; }
    public int[] DailyVisits { get; }
    public SampleFigures Figures { get; }

    /// <summary>Discoveries (distinct households with a 발굴 visit) per dong in a calendar year.</summary>
    public int[] DiscoveriesIn(int year)
    {
        var seen = new HashSet<int>();
        var perDong = new int[DongProfile.All.Count];
        foreach (var v in Visits)
            if (v.Day.Year == year && v.Result == VisitResult.Discovered && seen.Add(v.Household)) perDong[Households[v.Household].Dong]++;
        return perDong;
    }

    SampleFigures Measure()
    {
        var asOf = Calendar.AsOf;
        var living = Households.Where(h => h.LivesHereOn(asOf)).ToList();
        var truth = living.Select(h => h.InCrisisOn(asOf)).ToArray();

        // The rules score (Core.Contract.RulesScore): distinct indicators in the last 3 known months (what a list built on
        // as-of sees; the feed's last month is the latest known one).
        var codes = new HashSet<string>[Households.Count];
        for (var m = Calendar.LastFeedMonth - (RulesScore.Months - 1); m <= Calendar.LastFeedMonth; m++)
            foreach (var r in Crisis[m]) (codes[r.Household] ??= new HashSet<string>(StringComparer.Ordinal)).Add(r.Code);
        var rows = codes.Select(c => c?.Count ?? 0).ToArray();
        var tipCount = new int[Households.Count];
        var sixMonthsAgo = asOf.AddMonths(-6).ToDateTime(TimeOnly.MinValue);
        foreach (var t in Tips)
            if (t.Household >= 0 && t.At > sixMonthsAgo && DateOnly.FromDateTime(t.At) <= asOf) tipCount[t.Household]++;

        var monthly = new List<double>();
        for (var k = 1; k <= 12; k++)
        {
            var d = asOf.AddMonths(-k);
            var here = Households.Where(h => h.LivesHereOn(d)).ToList();
            monthly.Add(here.Count(h => h.InCrisisOn(d)) / (double)here.Count);
        }

        var inWindow = (DateOnly d) => d >= Calendar.WindowStart && d <= asOf;
        return new SampleFigures(
            HouseholdsAsOf: living.Count,
            HouseholdsEver: Households.Count,
            OnePersonShare: living.Count(h => h.OnePerson) / (double)living.Count,
            CrisisPrevalenceAsOf: truth.Count(t => t) / (double)truth.Length,
            CrisisPrevalenceMeanMonthly: monthly.Average(),
            CrisisRows: Enumerable.Range(Calendar.FirstFeedMonth, 12).Sum(m => Crisis[m].Count),
            OfficerTips: Tips.Count(t => t.Source == TipSource.Officer && inWindow(DateOnly.FromDateTime(t.At))),
            HotlineCalls: Tips.Count(t => t.Source == TipSource.Hotline && inWindow(DateOnly.FromDateTime(t.At))),
            Visits: Visits.Count(v => inWindow(v.Day)),
            Discoveries: Visits.Count(v => inWindow(v.Day) && v.Result == VisitResult.Discovered),
            DiscoveriesBaselineYear: DiscoveriesIn(Calendar.BaselineYear).Sum(),
            RulesAuc: RankQuality.Auc(living.Select(h => (double)rows[h.Index]).ToArray(), truth),
            TipsAuc: RankQuality.Auc(living.Select(h => (double)tipCount[h.Index]).ToArray(), truth),
            RulesOrTipsAuc: RankQuality.Auc(living.Select(h => rows[h.Index] + 3.0 * tipCount[h.Index]).ToArray(), truth));
    }
}
