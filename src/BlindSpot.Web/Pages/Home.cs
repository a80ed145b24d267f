using System.Security.Claims;
using BlindSpot.Core.Accounts;
using BlindSpot.Web.Accounts;

namespace BlindSpot.Web.Pages;

/// <summary>Where each role starts: dong staff on their own worklist, everyone else on the dashboard.</summary>
internal static class Home
{
    public static string ForDong(string dong) => $"/dongs/{Uri.EscapeDataString(dong)}/worklist";

    public static string For(ClaimsPrincipal user) =>
        AccountClaims.RoleOf(user) == Role.Dong && AccountClaims.DongOf(user) is { } dong ? ForDong(dong) : "/";
}
