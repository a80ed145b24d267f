namespace BlindSpot.Core.Domain;

/// <summary>A home-visit result (contract §2.5). Key: household + visit day.</summary>
public sealed record Outcome(string HouseholdId, DateOnly VisitedOn, VisitResult Result, string? Services, string WorkerId);

/// <summary>A visit result that a correction (정정) replaced: what it was, which file brought it and which file replaced it.</summary>
public sealed record OutcomeRevision(Outcome Replaced, string FileSha256, string ReplacedBySha256, DateTime ReplacedAt);
