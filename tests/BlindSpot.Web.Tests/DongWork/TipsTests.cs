using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BlindSpot.Web.Tests.DongWork;

/// <summary>The dong's unresolved tips (미해결 제보): confirm a candidate, reject one, link a household found by id.</summary>
[Collection(WebCollection.Name)]
public sealed class TipsTests(WebFixture web)
{
    static string Tips(bool all = true) => $"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/tips{(all ? "?all=true" : "")}";

    /// <summary>The dong's open tips with the candidates of the dong itself, as stored (the sample district's own tips).</summary>
    async Task<List<(Tip Tip, List<string> InDong)>> OpenAsync()
    {
        var households = (await web.Store.LoadIngestContextAsync(default)).Households;
        return (await web.Store.LoadOpenTipsAsync(WebFixture.OwnDong, default))
            .Select(t => (t, t.Candidates.Where(id => households.TryGetValue(id, out var h) && h.Dong == WebFixture.OwnDong).ToList()))
            .ToList();
    }

    static ILocator Row(IPage page, Tip tip) => page.Locator($"tr[data-tip='{tip.Source}:{tip.TipId}']");

    [Fact]
    public async Task DongStaffConfirmACandidateAndTheTipIsLinkedAndAudited()
    {
        var (tip, inDong) = (await OpenAsync()).First(o => o.InDong.Count > 0);
        var household = inDong[0];
        var page = await web.PageAsync("dorim1");
        Assert.Equal(200, (await page.GotoAsync(Tips()))!.Status);
        Assert.Contains("미해결 제보", await page.TextContentAsync("h1") ?? "", StringComparison.Ordinal);

        await Row(page, tip).Locator($".candidate[data-candidate='{household}'] button.confirm").ClickAsync();
        Assert.Contains($"세대 {household}에 연결했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await Row(page, tip).CountAsync());
        var linked = await web.Store.FindTipAsync(tip.Source, tip.TipId, default);
        Assert.Equal((household, MatchMethod.Confirmed, 1.0), (linked!.HouseholdId, linked.Match, linked.LinkConfidence));
        var entry = Assert.Single(await web.Store.ListAuditAsync(new AuditQuery(Action: AuditActions.TipConfirmed), default),
            e => e.Detail == $"제보 {tip.Source} {tip.TipId}");
        Assert.Equal(("dorim1", WebFixture.OwnDong, household), (entry.Username, entry.Dong, entry.HouseholdIds.Single()));
        // The view was audited with the dong's candidate households and no personal data.
        var views = await web.Store.ListAuditAsync(new AuditQuery(Username: "dorim1", Action: AuditActions.ViewTips), default);
        Assert.Contains(views, v => v.Dong == WebFixture.OwnDong && v.HouseholdIds.Contains(household) && v.Detail!.StartsWith("제보 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheWorklistPageSaysHowManyTipsReachNoHouseholdAndLinksToThem()
    {
        // An urgent tip of this morning whose address fits no household (a landmark): it is due whatever today is.
        var now = BlindSpot.Core.Time.Kst.Now(TimeProvider.System);
        var inbox = web.Folder("tips-today");
        await File.WriteAllTextAsync(Path.Combine(inbox, "tips_officer_today.csv"),
            "tip_id,received_at,officer_id,dong,address,category,urgent,note\n" +
            $"TODAY1,{now.AddHours(-1):yyyy-MM-dd HH:mm},OF9,{WebFixture.OwnDong},도림천 산책로 근처 편의점 옆 건물,고립,Y,며칠째 불이 꺼져 있음\n");
        var report = await web.Services.GetRequiredService<BlindSpot.Pipeline.Ingest.IngestService>().IngestInboxAsync(inbox, web.Folder("tips-today-q"), default);
        Assert.Equal(1, report.Files.Single().Ledger!.Accepted);
        var today = DateOnly.FromDateTime(now);
        var due = BlindSpot.Core.Worklists.TipToResolveRow.Due(await web.Store.LoadOpenTipsAsync(WebFixture.OwnDong, default), today,
            BlindSpot.Core.Worklists.WorklistOptions.Default.TipWindowDays, BlindSpot.Pipeline.Worklists.WorklistSettings.Default.TipsToResolveUrgentDays).ToList();
        Assert.Contains(due, t => t.TipId == "TODAY1");
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/worklist");
        var notice = await page.TextContentAsync("#open-tips") ?? "";
        Assert.Contains($"세대를 찾지 못한 제보가 {due.Count}건", notice, StringComparison.Ordinal);
        await page.ClickAsync("#open-tips a");
        await page.Locator("h1").Filter(new() { HasText = "미해결 제보" }).WaitForAsync();
    }

    [Fact]
    public async Task DongStaffRejectACandidateThatNeverComesBack()
    {
        var open = await OpenAsync();
        var (tip, inDong) = open.Where(o => o.InDong.Count > 0).Skip(1).First();
        var household = inDong[^1];
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Tips());

        await Row(page, tip).Locator($".candidate[data-candidate='{household}'] button.reject").ClickAsync();
        Assert.Contains("후보에서 뺐습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        var after = await web.Store.FindTipAsync(tip.Source, tip.TipId, default);
        Assert.Contains(household, after!.RejectedCandidates);
        Assert.DoesNotContain(household, after.Candidates);
        Assert.Null(after.HouseholdId);
        Assert.Contains(await web.Store.ListAuditAsync(new AuditQuery(Action: AuditActions.TipRejected), default),
            e => e.Username == "dorim1" && e.HouseholdIds.SequenceEqual([household]) && e.Detail == $"제보 {tip.Source} {tip.TipId}");
        Assert.Equal(0, await Row(page, tip).Locator($".candidate[data-candidate='{household}']").CountAsync());
    }

    [Fact]
    public async Task AHouseholdFoundByIdIsLinkedOnlyWhenItIsOfTheDong()
    {
        var open = await OpenAsync();
        // The last open tip: the other tests take the first ones that have candidates.
        var tip = open[^1].Tip;
        var context = await web.Store.LoadIngestContextAsync(default);
        var elsewhere = context.Households.Values.First(h => h.Dong == WebFixture.OtherDong).HouseholdId;
        var own = context.Households.Values.First(h => h.Dong == WebFixture.OwnDong && !tip.RejectedCandidates.Contains(h.HouseholdId)).HouseholdId;
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Tips());

        await Row(page, tip).Locator("form.find input[name=householdId]").FillAsync(elsewhere);
        await Row(page, tip).Locator("form.find button[type=submit]").ClickAsync();
        Assert.Contains("다른 동의 세대에는 연결할 수 없습니다", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        Assert.Null((await web.Store.FindTipAsync(tip.Source, tip.TipId, default))!.HouseholdId);

        await Row(page, tip).Locator("form.find input[name=householdId]").FillAsync(own);
        await Row(page, tip).Locator("form.find button[type=submit]").ClickAsync();
        Assert.Contains($"세대 {own}에 연결했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        Assert.Equal(own, (await web.Store.FindTipAsync(tip.Source, tip.TipId, default))!.HouseholdId);
    }

    [Fact]
    public async Task AShortViewWithOnlyOlderTipsSaysTheyAreThereInsteadOfThatNoneAre()
    {
        // The sample district's tips end on 2026-10-30: today none of 대림2동's open tips is recent or urgent enough for
        // the short view, so it shows no line, and it must not tell the clerk that nothing is left to resolve.
        var open = (await web.Store.LoadOpenTipsAsync(WebFixture.OtherDong, default)).Count;
        Assert.True(open > 0, "the sample district has open tips in 대림2동");
        var page = await web.PageAsync("daerim2");
        Assert.Equal(200, (await page.GotoAsync($"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/tips"))!.Status);
        Assert.Equal(0, await page.Locator("table#tips").CountAsync());
        var none = await page.TextContentAsync("#tips-none") ?? "";
        Assert.Contains($"그 밖의 미해결 제보 {open}건", none, StringComparison.Ordinal);
        Assert.DoesNotContain("미해결 제보가 없습니다", none, StringComparison.Ordinal);
    }
}
