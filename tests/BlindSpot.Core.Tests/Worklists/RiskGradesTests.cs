using BlindSpot.Core.Domain;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Tests.Worklists;

public sealed class RiskGradesTests
{
    [Theory]
    [InlineData(0.0, 0, "낮음")]
    [InlineData(0.149, 15, "중간")]
    [InlineData(0.144, 14, "낮음")]
    [InlineData(0.395, 40, "높음")]
    [InlineData(0.39, 39, "중간")]
    [InlineData(1.0, 100, "높음")]
    public void ScoresAreProbabilityTimesHundredGradedAtFifteenAndForty(double p, int score, string grade)
    {
        Assert.Equal(score, RiskGrades.Score(p));
        Assert.Equal(grade, RiskGrades.Grade(score, WorklistOptions.Default));
    }

    [Fact]
    public void RowOfARulesEntryHasNoScoreAndARulesGrade()
    {
        var h = new HouseholdContact("H1", new DateOnly(2026, 1, 1), "이름", "주소", null);
        var entry = new WorklistEntry(new DateOnly(2026, 3, 11), "문래동", 1, "H1", Selection.Model, 3, RiskGrades.RulesVersion, ["a", "b"], 1, false,
            new DateTime(2026, 3, 9, 14, 0, 0), 2);

        var row = WorklistRow.From(entry, h, WorklistOptions.Default);

        Assert.Null(row.RiskScore);
        Assert.Equal("높음", row.RiskGrade);
        Assert.Equal("모델", row.Selection);
        Assert.Equal("a; b", row.Reasons);
        Assert.Equal(new DateOnly(2026, 3, 9), row.LastTipDate);
    }
}
