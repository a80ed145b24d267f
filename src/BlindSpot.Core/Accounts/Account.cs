namespace BlindSpot.Core.Accounts;

/// <summary>The four roles of the web application (issue 12): what each may see is decided by the web host's policies.</summary>
public enum Role
{
    /// <summary>District planners: counts, targets, trends; no personal data.</summary>
    Planner,
    /// <summary>Dong center staff, bound to one dong: that dong's worklist, results and tips, with personal data.</summary>
    Dong,
    /// <summary>Analysts: models, cards, metrics and fairness tables; no personal data.</summary>
    Analyst,
    /// <summary>Administrators: accounts, jobs, the Hangfire dashboard and the audit log.</summary>
    Admin,
}

public static class Roles
{
    /// <summary>The role as written on the command line and stored: planner, dong, analyst, admin.</summary>
    public static string Name(Role role) => role.ToString().ToLowerInvariant();

    public static Role? Parse(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "planner" => Role.Planner,
        "dong" => Role.Dong,
        "analyst" => Role.Analyst,
        "admin" => Role.Admin,
        _ => null,
    };

    public static string Korean(Role role) => role switch
    {
        Role.Planner => "기획",
        Role.Dong => "동 주민센터",
        Role.Analyst => "분석",
        Role.Admin => "관리자",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>
/// A local account of the web application, kept in the same store as the district's data.
/// </summary>
/// <param name="Username">Sign-in name; unique, compared as stored (lower case by convention).</param>
/// <param name="Dong">The one dong a <see cref="Role.Dong"/> account is bound to; null for every other role.</param>
/// <param name="PasswordHash">ASP.NET Core PasswordHasher output (PBKDF2, salted); never the password itself.</param>
/// <param name="FailedSignIns">Failures since the last successful sign-in (lockout counter).</param>
/// <param name="LockedUntil">KST wall-clock time until which sign-in is refused; null when not locked.</param>
public sealed record Account(
    string Username,
    Role Role,
    string? Dong,
    string PasswordHash,
    bool Disabled,
    int FailedSignIns,
    DateTime? LockedUntil,
    DateTime CreatedAt);
