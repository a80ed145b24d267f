using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>A tip or hotline call of the simulation with everything its CSV row needs.</summary>
/// <param name="Household">The household it is truly about; -1 for a call about nobody in the registry.</param>
/// <param name="Signal">True when the household was truly in crisis that day.</param>
internal sealed record SimTip(
    TipSource Source,
    DateTime At,
    int Household,
    int Dong,
    bool Signal,
    string Address,
    bool DongGiven,
    string? SubjectName,
    string? Phone,
    bool GivesHouseholdId,
    string Category,
    string ReporterType,
    string OfficerId,
    bool? Urgent,
    string Note)
{
    public string Id { get; set; } = "";
}

/// <summary>
/// Tips follow the truth: a household in crisis is tipped about with a monthly chance that depends on how
/// visible its crisis is; fine households are tipped about too (noise). Officer tips (40%) are closer to the
/// registry; hotline calls (60%) spell addresses their own way and often leave the dong out.
/// </summary>
internal static class TipStream
{
    const double CrisisMonthly = 0.05, NoiseMonthly = 0.0022, OfficerShare = 0.4, UnregisteredShare = 0.08;

    public static List<SimTip> Draw(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households, int officersPerDong, Ids ids, double rate = 1)
    {
        var tips = new List<SimTip>();
        foreach (var h in households)
        {
            for (var m = 0; m < cal.Months; m++)
            {
                var from = cal.MonthStart(m);
                var to = cal.MonthEnd(m);
                if (!h.LivesHereDuring(from, to)) continue;
                Episode? e = null;
                foreach (var x in h.Episodes) if (x.Overlaps(from, to)) { e = x; break; }
                var lo = Max(from, h.MovedIn);
                var hi = Min(to, h.MovedOut?.AddDays(-1) ?? to);
                if (e is not null)
                {
                    var elo = Max(lo, e.Start);
                    var ehi = Min(hi, e.End.AddDays(-1));
                    if (elo <= ehi && rng.Chance(Math.Min(1, CrisisMonthly * rate * e.TipVisibility)))
                    {
                        Add(rng, cal, tips, h, RandomDay(rng, elo, ehi), e.Kind, signal: true, officersPerDong);
                        if (rng.Chance(0.12)) Add(rng, cal, tips, h, RandomDay(rng, elo, ehi), e.Kind, signal: true, officersPerDong);
                    }
                }
                var noise = Noise(h, to) * rate;
                if (rng.Chance(noise))
                {
                    var day = RandomDay(rng, lo, hi);
                    if (!h.InCrisisOn(day)) Add(rng, cal, tips, h, day, (CrisisKind)rng.Int(0, 3), signal: false, officersPerDong);
                }
            }
        }

        // Calls about people the registry does not have (unregistered 고시원 rooms, wrong building numbers).
        var hotline = tips.Count(t => t.Source == TipSource.Hotline);
        var unregistered = (int)Math.Round(hotline * UnregisteredShare);
        var span = cal.AsOf.DayNumber - cal.SimStart.DayNumber;
        for (var i = 0; i < unregistered; i++) tips.Add(Unregistered(rng, () => cal.SimStart.AddDays(rng.Int(0, span))));

        Sort(tips);
        ids.Assign(tips);
        return tips;
    }

    /// <summary>Officer ids count up per year, hotline ids per day; kept so that later days continue the numbering.</summary>
    internal sealed class Ids
    {
        readonly Dictionary<int, int> officerSeq = [];
        readonly Dictionary<DateOnly, int> callSeq = [];

        public void Assign(List<SimTip> sorted)
        {
            foreach (var t in sorted)
            {
                if (t.Source == TipSource.Officer)
                {
                    var n = officerSeq[t.At.Year] = officerSeq.GetValueOrDefault(t.At.Year) + 1;
                    t.Id = $"OT-{t.At.Year}-{n:D6}";
                }
                else
                {
                    var day = DateOnly.FromDateTime(t.At);
                    var n = callSeq[day] = callSeq.GetValueOrDefault(day) + 1;
                    t.Id = $"HL{day:yyyyMMdd}-{n:D3}";
                }
            }
        }
    }

