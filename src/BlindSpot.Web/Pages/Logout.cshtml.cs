using BlindSpot.Core.Audit;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages;

/// <summary>Sign-out is a POST with an antiforgery token (a link could sign anyone out from another site).</summary>
public sealed class LogoutModel(AuditLog audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await audit.WriteAsync(User, AuditActions.SignOut, AccountClaims.DongOf(User), null, null, ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
