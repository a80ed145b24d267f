namespace BlindSpot.Core.Worklists;

/// <summary>The Korean words of a worklist: 위험점수, 위험등급 and 선정구분.</summary>
public static class RiskGrades
{
    public const string High = "높음", Medium = "중간", Low = "낮음";

    /// <summary>The version recorded on entries chosen without a model (rules score: distinct recent crisis indicators).</summary>
    public const string RulesVersion = "rules";

    /// <summary>위험점수: calibrated probability x 100, rounded half away from zero, clamped to 0..100.</summary>
    public static int Score(double probability) =>
        double.IsNaN(probability) ? 0 : (int)Math.Clamp(Math.Round(probability * 100, MidpointRounding.AwayFromZero), 0, 100);

    /// <summary>위험등급 of a 위험점수: 높음 from <see cref="WorklistOptions.HighRiskFrom"/>, 중간 from <see cref="WorklistOptions.MediumRiskFrom"/>.</summary>
    public static string Grade(int score, WorklistOptions options) =>
        score >= options.HighRiskFrom ? High : score >= options.MediumRiskFrom ? Medium : Low;

    /// <summary>위험등급 of a rules score (count of distinct recent crisis indicators), used only without a model.</summary>
    public static string RulesGrade(int indicatorCount, WorklistOptions options) =>
        indicatorCount >= options.RulesHighFrom ? High : indicatorCount >= options.RulesMediumFrom ? Medium : Low;

    /// <summary>선정구분 as the contract spells it.</summary>
    public static string Korean(Selection selection) => selection switch
    {
        Selection.UrgentTip => "긴급제보",
        Selection.Tip => "제보",
        Selection.Model => "모델",
        Selection.Exploration => "탐색",
        _ => throw new ArgumentOutOfRangeException(nameof(selection)),
    };
}
