using BlindSpot.Core.Audit;
using BlindSpot.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace BlindSpot.Web.Tests.Accounts;

/// <summary>Who sees what, sign-in, sign-out, lockout, antiforgery and the security headers, in a real browser.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessTests(WebFixture web)
{
    static string Worklist(string dong, string ext = "") =>
        $"/dongs/{WebFixture.DongPath(dong)}/worklist{ext}?date={WebFixture.ListDay:yyyy-MM-dd}";

    [Fact]
    public async Task SignsInToTheOwnWorklistAndSignsOutAgain()
    {
        var page = await web.PageAsync("dorim1");
        Assert.EndsWith($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/worklist", page.Url, StringComparison.Ordinal);
        Assert.Contains("도림동 방문 목록", await page.TextContentAsync("h1") ?? "", StringComparison.Ordinal);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == Hosting.WebServiceCollectionExtensions.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.True(cookie.Expires is -1 or 0, "the sign-in cookie is a session cookie");

        await page.ClickAsync("#sign-out");
        // Commit, not a load event: after a form post that redirects, Playwright now and then missed the new
        // document's load events and waited out the whole timeout.
        await page.WaitForURLAsync("**/login", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("input[name=username]").WaitForAsync();
        var again = await page.GotoAsync(Worklist(WebFixture.OwnDong));
        Assert.Contains("/login?returnUrl=", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, again!.Status);
    }

    [Fact]
    public async Task RedirectsASignedOutRequestToTheLoginPage()
    {
        var page = await web.PageAsync();
        foreach (var path in new[] { "/", "/admin/audit", "/hangfire", Worklist(WebFixture.OwnDong, ".csv"), "/dashboard/targets.csv" })
        {
            var r = await page.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
            Assert.Equal(302, r.Status);
            Assert.Contains("/login?returnUrl=", r.Headers["location"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RefusesAWrongPasswordWithoutSayingWhichPartWasWrong()
    {
        var page = await web.PageAsync();
        await WebFixture.SignInAsync(page, "plan1", "not the password");
        Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);
        Assert.Contains("사용자 이름 또는 비밀번호가 맞지 않습니다", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        await WebFixture.SignInAsync(page, "nobody-here", "not the password");
        Assert.Contains("사용자 이름 또는 비밀번호가 맞지 않습니다", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);

        var failed = await web.Store.ListAuditAsync(new AuditQuery(Action: AuditActions.SignInFailed), default);
        Assert.Contains(failed, e => e.Username == "plan1");
        Assert.DoesNotContain(failed, e => e.Username.Contains("nobody", StringComparison.Ordinal)); // what was typed may be a password
    }

    [Fact]
    public async Task LocksAnAccountOutAfterFiveFailuresEvenForTheRightPassword()
    {
        var page = await web.PageAsync();
        for (var i = 0; i < 5; i++) await WebFixture.SignInAsync(page, "locked1", "wrong password " + i);
        await WebFixture.SignInAsync(page, "locked1", WebFixture.Password);
        Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);
        Assert.Contains("15분 동안 로그인할 수 없습니다", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        Assert.NotNull((await web.Store.FindAccountAsync("locked1", default))!.LockedUntil);
    }

    [Fact]
    public async Task DeniesADongAccountAnotherDongsListAndDownloads()
    {
        var page = await web.PageAsync("dorim1");
        Assert.Equal(200, (await page.GotoAsync(Worklist(WebFixture.OwnDong)))!.Status);
        var other = await page.GotoAsync(Worklist(WebFixture.OtherDong));
        Assert.Equal(403, other!.Status);
        Assert.Contains("접근 권한 없음", await page.TextContentAsync("h1") ?? "", StringComparison.Ordinal);
        foreach (var path in new[] { Worklist(WebFixture.OtherDong, ".csv"), Worklist(WebFixture.OtherDong, ".xlsx"), $"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/outstanding",
                     $"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/tips" })
            Assert.Equal(403, (await page.APIRequest.GetAsync(path)).Status);
        // Nor the dashboard's or the admins' pages (dong staff are sent to their own list from /).
        Assert.Equal(403, (await page.APIRequest.GetAsync("/admin/audit")).Status);
        Assert.Equal(403, (await page.APIRequest.GetAsync("/dashboard/targets.csv")).Status);

        var denied = await web.Store.ListAuditAsync(new AuditQuery(Username: "dorim1", Action: AuditActions.Forbidden), default);
        Assert.Contains(denied, e => e.Dong == WebFixture.OtherDong);
    }

    [Fact]
    public async Task ShowsAnalystsAndPlannersNoPersonalData()
    {
        // The dong's heads' names, from the store (a district carries no contact details).
        var district = await web.Store.LoadDistrictAsync(WebFixture.ListDay, default);
        var contacts = await web.Store.LoadContactsAsync(district.Households.Where(h => h.Dong == WebFixture.OwnDong).ToList(), default);
        var names = contacts.Values.Select(c => c.HeadName).Where(n => n.Length > 1).Take(200).ToList();
        Assert.NotEmpty(names);
        foreach (var user in new[] { "analyst1", "plan1", "admin1" })
        {
            var page = await web.PageAsync(user);
            foreach (var ext in new[] { "", ".csv", ".xlsx" })
                Assert.Equal(403, (await page.APIRequest.GetAsync(Worklist(WebFixture.OwnDong, ext))).Status);
            Assert.Equal(403, (await page.APIRequest.GetAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/outstanding")).Status);
            Assert.Equal(403, (await page.APIRequest.GetAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/tips")).Status);
            Assert.Equal(403, (await page.APIRequest.GetAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/quarantine")).Status);
            var dashboard = await page.GotoAsync("/");
            Assert.Equal(200, dashboard!.Status);
            var text = await page.ContentAsync();
            Assert.DoesNotContain(names, n => text.Contains(n, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OpensTheHangfireDashboardToAdminsOnly()
    {
        foreach (var user in new[] { "plan1", "analyst1", "dorim1" })
        {
            var page = await web.PageAsync(user);
            Assert.Equal(403, (await page.APIRequest.GetAsync("/hangfire")).Status);
            Assert.Equal(403, (await page.APIRequest.GetAsync("/hangfire/jobs/enqueued")).Status);
        }
        var admin = await web.PageAsync("admin1");
        var blocked = new List<string>();
        admin.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(m.Text); };
        var r = await admin.GotoAsync("/hangfire");
        Assert.Equal(200, r!.Status);
        Assert.Contains("BlindSpot 작업", await admin.TitleAsync(), StringComparison.Ordinal);
        // The dashboard's own policy: its inline styles allowed, scripts still only the application's own.
        var csp = (await r.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        await admin.GotoAsync("/hangfire/recurring");
        await admin.Locator("h1").First.WaitForAsync();
        Assert.Empty(blocked);
    }

    [Fact]
    public async Task RefusesFormsWithoutTheAntiforgeryToken()
    {
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist(WebFixture.OwnDong));
        var household = await page.GetAttributeAsync("tr[data-household]", "data-household");
        // The browser's own cookies, but no token in the form: refused, and nothing stored.
        var post = await page.APIRequest.PostAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/worklist?handler=Result", new()
        {
            Form = page.APIRequest.CreateFormData().Set("householdId", household!).Set("date", $"{WebFixture.ListDay:yyyy-MM-dd}")
                .Set("visitedOn", $"{WebFixture.ListDay:yyyy-MM-dd}").Set("result", "거부"),
        });
        Assert.Equal(400, post.Status);
        var logout = await page.APIRequest.PostAsync("/logout");
        Assert.Equal(400, logout.Status);
        var outcomes = (await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes;
        Assert.DoesNotContain(outcomes, o => o.HouseholdId == household && o.VisitedOn == WebFixture.ListDay && o.Result == Core.Domain.VisitResult.Refused);
    }

    [Fact]
    public async Task SetsEveryCookieHttpOnlyAndSameSiteStrict()
    {
        var page = await web.PageAsync();
        // The login page sets the antiforgery cookie and clears the message cookie (TempData, which names household ids).
        var r = await page.APIRequest.GetAsync("/login");
        var cookies = r.HeadersArray.Where(h => h.Name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        Assert.Contains(cookies, c => c.StartsWith("blindspot.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("blindspot.msg=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task EndsTheSessionThirtyMinutesAfterTheLastRequest()
    {
        var page = await web.PageAsync("plan1");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == Hosting.WebServiceCollectionExtensions.CookieName);
        // The ticket inside the cookie the real server issued, read with the server's own keys.
        var options = web.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie.Value);
        Assert.NotNull(ticket);
        Assert.Equal(TimeSpan.FromMinutes(30), ticket.Properties.ExpiresUtc - ticket.Properties.IssuedUtc);
        Assert.True(options.SlidingExpiration);
        Assert.False(ticket.Properties.IsPersistent); // a browser-session cookie: closing the browser ends it too
    }

    [Fact]
    public async Task SendsSecurityHeadersThatAllowOnlyTheApplicationsOwnScripts()
    {
        var page = await web.PageAsync();
        var r = await page.GotoAsync("/login");
        var h = await r!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", h["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", h["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", h["x-content-type-options"]);
        Assert.Equal("DENY", h["x-frame-options"]);
        Assert.Equal("no-store", h["cache-control"]);
        Assert.False(h.ContainsKey("server"));
    }
}
