using BlindSpot.Web.Tests.Support;
using BlindSpot.Web.Pages.Admin;

namespace BlindSpot.Web.Tests.Admin;

[Collection(WebCollection.Name)]
public sealed class AdminPagesTests(WebFixture web)
{
    [Fact]
    public async Task AdminsReadTheAuditLogFilteredByUserAndAction()
    {
        await web.PageAsync("dorim1"); // a sign-in and a view of the (empty) next list
        var page = await web.PageAsync("admin1");
        await page.GotoAsync("/admin/audit?username=dorim1&action=sign-in");
        var rows = await page.Locator("#audit tbody tr").AllTextContentsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("dorim1", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("로그인", r, StringComparison.Ordinal)); // the action in Korean, not its code
        Assert.All(rows, r => Assert.DoesNotContain("sign-in", r, StringComparison.Ordinal));
        Assert.Equal("로그인", await page.Locator("select[name=action] option:checked").TextContentAsync());
        Assert.Contains(rows, r => r.Contains("도림동", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryAuditedActionHasAKoreanLabel()
    {
        Assert.Equal(AuditModel.Actions.Order(StringComparer.Ordinal), AuditModel.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.All(AuditModel.Labels.Values, label => Assert.Matches(@"^[가-힣 ]+$", label));
    }

    [Fact]
    public async Task AdminsSeeTheAccountsAndTheJobLedgerAndNobodyElseDoes()
    {
        await web.Store.TryBeginJobRunAsync("worklists", "2026-11-02", default);
        var page = await web.PageAsync("admin1");
        await page.GotoAsync("/admin/users");
        var users = await page.TextContentAsync("table") ?? "";
        foreach (var u in new[] { "admin1", "analyst1", "dorim1", "plan1" }) Assert.Contains(u, users, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", await page.ContentAsync(), StringComparison.Ordinal); // no password hash on the page
        await page.GotoAsync("/admin/jobs");
        Assert.Contains("worklists", await page.TextContentAsync("table") ?? "", StringComparison.Ordinal);
        Assert.True(await page.Locator("tr.not-completed").CountAsync() >= 1);

        var planner = await web.PageAsync("plan1");
        foreach (var path in new[] { "/admin/users", "/admin/jobs", "/admin/audit" })
            Assert.Equal(403, (await planner.APIRequest.GetAsync(path)).Status);
    }
}
