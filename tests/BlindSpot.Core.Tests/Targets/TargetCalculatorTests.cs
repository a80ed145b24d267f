using BlindSpot.Core.Domain;
using BlindSpot.Core.Targets;

namespace BlindSpot.Core.Tests.Targets;

public sealed class TargetCalculatorTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(7, 8)]
    [InlineData(10, 11)]
    [InlineData(20, 22)]
    [InlineData(100, 110)]
    [InlineData(233, 257)]
    public void TargetIsTenPercentMoreRoundedUp(int baseline, int target) =>
        Assert.Equal(target, TargetCalculator.Target(baseline, 1.10m));

    [Fact]
    public void ShareOfTheYearCountsTheLeapDay()
    {
        var d = new Some(new DateOnly(2024, 2, 29));
        d.Baseline("문래동", 2023, 10);
        var leap = TargetCalculator.Compute(2024, new DateOnly(2024, 2, 29), d.Data(), TargetOptions.Default);
        Assert.Equal(60, leap.DaysElapsed);
        Assert.Equal(366, leap.DaysInYear);
        var dong = leap.Dongs.Single(x => x.Dong == "문래동");
        Assert.Equal(11, dong.Target);
        Assert.Equal(11m * (60m / 366), dong.ExpectedYtd);

        var common = TargetCalculator.Compute(2025, new DateOnly(2025, 3, 1), new Some(new DateOnly(2025, 3, 1)).Data(), TargetOptions.Default);
        Assert.Equal(60, common.DaysElapsed);
        Assert.Equal(365, common.DaysInYear);

        var end = TargetCalculator.Compute(2024, new DateOnly(2024, 12, 31), d.Data(), TargetOptions.Default);
        Assert.Equal(1m, end.ShareElapsed);
    }

    [Fact]
    public void ComputesPaceProjectionAndStatus()
    {
        var asOf = new DateOnly(2026, 7, 2); // day 183 of 365
        var d = new Some(asOf);
        d.Baseline("문래동", 2025, 20);   // target 22
        d.Baseline("도림동", 2025, 10);   // target 11
        for (var i = 0; i < 12; i++) { d.Household($"M{i}"); d.Visit($"M{i}", new DateOnly(2026, 3, 1).AddDays(i), VisitResult.Discovered); }
        d.Household("D1", dong: "도림동"); d.Visit("D1", new DateOnly(2026, 5, 1), VisitResult.Discovered);

        var report = TargetCalculator.Compute(2026, asOf, d.Data(), TargetOptions.Default);
        var m = report.Dongs.Single(x => x.Dong == "문래동");

        // Worked by hand (docs/targets.md): expected 22 x 183/365 = 11.0301, pace 12 / 11.0301 = 1.0879,
        // projection 12 x 365/183 = 23.9344.
        Assert.Equal(11.0301m, Math.Round(m.ExpectedYtd, 4));
        Assert.Equal(1.0879m, Math.Round(m.Pace!.Value, 4));
        Assert.Equal(23.9344m, Math.Round(m.Projected, 4));
        Assert.Equal(TargetStatus.OnTrack, m.Status); // pace 1.09
        Assert.Equal(TargetStatus.Behind, report.Dongs.Single(x => x.Dong == "도림동").Status);
        Assert.Equal(33, report.Total.Target);
        Assert.Equal(13, report.Total.DiscoveriesYtd);
    }

    [Fact]
    public void DongWithBaselineZeroDoesNotDivideByZero()
    {
        var asOf = new DateOnly(2026, 4, 1);
        var d = new Some(asOf);
        d.Baseline("문래동", 2025, 0);
        d.Household("H1", dong: "도림동");
        d.Visit("H1", new DateOnly(2026, 2, 1), VisitResult.Discovered);

        var report = TargetCalculator.Compute(2026, asOf, d.Data(), TargetOptions.Default);
        var zero = report.Dongs.Single(x => x.Dong == "문래동");
        var found = report.Dongs.Single(x => x.Dong == "도림동"); // no baseline row at all: 0

        Assert.Equal((0, 0m, (decimal?)null, TargetStatus.OnTrack), (zero.Target, zero.ExpectedYtd, zero.Pace, zero.Status));
        Assert.Null(found.BaselineYear);
        Assert.Equal(TargetStatus.Ahead, found.Status);
        Assert.Equal(4.0110m, Math.Round(found.Projected, 4)); // 1 discovery in 91 of 365 days: 365/91
    }

    [Fact]
    public void HouseholdCountsOnceAYearInTheDongOfItsFirstDiscovery()
    {
        var asOf = new DateOnly(2026, 6, 30);
        var d = new Some(asOf);
        d.Household("H1", dong: "문래동", snapshot: new DateOnly(2025, 12, 1));
        d.Household("H1", dong: "도림동", snapshot: new DateOnly(2026, 4, 1));
        d.Visit("H1", new DateOnly(2025, 12, 20), VisitResult.Discovered); // last year's
        d.Visit("H1", new DateOnly(2026, 2, 10), VisitResult.Discovered);
        d.Visit("H1", new DateOnly(2026, 5, 10), VisitResult.Discovered);
        d.Household("H2");
        d.Visit("H2", new DateOnly(2026, 3, 1), VisitResult.NotInCrisis);
        d.Visit("GHOST", new DateOnly(2026, 3, 1), VisitResult.Discovered);

        var report = TargetCalculator.Compute(2026, asOf, d.Data(), TargetOptions.Default);

        Assert.Equal(1, report.Dongs.Single(x => x.Dong == "문래동").DiscoveriesYtd);
        Assert.Equal(0, report.Dongs.Single(x => x.Dong == "도림동").DiscoveriesYtd);
        Assert.Equal(1, report.Total.DiscoveriesYtd);
        Assert.Equal(1, report.Unattributed);
    }

    [Fact]
    public void ADiscoveryBeforeTheHouseholdsFirstSnapshotCountsInTheDongOfItsOldestVersion()
    {
        var asOf = new DateOnly(2026, 6, 30);
        var d = new Some(asOf);
        d.Household("H1", dong: "여의동", snapshot: new DateOnly(2026, 4, 1));
        d.Household("H1", dong: "대림1동", snapshot: new DateOnly(2026, 5, 1));
        d.Visit("H1", new DateOnly(2026, 3, 5), VisitResult.Discovered);

        var report = TargetCalculator.Compute(2026, asOf, d.Data(), TargetOptions.Default);

        Assert.Equal(1, report.Dongs.Single(x => x.Dong == "여의동").DiscoveriesYtd);
        Assert.Equal(0, report.Dongs.Single(x => x.Dong == "대림1동").DiscoveriesYtd);
        Assert.Equal(0, report.Unattributed);
    }

    [Fact]
    public void IgnoresDiscoveriesAfterTheAsOfDayAndClampsPastYears()
    {
        var d = new Some(new DateOnly(2026, 12, 31));
        d.Household("H1");
        d.Visit("H1", new DateOnly(2026, 3, 2), VisitResult.Discovered);

        Assert.Equal(0, TargetCalculator.Compute(2026, new DateOnly(2026, 3, 1), d.Data(), TargetOptions.Default).Total.DiscoveriesYtd);
        Assert.Equal(new DateOnly(2025, 12, 31), TargetCalculator.ClampAsOf(2025, new DateOnly(2026, 3, 1)));
        Assert.Null(TargetCalculator.ClampAsOf(2027, new DateOnly(2026, 3, 1)));
    }

    [Theory]
    [InlineData("1.10", "ahead")]
    [InlineData("1.0999", "on_track")]
    [InlineData("0.90", "on_track")]
    [InlineData("0.8999", "behind")]
    public void StatusThresholdsAreElevenAndNineTenths(string pace, string status) =>
        Assert.Equal(status, TargetReport.StatusName(TargetCalculator.Status(decimal.Parse(pace, System.Globalization.CultureInfo.InvariantCulture), 1, TargetOptions.Default)));
}
