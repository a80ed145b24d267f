namespace BlindSpot.Core.Scoring;

/// <summary>A household's calibrated risk as of a date, with its top reasons in plain Korean.</summary>
/// <param name="Probability">Calibrated probability of a 발굴 if visited, 0..1.</param>
/// <param name="Reasons">Korean phrases, most important first (e.g. "관리비 3개월 체납").</param>
public sealed record HouseholdScore(DateOnly AsOf, string HouseholdId, string Dong, string ModelVersion, double Probability, IReadOnlyList<string> Reasons);
