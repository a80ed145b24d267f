using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;
using BlindSpot.Samples.World;

namespace BlindSpot.Samples;

/// <summary>
/// The generated district held in memory as the rows a clean ingest would store (<see cref="DistrictData"/>), with its
/// hidden truth beside them: for tests that need a district with a planted signal without writing and ingesting files.
/// The same world as <see cref="DistrictGenerator"/> (same options, same households, tips, crisis rows and visits), but
/// no broken rows, no export quirks, and every tip linked to the household it is truly about (resolution at its best;
/// calls about nobody in the registry stay unlinked).
/// </summary>
public sealed class PlantedDistrict
{
    readonly District district;

    public PlantedDistrict(SampleOptions options)
    {
        var generator = new DistrictGenerator(options);
        Options = generator.Options;
        district = generator.World;
        Data = Rows(district);
        InCrisis = district.Households.Where(h => h.InCrisisOn(options.AsOf)).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
    }

    public SampleOptions Options { get; }

    /// <summary>Both registry snapshots, the 12 crisis months, the tips, calls and visits of the 12 months before as-of, and the configuration.</summary>
    public DistrictData Data { get; }

    /// <summary>The households living here and truly in crisis on as-of (the hidden truth).</summary>
    public IReadOnlySet<string> InCrisis { get; }

    /// <summary>Figures measured on the district against its hidden truth (the same as the generator's).</summary>
    public SampleFigures Figures => district.Figures;

    /// <summary>The hidden truth: was the household living here and in crisis on that day? False for unknown ids.</summary>
    public bool TruthOf(string householdId, DateOnly date) =>
        district.ById.TryGetValue(householdId, out var i) && district.Households[i].InCrisisOn(date);

    static DistrictData Rows(District d)
    {
        var cal = d.Calendar;
        var households = new List<Household>();
        foreach (var snapshot in new[] { cal.FirstSnapshot, cal.AsOf })
            foreach (var h in d.Households.Where(h => h.LivesHereOn(snapshot)).OrderBy(h => h.Id, StringComparer.Ordinal))
                households.Add(new Household(h.Id, DongProfile.All[h.Dong].Dong, h.Address.Registry(), h.HeadName, Phone(h.Phone), h.BirthYear,
                    h.Sex, h.Members, h.ChildrenUnder2, h.SingleParent, h.Pregnant, h.Disability, h.Housing, h.Tenure, h.MovedIn,
                    h.LivelihoodOn(snapshot), h.CaseManagedOn(snapshot), snapshot));

        var crisis = new List<CrisisRecord>();
        for (var m = cal.FirstFeedMonth; m <= cal.LastFeedMonth; m++)
            foreach (var r in d.Crisis[m])
                crisis.Add(new CrisisRecord(d.Households[r.Household].Id, cal.MonthStart(m), r.Code, r.Value, CrisisIndicators.KoreanNames.ContainsKey(r.Code)));

        bool InWindow(DateOnly day) => day >= cal.WindowStart && day <= cal.AsOf;
        var tips = d.Tips.Where(t => InWindow(DateOnly.FromDateTime(t.At))).Select(t =>
        {
            var about = t.Household >= 0 ? d.Households[t.Household].Id : null;
            var officer = t.Source == TipSource.Officer;
            var match = about is null ? MatchMethod.None : officer && t.GivesHouseholdId ? MatchMethod.HouseholdId : MatchMethod.Address;
            return new Tip(t.Source, t.Id, t.At, officer ? t.OfficerId : t.ReporterType, DongProfile.All[t.Dong].Dong, t.Address, t.SubjectName,
                officer ? Phone(t.Phone) : null, about, match, officer ? t.Category : null, t.Urgent == true, t.Note);
        }).ToList();

        var outcomes = d.Visits.Where(v => InWindow(v.Day))
            .Select(v => new Outcome(d.Households[v.Household].Id, v.Day, v.Result, v.Services, v.WorkerId)).ToList();

        var baseline = d.DiscoveriesIn(cal.BaselineYear);
        var capacity = DongProfile.All.Select((p, i) => new DongCapacity(p.Dong, d.DailyVisits[i])).ToList();
        var baselines = DongProfile.All.Select((p, i) => new TargetBaseline(p.Dong, cal.BaselineYear, baseline[i])).ToList();
        return new DistrictData(cal.AsOf)
        {
            HouseholdVersions = households, Crisis = crisis, Tips = tips, Outcomes = outcomes, Capacity = capacity, Baselines = baselines,
        };
    }

    static string? Phone(string? digits) => digits is null ? null : $"{digits[..3]}-{digits[3..7]}-{digits[7..]}";
}
