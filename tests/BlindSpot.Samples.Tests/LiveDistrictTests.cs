using BlindSpot.Core.Domain;
using BlindSpot.Samples.Tests.Support;

namespace BlindSpot.Samples.Tests;

/// <summary>
/// The district continued day by day after as-of (Friday 2026-10-30) through Monday 2026-11-09: one continued district
/// of 30,000 households shared by the tests (large enough for tips on every day), read back from the files it writes.
/// </summary>
public sealed class LiveDistrictTests(LiveDistrictTests.Continued world) : IClassFixture<LiveDistrictTests.Continued>
{
    public sealed class Continued : IDisposable
    {
        public static readonly DateOnly Last = new(2026, 11, 9);

        public Continued()
        {
            Generator = new DistrictGenerator(SampleInbox.Options with { Households = 30_000 });
            District = Generator.Continue();
            District.AdvanceTo(Last);
            View = District.NewView("test");
            Inbox = Path.Combine(Path.GetTempPath(), "blindspot-live-" + Guid.NewGuid().ToString("N"));
            Written = View.WriteDays(SampleInbox.Options.AsOf, Last, Inbox);
        }

        public DistrictGenerator Generator { get; }
        public LiveDistrict District { get; }
        public DistrictView View { get; }
        public string Inbox { get; }
        public IReadOnlyList<string> Written { get; }

        public IEnumerable<DateOnly> Days()
        {
            for (var d = SampleInbox.Options.AsOf.AddDays(1); d <= Last; d = d.AddDays(1)) yield return d;
        }

        public void Dispose() => Directory.Delete(Inbox, true);
    }

