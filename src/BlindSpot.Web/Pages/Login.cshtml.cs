using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages;

public sealed class LoginModel(AccountService accounts, AuditLog audit) : PageModel
{
    /// <summary>What a failed sign-in of an unknown name is audited as: what was typed may be a password.</summary>
    public const string UnknownUser = "(알 수 없는 사용자)";

    [BindProperty(Name = "username")] public string Username { get; set; } = "";
    [BindProperty(Name = "password")] public string Password { get; set; } = "";
    [BindProperty(Name = "returnUrl", SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Home.For(User)) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await accounts.SignInAsync(Username, Password, ct);
        Password = "";
        if (result.Outcome != SignInOutcome.Succeeded)
        {
            await audit.WriteAsync(result.Account?.Username ?? UnknownUser, AuditActions.SignInFailed, result.Account?.Dong, null,
                result.Outcome switch { SignInOutcome.LockedOut => "locked out", SignInOutcome.Disabled => "disabled", _ => "wrong name or password" }, ct);
            Error = result.Outcome switch
            {
                SignInOutcome.LockedOut => $"로그인 실패가 {AccountService.MaxFailures}번 이어져 {AccountService.LockoutMinutes}분 동안 로그인할 수 없습니다.",
                SignInOutcome.Disabled => "사용이 중지된 계정입니다. 관리자에게 문의하세요.",
                _ => "사용자 이름 또는 비밀번호가 맞지 않습니다.",
            };
            // The form again with its error, as 200: a 401 without an authentication challenge made headless Chromium's
            // page events unreliable (the browser tests' sign-in hung now and then), and it means nothing to a person.
            return Page();
        }

        var account = result.Account!;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountClaims.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false });
        await audit.WriteAsync(account.Username, AuditActions.SignIn, account.Dong, null, null, ct);
        var home = account.Role == Role.Dong ? Home.ForDong(account.Dong!) : "/";
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : home);
    }
}
