using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Worklists;
using BlindSpot.Csv.Output;
using BlindSpot.Web.Tests.Support;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace BlindSpot.Web.Tests.DongWork;

/// <summary>The dong's day: the list, its downloads, a visit result entered and seen on the planners' dashboard.</summary>
[Collection(WebCollection.Name)]
public sealed class WorklistTests(WebFixture web)
{
    static readonly string Day = WebFixture.ListDay.ToString("yyyy-MM-dd");
    static string Worklist(string ext = "", string dong = WebFixture.OwnDong) => $"/dongs/{WebFixture.DongPath(dong)}/worklist{ext}?date={Day}";

    async Task<IReadOnlyList<WorklistEntry>> StoredAsync(string dong = WebFixture.OwnDong) =>
        (await web.Store.LoadWorklistAsync(WebFixture.ListDay, default)).Where(e => e.Dong == dong).OrderBy(e => e.Rank).ToList();

    [Fact]
    public async Task ShowsTheListInItsStoredOrderWithReasonsAndAuditsTheView()
    {
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist());
        var stored = await StoredAsync();
        Assert.NotEmpty(stored);
        var shown = await page.Locator("tr[data-household]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.household)");
        Assert.Equal(stored.Select(e => e.HouseholdId), shown);
        var firstReasons = await page.Locator("tr[data-household] td:nth-child(8)").First.TextContentAsync();
        Assert.Equal(string.Join("; ", stored[0].Reasons), firstReasons);

