using BlindSpot.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace BlindSpot.Web.Accounts;

/// <summary>
/// Who sees what (issue 12): dong staff see their own dong's households and nothing else with names; planners and
/// analysts see counts, rates and models only; admins run accounts, jobs and the audit log. Admins are not dong staff:
/// they see no household's personal data either (docs/web.md).
/// </summary>
public static class Policies
{
    /// <summary>Aggregates only: the planners' dashboard and its downloads.</summary>
    public const string Dashboard = "dashboard";
    /// <summary>Personal data of one dong: only a dong account bound to the {dong} of the route.</summary>
    public const string DongStaff = "dong-staff";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions o)
    {
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Dashboard, p => p.RequireRole(Roles.Name(Role.Planner), Roles.Name(Role.Analyst), Roles.Name(Role.Admin)));
        o.AddPolicy(DongStaff, p => p.RequireRole(Roles.Name(Role.Dong)).AddRequirements(new OwnDongRequirement()));
        o.AddPolicy(Analyst, p => p.RequireRole(Roles.Name(Role.Analyst), Roles.Name(Role.Admin)));
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Name(Role.Admin)));
    }
}

/// <summary>The {dong} route value must be the dong the account is bound to.</summary>
public sealed class OwnDongRequirement : IAuthorizationRequirement;

internal sealed class OwnDongHandler(IHttpContextAccessor http) : AuthorizationHandler<OwnDongRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnDongRequirement requirement)
    {
        var routeDong = http.HttpContext?.GetRouteValue("dong") as string;
        var own = AccountClaims.DongOf(context.User);
        if (routeDong is not null && own is not null && string.Equals(routeDong, own, StringComparison.Ordinal)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
