namespace BlindSpot.Core.Domain;

/// <summary>A home-visit result (contract §2.5). Key: household + visit day.</summary>
public sealed record Outcome(string HouseholdId, DateOnly VisitedOn, VisitResult Result, string? Services, string WorkerId);