        var views = await web.Store.ListAuditAsync(new AuditQuery(Username: "dorim1", Action: AuditActions.ViewWorklist), default);
        Assert.Contains(views, v => v.Detail == Day && v.Dong == WebFixture.OwnDong && v.HouseholdIds.SequenceEqual(stored.Select(e => e.HouseholdId)));
    }

    [Fact]
    public async Task EachTipBesideALineSaysHowItWasLinked()
    {
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist());
        var links = await page.Locator("tr[data-household] .tip-link").AllTextContentsAsync();
        Assert.NotEmpty(links);
        // Only linked tips stand beside a household: each says by what (주소, 주소+성명, 주소+인적사항 …), never 미연결.
        var linked = Enum.GetValues<MatchMethod>().Where(m => m != MatchMethod.None).Select(m => $"(연결: {MatchMethods.Korean(m)})").ToHashSet();
        Assert.All(links, l => Assert.Contains(l.Trim(), linked));
    }

    [Fact]
    public async Task PointsToTheLatestListWhenTheNextOneIsNotBuiltYet()
    {
        var page = await web.PageAsync("dorim1");
        // Signed in, staff land on the next business day's list, which the morning job has not built (the sample's is older).
        Assert.Equal(0, await page.Locator("tr[data-household]").CountAsync());
        await page.ClickAsync("#latest-list a");
        await page.Locator("tr[data-household]").First.WaitForAsync();
        Assert.EndsWith($"?date={Day}", page.Url, StringComparison.Ordinal);
        Assert.Equal((await StoredAsync()).Count, await page.Locator("tr[data-household]").CountAsync());
        Assert.Equal(0, await page.Locator("#latest-list").CountAsync());
    }

    [Fact]
    public async Task DownloadsTheContractFileByteForByteAndTheSameCellsAsExcel()
    {
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist());
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csv"));
        var csvPath = Path.Combine(web.OutDir, "downloaded.csv");
        await csv.SaveAsAsync(csvPath);
        var contractFile = WorklistCsvWriter.PathFor(web.OutDir, WebFixture.ListDay, WebFixture.OwnDong);
        Assert.Equal(await File.ReadAllBytesAsync(contractFile), await File.ReadAllBytesAsync(csvPath));
        Assert.Equal($"{WebFixture.OwnDong}_{Day}.csv", csv.SuggestedFilename);

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-xlsx"));
        var xlsxPath = Path.Combine(web.OutDir, "downloaded.xlsx");
        await xlsx.SaveAsAsync(xlsxPath);
        var sheet = MiniExcel.Query(xlsxPath, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
        Assert.Equal(WorklistRow.Headers, sheet[0]);
        var csvLines = (await File.ReadAllLinesAsync(csvPath)).Skip(1).ToList();
        Assert.Equal(csvLines.Count, sheet.Count - 1);
        var stored = await StoredAsync();
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(stored[i].Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), sheet[i + 1][0]);
            Assert.Equal(stored[i].HouseholdId, sheet[i + 1][1]);
        }
        var downloads = await web.Store.ListAuditAsync(new AuditQuery(Username: "dorim1", Action: AuditActions.DownloadWorklist), default);
        Assert.Contains(downloads, d => d.Detail == $"{Day} csv" && d.HouseholdIds.Count == stored.Count);
        Assert.Contains(downloads, d => d.Detail == $"{Day} xlsx");
    }

    [Fact]
    public async Task RefusesAResultTheOutcomesFeedWouldQuarantineWithTheSameReason()
    {
        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist());
        var row = page.Locator("tr[data-household]").Last;
        var household = await row.GetAttributeAsync("data-household");
        await row.Locator("input[name=visitedOn]").FillAsync("2027-01-05");
        await row.Locator("select[name=result]").SelectOptionAsync("발굴");
        await row.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("방문일", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        var outcomes = (await web.Store.LoadDistrictAsync(new DateOnly(2027, 12, 31), default)).Outcomes;
        Assert.DoesNotContain(outcomes, o => o.HouseholdId == household && o.VisitedOn.Year == 2027);
    }

    [Fact]
    public async Task AnEnteredDiscoveryIsStoredAsAnOutcomeAndMovesTheDongsTarget()
    {
        var data = await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default);
        var foundThisYear = data.Outcomes.Where(o => o.Result == VisitResult.Discovered && o.VisitedOn.Year == 2026).Select(o => o.HouseholdId).ToHashSet();
        var visitedOnDay = data.Outcomes.Where(o => o.VisitedOn == WebFixture.ListDay).Select(o => o.HouseholdId).ToHashSet();
        var target = (await StoredAsync()).First(e => !foundThisYear.Contains(e.HouseholdId) && !visitedOnDay.Contains(e.HouseholdId)).HouseholdId;

        var planner = await web.PageAsync("plan1");
        var before = await DiscoveriesAsync(planner);

        var page = await web.PageAsync("dorim1");
        await page.GotoAsync(Worklist());
        var row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("input[name=visitedOn]").FillAsync(Day);
        await row.Locator("select[name=result]").SelectOptionAsync("발굴");
        await row.Locator("input[name=services]").FillAsync("긴급지원;기초생활보장");
        await row.Locator("button[type=submit]").ClickAsync();
        Assert.Contains("방문 결과를 저장했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        Assert.Contains("발굴", await page.Locator($"tr[data-household='{target}'] .result").TextContentAsync() ?? "", StringComparison.Ordinal);

        // Stored exactly as an ingested outcome: an outcomes file in the ledger, the row in the outcomes table.
        var outcome = Assert.Single((await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes,
            o => o.HouseholdId == target && o.VisitedOn == WebFixture.ListDay);
        Assert.Equal((VisitResult.Discovered, "긴급지원;기초생활보장", "dorim1"), (outcome.Result, outcome.Services, outcome.WorkerId));
        var ledger = (await web.Store.ListFilesAsync(default)).Where(f => f.FileName.StartsWith("outcomes_web_", StringComparison.Ordinal)).ToList();
        Assert.Contains(ledger, f => f.Accepted == 1 && f.RowsRead == 1);
        Assert.Contains(await web.Store.ListAuditAsync(new AuditQuery(Action: AuditActions.OutcomeEntered), default),
            e => e.Username == "dorim1" && e.HouseholdIds.SequenceEqual([target]));

        var after = await DiscoveriesAsync(planner);
        Assert.Equal(before + 1, after);

        // The same visit again (a file or the form): a duplicate, never counted twice.
        var again = await page.APIRequest.GetAsync(Worklist());
        Assert.Equal(200, again.Status);
        Assert.Equal(0, await page.Locator($"tr[data-household='{target}'] form.result-form").CountAsync());
    }

    [Fact]
    public async Task AResultIsCorrectedWithAReasonKeepsTheReplacedOneAndMovesTheTarget()
    {
        var data = await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default);
        var foundThisYear = data.Outcomes.Where(o => o.Result == VisitResult.Discovered && o.VisitedOn.Year == 2026).Select(o => o.HouseholdId).ToHashSet();
        var visitedSince = data.Outcomes.Where(o => o.VisitedOn >= WebFixture.ListDay).Select(o => o.HouseholdId).ToHashSet();
        // The other dong's list: 도림동's lines belong to the entry tests.
        const string dong = WebFixture.OtherDong;
        var target = (await StoredAsync(dong)).First(e => !foundThisYear.Contains(e.HouseholdId) && !visitedSince.Contains(e.HouseholdId)).HouseholdId;
        var planner = await web.PageAsync("plan1");
        var before = await DiscoveriesAsync(planner, dong);

        var page = await web.PageAsync("daerim2");
        await page.GotoAsync(Worklist(dong: dong));
        var row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("input[name=visitedOn]").FillAsync(Day);
        await row.Locator("select[name=result]").SelectOptionAsync("부재");
        await row.Locator("form.result-form button[type=submit]").ClickAsync();
        await page.Locator(".message").WaitForAsync();
        Assert.Equal(before, await DiscoveriesAsync(planner, dong));

        // Without a reason the correction is refused and nothing changes.
        row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("details.correction summary").ClickAsync();
        await row.Locator("form.correction-form select[name=result]").SelectOptionAsync("발굴");
        await row.Locator("form.correction-form button[type=submit]").ClickAsync();
        Assert.Contains("정정 사유를 고르세요", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);

        // The refused form stays open with what was typed.
        row = page.Locator($"tr[data-household='{target}']");
        Assert.True(await row.Locator("details.correction").EvaluateAsync<bool>("d => d.open"));
        Assert.Equal("발굴", await row.Locator("form.correction-form select[name=result]").InputValueAsync());
        await row.Locator("form.correction-form input[name=services]").FillAsync("긴급지원");
        await row.Locator("form.correction-form select[name=reason]").SelectOptionAsync("revisit");
        await row.Locator("form.correction-form button[type=submit]").ClickAsync();
        Assert.Contains("방문 결과를 정정했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        Assert.Contains("발굴", await page.Locator($"tr[data-household='{target}'] .result").TextContentAsync() ?? "", StringComparison.Ordinal);

        // The correction went through the feed's rule: the new result stored, the replaced one in the history.
        var outcome = Assert.Single((await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes,
            o => o.HouseholdId == target && o.VisitedOn == WebFixture.ListDay);
        Assert.Equal((VisitResult.Discovered, "긴급지원", "daerim2"), (outcome.Result, outcome.Services, outcome.WorkerId));
        var revision = Assert.Single(await web.Store.ListOutcomeHistoryAsync(default), r => r.Replaced.HouseholdId == target);
        Assert.Equal(VisitResult.Absent, revision.Replaced.Result);
        var corrected = Assert.Single(await web.Store.ListAuditAsync(new AuditQuery(Action: AuditActions.OutcomeCorrected), default),
            e => e.HouseholdIds.SequenceEqual([target]));
        Assert.Equal(("daerim2", dong), (corrected.Username, corrected.Dong));
        Assert.Contains("부재 -> 발굴; 사유: 다시 방문해 확인한 결과가 다름", corrected.Detail, StringComparison.Ordinal);
        Assert.Equal(before + 1, await DiscoveriesAsync(planner, dong));

        // The same correction again: nothing to change.
        row = page.Locator($"tr[data-household='{target}']");
        Assert.Equal(0, await row.Locator("form.correction-form option[value='발굴']").CountAsync());
    }

    /// <summary>A dong's discoveries so far as the planners' target table shows them.</summary>
    static async Task<int> DiscoveriesAsync(IPage planner, string dong = WebFixture.OwnDong)
    {
        await planner.GotoAsync("/");
        var cells = await planner.Locator("#table-targets tbody tr").Filter(new() { HasText = dong }).First.Locator("td").AllTextContentsAsync();
        return int.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