    [Fact]
    public void TipsArriveEveryDayWeekendsIncludedAsDailyFiles()
    {
        foreach (var d in world.Days())
        {
            Assert.True(world.District.EventsOn(d).Tips > 0, $"no tip drawn on {d:yyyy-MM-dd} ({d.DayOfWeek})");
            var files = world.Written.Where(n => n.EndsWith($"_{d:yyyyMMdd}.csv", StringComparison.Ordinal) && n.StartsWith("tips_", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(files);
            var rows = files.Sum(f => CsvText.Read(Path.Combine(world.Inbox, f)).Records.Count);
            Assert.Equal(world.District.TipsOn(d).Count, rows);
        }
        Assert.Contains(world.Days(), d => d.DayOfWeek == DayOfWeek.Saturday);
        Assert.Contains(world.Days(), d => d.DayOfWeek == DayOfWeek.Sunday);
    }

    [Fact]
    public void TipsNameTheirTrueHouseholdMostAreAboutHouseholdsNotInCrisisAndSomeAreUrgent()
    {
        var tips = world.Days().SelectMany(d => world.District.TipsOn(d)).ToList();
        Assert.All(tips.Where(t => t.HouseholdId is not null), t => Assert.Equal(t.HouseholdId, world.District.TrueHouseholdOfTip(t.TipId)));
        Assert.Contains(tips, t => t.Urgent);
        Assert.Contains(tips, t => t.HouseholdId is null);
        var officer = tips.Where(t => t.Source == TipSource.Officer).Select(t => t.TipId).ToList();
        Assert.Equal(officer.Count, officer.Distinct().Count());
        Assert.All(tips.Where(t => t.Source == TipSource.Hotline), t => Assert.StartsWith($"HL{t.ReceivedAt:yyyyMMdd}-", t.TipId));
        // A tip is a strong signal, but most tipped households are fine (the first inbox has the same mix).
        var about = tips.Where(t => t.HouseholdId is not null).ToList();
        Assert.InRange(about.Count(t => !t.InCrisis) / (double)about.Count, 0.35, 0.8);
    }

    [Fact]
    public void CrisesStartAndEndAndPeopleMoveInAndOut()
    {
        var events = world.Days().Select(world.District.EventsOn).ToList();
        Assert.True(events.Sum(e => e.Onsets) > 0);
        Assert.True(events.Sum(e => e.Endings) > 0);
        Assert.True(events.Sum(e => e.MovedOut) > 0);
        Assert.Equal(events.Sum(e => e.MovedOut), events.Sum(e => e.MovedIn));
    }

    [Fact]
    public void AMonthEndBringsTheMonthsCrisisFeedAndARegistrySnapshotWithTheMoves()
    {
        Assert.Contains("crisis_202610.csv", world.Written);
        Assert.Contains("households_20261031.csv", world.Written);
        Assert.NotNull(world.District.EventsOn(new DateOnly(2026, 10, 31)).CrisisRows);
        Assert.Null(world.District.EventsOn(new DateOnly(2026, 11, 2)).CrisisRows);

        var snapshot = CsvText.Read(Path.Combine(world.Inbox, "households_20261031.csv"));
        var id = snapshot.Column("household_id", "세대ID");
        var ids = snapshot.Records.Select(r => r[id]).ToHashSet(StringComparer.Ordinal);
        var (living, _) = world.District.CountOn(new DateOnly(2026, 10, 31));
        Assert.Equal(living, ids.Count);
        // Newcomers (ids after the first draw's) are in it; the first snapshot of as-of had none of them.
        var firstDraw = world.Generator.Figures.HouseholdsEver;
        Assert.Contains(ids, i => int.Parse(i[4..]) > 1_000_000 + firstDraw);
    }

    [Fact]
    public void VisitOutcomesFollowTheTruthAndADiscoveryEndsTheCrisisInThatViewOnly()
    {
        var day = Continued.Last;
        var ids = world.Generator.HouseholdIds;
        var inCrisis = ids.Where(i => world.District.TruthOf(i, day)).Take(60).ToList();
        var fine = ids.Where(i => !world.District.TruthOf(i, day)).Take(60).ToList();
        Assert.NotEmpty(inCrisis);

        var view = world.District.NewView("visits");
        var other = world.District.NewView("other");
        var crisisResults = inCrisis.Select(i => view.Visit(i, day)).ToList();
        var fineResults = fine.Select(i => view.Visit(i, day)).ToList();
        Assert.All(crisisResults, r => Assert.True(r.InCrisis && r.Result is VisitResult.Discovered or VisitResult.Absent or VisitResult.Refused));
        Assert.All(fineResults, r => Assert.True(!r.InCrisis && r.Result is VisitResult.NotInCrisis or VisitResult.Absent or VisitResult.Refused));
        Assert.True(crisisResults.Count(r => r.Result == VisitResult.Discovered) > inCrisis.Count / 2);

        // Same household, same day, same result in another view (common random numbers).
        Assert.Equal(crisisResults.Select(r => r.Result), inCrisis.Select(i => other.Visit(i, day).Result));

        var found = inCrisis.Where((_, k) => crisisResults[k].Result == VisitResult.Discovered).ToList();
        var later = day.AddDays(43);
        Assert.All(found, i => Assert.False(view.TruthOf(i, later)));
        Assert.All(found, i => Assert.Equal(world.District.TruthOf(i, later), world.District.NewView("untouched").TruthOf(i, later)));
    }

    [Fact]
    public void SameSeedSameDaysSameFiles()
    {
        var again = new DistrictGenerator(SampleInbox.Options with { Households = 30_000 }).Continue();
        again.AdvanceTo(Continued.Last);
        var dir = Path.Combine(Path.GetTempPath(), "blindspot-live-" + Guid.NewGuid().ToString("N"));
        try
        {
            var names = again.NewView("again").WriteDays(SampleInbox.Options.AsOf, Continued.Last, dir);
            Assert.Equal(world.Written, names);
            foreach (var n in names) Assert.Equal(File.ReadAllBytes(Path.Combine(world.Inbox, n)), File.ReadAllBytes(Path.Combine(dir, n)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
