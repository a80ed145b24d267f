namespace BlindSpot.Model.Tests.Training;

public sealed class LabelBuilderTests
{
    [Fact]
    public void LabelsDiscoveredAsOneAndNotInCrisisAsZeroWithFeaturesOfTheDayBefore()
    {
        var d = new DateOnly(2026, 3, 10);
        var data = new DistrictData(new DateOnly(2026, 3, 31)) { HouseholdVersions = [Some.Household("A"), Some.Household("B"), Some.Household("C")], Tips = [Some.Tip("t", "A", d.ToDateTime(new TimeOnly(9, 0)))], Outcomes = [
                new Outcome("A", d, VisitResult.Discovered, null, "W"),
                new Outcome("B", d, VisitResult.NotInCrisis, null, "W"),
                new Outcome("C", d, VisitResult.Absent, null, "W"),
                new Outcome("C", d.AddDays(1), VisitResult.Refused, null, "W"),
                new Outcome("C", d.AddDays(2), VisitResult.AlreadySupported, null, "W"),
                new Outcome("X", d, VisitResult.Discovered, null, "W"), // unknown household
            ] };
        var examples = LabelBuilder.Build(data, new FeatureBuilder(data));
        Assert.Equal(2, examples.Count);
        var a = examples.Single(e => e.Features.HouseholdId == "A");
        Assert.True(a.Label);
        Assert.Equal(d.AddDays(-1), a.Features.AsOf);
        Assert.Equal(0, a.Features["tips_30d"]); // the tip of the visit day is not known the day before
        Assert.False(examples.Single(e => e.Features.HouseholdId == "B").Label);
    }
}
