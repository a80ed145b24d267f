namespace BlindSpot.Core.Audit;

/// <summary>
/// One line of the append-only audit table: who did what, when, in which dong, to which households (ids only, never
/// names, phones, addresses or notes).
/// </summary>
/// <param name="At">KST wall-clock time.</param>
/// <param name="Username">The account, or the name typed at a failed sign-in.</param>
/// <param name="Action">What happened, one of <see cref="AuditActions"/>.</param>
/// <param name="Detail">Free text without personal data: a date, a file kind, a model version, a reason for a promotion.</param>
public sealed record AuditEntry(
    DateTime At,
    string Username,
    string Action,
    string? Dong,
    IReadOnlyList<string> HouseholdIds,
    string? Detail);

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string ViewWorklist = "view-worklist";
    public const string DownloadWorklist = "download-worklist";
    public const string ViewOutstanding = "view-outstanding";
    public const string ViewTips = "view-tips";
    public const string ViewQuarantine = "view-quarantine";
    /// <summary>Visit notes shown on the dong's list (the household ids whose notes were on the page).</summary>
    public const string ViewVisitNotes = "view-visit-notes";
    public const string OutcomeEntered = "outcome-entered";
    public const string OutcomeCorrected = "outcome-corrected";
    public const string TipConfirmed = "tip-confirmed";
    public const string TipRejected = "tip-rejected";
    public const string Promote = "model-promoted";
    public const string RollBack = "model-rolled-back";
    public const string AccountAdded = "account-added";
    public const string AccountDisabled = "account-disabled";
    public const string Forbidden = "forbidden";
}

/// <summary>Filters of the admin's audit page; null means any.</summary>
public sealed record AuditQuery(
    DateTime? From = null,
    DateTime? To = null,
    string? Username = null,
    string? Action = null,
    string? Dong = null,
    int Limit = 500);
