namespace BlindSpot.Core.Domain;

/// <summary>
/// A note dong staff typed beside a visit result on the web (결과 입력 or 정정). Personal data about the household,
/// kept beside the outcome in its own table: the contract's outcomes file has no note column, so a note never comes
/// from a file and never goes to one (docs/web.md). Shown only to the dong that wrote it.
/// </summary>
/// <param name="Dong">The dong of the account that wrote it: only that dong's staff read it.</param>
/// <param name="WrittenAt">KST wall-clock time.</param>
/// <param name="Correction">True when it came with a correction (정정) of the result.</param>
public sealed record VisitNote(string HouseholdId, DateOnly VisitedOn, string Dong, string Text, string WrittenBy, DateTime WrittenAt, bool Correction);