    static void Sort(List<SimTip> tips) =>
        tips.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Household != b.Household ? a.Household.CompareTo(b.Household) : string.CompareOrdinal(a.Note, b.Note));

    /// <summary>
    /// One day after the first draw, at the same rates: each household's monthly chances spread over the month's
    /// days (a tipped crisis: <see cref="CrisisMonthly"/> x visibility, with a second tip 12% of the time; a fine
    /// household: the noise rate), plus calls about unregistered people at <see cref="UnregisteredShare"/> of the
    /// day's hotline calls. Weekends and holidays included: neighbours call on any day.
    /// </summary>
    public static List<SimTip> DrawDay(Rng rng, SimCalendar cal, DateOnly day, IReadOnlyList<SimHousehold> households, int officersPerDong, Ids ids, double rate = 1)
    {
        var tips = new List<SimTip>();
        var days = (double)DateTime.DaysInMonth(day.Year, day.Month);
        foreach (var h in households)
        {
            if (!h.LivesHereOn(day)) continue;
            if (h.EpisodeOn(day) is { } e)
            {
                if (rng.Chance(Math.Min(1, CrisisMonthly * rate * e.TipVisibility) * 1.12 / days))
                    Add(rng, cal, tips, h, day, e.Kind, signal: true, officersPerDong, pastOnly: false);
            }
            else if (rng.Chance(Noise(h, day) * rate / days))
                Add(rng, cal, tips, h, day, (CrisisKind)rng.Int(0, 3), signal: false, officersPerDong, pastOnly: false);
        }
        var expected = tips.Count(t => t.Source == TipSource.Hotline) * UnregisteredShare;
        var unregistered = (int)Math.Floor(expected) + (rng.Chance(expected - Math.Floor(expected)) ? 1 : 0);
        for (var i = 0; i < unregistered; i++) tips.Add(Unregistered(rng, () => day));
        Sort(tips);
        ids.Assign(tips);
        return tips;
    }

    static double Noise(SimHousehold h, DateOnly monthEnd) =>
        NoiseMonthly * (h.Housing switch { Housing.Jjokbang => 3, Housing.Apartment or Housing.Rowhouse => 1.3, _ => 1 })
        * (h.OnePerson && h.AgeOn(monthEnd) >= 65 ? 1.5 : 1);

    static SimTip Unregistered(Rng rng, Func<DateOnly> drawDay)
    {
        var dong = rng.Int(0, DongProfile.All.Count - 1);
        var profile = DongProfile.All[dong];
        var address = new Address(rng.Pick(profile.Roads), rng.Int(421, 499), 0, 0, rng.Int(1, 3) * 100 + rng.Int(1, 9) + "", 1);
        var day = drawDay();
        var signal = rng.Chance(0.4);
        var kind = (CrisisKind)rng.Int(0, 3);
        var note = TipNotes.Compose(rng, kind, signal, null, SubjectDescriptions.Draw(Rng.Derived(-1, day.DayNumber, address.Number * 1000 + dong), null, day));
        var dongGiven = rng.Chance(0.4);
        return new SimTip(TipSource.Hotline, At(rng, day), -1, dong, signal,
            AddressSpelling.Hotline(rng, address, dongGiven ? null : profile.Dong), dongGiven,
            rng.Chance(0.3) ? Names.Korean(rng, rng.Chance(0.6) ? Sex.M : Sex.F) : null, null, false, "", Reporter(rng, Housing.Rowhouse), "",
            Urgent(rng, signal, note), note);
    }

    static void Add(Rng rng, SimCalendar cal, List<SimTip> tips, SimHousehold h, DateOnly day, CrisisKind kind, bool signal, int officersPerDong,
        bool pastOnly = true)
    {
        if (pastOnly && day > cal.AsOf) return;
        var officer = rng.Chance(h.Housing == Housing.Jjokbang ? 0.7 : OfficerShare);
        // What the reporter says of the person, from a generator of its own (the rest of the world draws as before).
        var note = TipNotes.Compose(rng, kind, signal, h, SubjectDescriptions.Draw(Rng.Derived(h.Index, day.DayNumber, tips.Count), h, day));
        var dong = DongProfile.All[h.Dong].Dong;
        if (officer)
        {
            tips.Add(new SimTip(TipSource.Officer, At(rng, day), h.Index, h.Dong, signal, AddressSpelling.Officer(rng, h.Address), true,
                rng.Chance(0.7) ? h.HeadName : null, h.Phone is not null && rng.Chance(0.3) ? h.Phone : null, rng.Chance(0.15),
                TipNotes.Category(kind, signal, rng), "", $"OF-{h.Dong + 1:D2}-{rng.Int(1, officersPerDong):D3}", Urgent(rng, signal, note), note));
        }
        else
        {
            var dongGiven = rng.Chance(0.4);
            var name = rng.Weighted([(h.HeadName, 4.0), (h.HeadName[..1] + "씨", 1.0), ("", 5.0)]);
            tips.Add(new SimTip(TipSource.Hotline, At(rng, day), h.Index, h.Dong, signal, AddressSpelling.Hotline(rng, h.Address, dongGiven ? null : dong),
                dongGiven, name.Length > 0 ? name : null, null, false, "", Reporter(rng, h.Housing), "", Urgent(rng, signal, note), note));
        }
    }

    static bool? Urgent(Rng rng, bool signal, string note) =>
        rng.Chance(0.15) ? null : TipNotes.IsAlarming(note) ? rng.Chance(signal ? 0.7 : 0.4) : rng.Chance(signal ? 0.12 : 0.03);

    internal static string Reporter(Rng rng, string housing) => housing == Housing.Apartment
        ? rng.Weighted([("관리사무소", 35.0), ("이웃", 30.0), ("편의점", 8.0), ("약국", 7.0), ("부동산", 10.0), ("본인", 5.0), ("기타", 5.0)])
        : rng.Weighted([("이웃", 40.0), ("편의점", 15.0), ("약국", 10.0), ("부동산", 15.0), ("본인", 8.0), ("관리사무소", 2.0), ("기타", 10.0)]);

    static DateTime At(Rng rng, DateOnly day) =>
        day.ToDateTime(new TimeOnly(rng.Weighted([0, 0, 0, 0, 0, 0, 0, 1, 3, 5, 6, 6, 5, 5, 6, 6, 5, 4, 3, 2, 2, 1, 1, 0.5]), rng.Int(0, 59), rng.Int(0, 59)));

    static DateOnly RandomDay(Rng rng, DateOnly lo, DateOnly hi) => lo.AddDays(rng.Int(0, Math.Max(0, hi.DayNumber - lo.DayNumber)));
    static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
