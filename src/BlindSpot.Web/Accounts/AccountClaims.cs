using System.Security.Claims;
using BlindSpot.Core.Accounts;

namespace BlindSpot.Web.Accounts;

/// <summary>The claims of a signed-in account: name, role and, for dong staff, the one dong they serve.</summary>
public static class AccountClaims
{
    public const string Dong = "blindspot:dong";

    public static ClaimsPrincipal Principal(Account a, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, a.Username), new(ClaimTypes.Role, Roles.Name(a.Role)) };
        if (a.Dong is { } dong) claims.Add(new Claim(Dong, dong));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static string? DongOf(ClaimsPrincipal user) => user.FindFirstValue(Dong);

    public static Role? RoleOf(ClaimsPrincipal user) => Roles.Parse(user.FindFirstValue(ClaimTypes.Role));

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
