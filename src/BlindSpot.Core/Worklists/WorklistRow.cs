using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// One line of a dong's worklist file (contract §3.1), in column order. It carries the household's name,
/// address and phone: the dong's own worklist is the one file where personal data may appear.
/// </summary>
/// <param name="RiskScore">위험점수 0-100; null when the list was made by the rules fallback (no calibrated probability).</param>
public sealed record WorklistRow(
    int Rank,
    string HouseholdId,
    string Name,
    string Address,
    string? Phone,
    int? RiskScore,
    string RiskGrade,
    string Selection,
    string Reasons,
    DateOnly? LastTipDate,
    int TipCount)
{
    /// <summary>The Korean headers of contract §3.1, in order.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["순위", "세대ID", "성명", "주소", "연락처", "위험점수", "위험등급", "선정구분", "선정사유", "최근제보일", "제보건수"];

    /// <summary>The file line of a stored entry, with the contact details of its household.</summary>
    public static WorklistRow From(WorklistEntry entry, HouseholdContact household, WorklistOptions options)
    {
        var rules = entry.ModelVersion == RiskGrades.RulesVersion;
        int? score = rules ? null : RiskGrades.Score(entry.Score);
        var grade = rules ? RiskGrades.RulesGrade((int)entry.Score, options) : RiskGrades.Grade(score!.Value, options);
        return new WorklistRow(
            entry.Rank, entry.HouseholdId, household.HeadName, household.Address, household.Phone,
            score, grade, RiskGrades.Korean(entry.Selection), string.Join("; ", entry.Reasons),
            entry.LastTipAt is { } t ? DateOnly.FromDateTime(t) : null, entry.TipCount);
    }
}
