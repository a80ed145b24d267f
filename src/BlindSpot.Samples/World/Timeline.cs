using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.World;

/// <summary>
/// The hidden truth: crisis episodes that start with a household's monthly hazard and last a few months
/// (log-normal, median 4 months). The hazard is scaled so that about <see cref="TargetPrevalence"/> of
/// households are in crisis at any moment.
/// </summary>
internal static class Timeline
{
    public const double TargetPrevalence = 0.045;
    const double MedianDays = 120, DurationSigma = 0.6;
    static readonly double MeanMonths = MedianDays * Math.Exp(DurationSigma * DurationSigma / 2) / 30.4;

    public static void Draw(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households)
    {
        var scale = Scale(households);
        foreach (var h in households)
        {
            var lambda = Math.Min(0.5, scale * h.Hazard);
            var p0 = lambda * MeanMonths / (1 + lambda * MeanMonths);
            DateOnly busyUntil = cal.SimStart;
            if (rng.Chance(p0))
            {
                var start = cal.SimStart.AddDays(-rng.Int(0, 150));
                var e = NewEpisode(rng, h, start, minEnd: cal.SimStart.AddDays(7));
                h.Episodes.Add(e);
                busyUntil = e.End;
            }
            for (var m = 0; m < cal.Months; m++)
            {
                var ms = cal.MonthStart(m);
                if (busyUntil > ms || !rng.Chance(lambda)) continue;
                var start = ms.AddDays(rng.Int(0, cal.MonthEnd(m).Day - 1));
                if (start > cal.AsOf) break;
                var e = NewEpisode(rng, h, start, minEnd: start.AddDays(14));
                h.Episodes.Add(e);
                busyUntil = e.End;
            }
        }
    }

    /// <summary>The factor that turns a household's relative hazard into a monthly onset chance (target prevalence).</summary>
    public static double Scale(IReadOnlyList<SimHousehold> households) =>
        TargetPrevalence / (MeanMonths * households.Average(h => h.Hazard));

    /// <summary>
    /// One day after the first draw: every household living here and out of crisis starts an episode with its
    /// monthly chance spread over the month's days (the same hazard as <see cref="Draw"/>). Returns how many started.
    /// </summary>
    public static int DrawDay(Rng rng, DateOnly day, IReadOnlyList<SimHousehold> households, double scale)
    {
        var started = 0;
        var days = DateTime.DaysInMonth(day.Year, day.Month);
        foreach (var h in households)
        {
            if (!h.LivesHereOn(day) || h.Episodes.Count > 0 && h.Episodes[^1].End > day) continue;
            if (!rng.Chance(Math.Min(0.5, scale * h.Hazard) / days)) continue;
            h.Episodes.Add(NewEpisode(rng, h, day, minEnd: day.AddDays(14)));
            started++;
        }
        return started;
    }

    static Episode NewEpisode(Rng rng, SimHousehold h, DateOnly start, DateOnly minEnd)
    {
        var days = (int)(MedianDays * rng.LogNormal(DurationSigma));
        var end = start.AddDays(Math.Max(days, 14));
        if (end < minEnd) end = minEnd;
        var kind = rng.Chance(0.7) ? h.Kind : (CrisisKind)rng.Int(0, 3);
        if (kind == CrisisKind.Family && !(h.Pregnant || h.ChildrenUnder2 > 0 || h.SingleParent || h.Members > 1)) kind = CrisisKind.Financial;
        var visible = rng.Chance(kind switch { CrisisKind.Financial => 0.7, CrisisKind.Isolation => 0.4, CrisisKind.Family => 0.35, _ => 0.5 });
        var where = h.Housing switch
        {
            Housing.Apartment => 1.2, // management offices got memo pads
            Housing.Jjokbang => 2.0,  // officers and the 쪽방 counselling centre walk these alleys
            Housing.Gosiwon => 0.6,
            Housing.Detached => 0.8,
            _ => 1.0,
        };
        var how = kind switch { CrisisKind.Isolation => 1.0, CrisisKind.Family => 1.2, CrisisKind.Financial => 0.7, _ => 0.8 };
        return new Episode(start, end, kind, visible, where * how * rng.LogNormal(0.8));
    }
}
