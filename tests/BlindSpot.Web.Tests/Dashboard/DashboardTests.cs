using BlindSpot.Web.Tests.Support;

namespace BlindSpot.Web.Tests.Dashboard;

[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebFixture web)
{
    [Fact]
    public async Task DrawsTheTargetChartWithTheEighteenDongsBesideItsTableWithoutACspViolation()
    {
        var page = await web.PageAsync("plan1");
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart('chart-targets')");
        var labels = await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-targets').data.labels");
        Assert.Equal(Core.Contract.Dongs.All, labels);
        Assert.Equal(19, await page.Locator("#table-targets tbody tr").CountAsync()); // 18 dongs and the district
        var drawn = await page.EvaluateAsync<int>("() => document.getElementById('chart-targets').getBoundingClientRect().height");
        Assert.True(drawn > 100, $"the chart has a height ({drawn} px)");
        foreach (var id in new[] { "trend", "yields", "tips", "completion" })
            Assert.True(await page.EvaluateAsync<bool>($"() => !!Chart.getChart('chart-{id}')"), id);
        Assert.Empty(problems);
    }

    /// <summary>
    /// The planners' page as a screenshot (PNG) over the sample district; BLINDSPOT_SCREENSHOT=path also keeps a copy
    /// (that is how docs/img/dashboard.png is made).
    /// </summary>
    [Fact]
    public async Task TakesAScreenshotOfThePlannersPageWithKoreanText()
    {
        var page = await web.PageAsync("plan1");
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart('chart-targets')");
        var png = await page.ScreenshotAsync(new() { FullPage = false });
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.True(png.Length > 50_000, $"a page with charts and tables, not a blank one ({png.Length} bytes)");
        // Korean is drawn with a CJK font (fonts-noto-cjk), not as empty boxes.
        Assert.True(await page.EvaluateAsync<bool>("() => document.fonts.check('20px \"Noto Sans CJK KR\"', '영등포구')"), "the Noto CJK font is installed");
        if (Environment.GetEnvironmentVariable("BLINDSPOT_SCREENSHOT") is { Length: > 0 } keep) await File.WriteAllBytesAsync(keep, png);
    }

    [Fact]
    public async Task OffersEachTableAsCsvWithTheSameCells()
    {
        var page = await web.PageAsync("plan1");
        await page.GotoAsync("/");
        foreach (var id in Web.Dashboard.DashboardTables.Ids)
        {
            var r = await page.APIRequest.GetAsync($"/dashboard/{id}.csv");
            Assert.Equal(200, r.Status);
            var body = await r.BodyAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
            var lines = System.Text.Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var headers = await page.Locator($"#table-{id} thead th").AllTextContentsAsync();
            Assert.Equal(string.Join(",", headers), lines[0]);
            var rows = await page.Locator($"#table-{id} tbody tr").CountAsync();
            Assert.Equal(lines.Length - 1 == 0 ? 1 : lines.Length - 1, rows);
        }
        Assert.Equal(404, (await page.APIRequest.GetAsync("/dashboard/households.csv")).Status);
    }
}
