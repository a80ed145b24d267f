using BlindSpot.Web.Tests.Support;

namespace BlindSpot.Web.Tests.Dashboard;

[Collection(WebCollection.Name)]
public sealed class DashboardTests(WebFixture web)
{
    [Fact]
    public async Task SaysHowRecentTheVisitResultsAreAndFlagsResultsOverAWeekOld()
    {
        // Discoveries are counted from visit results: the sample district's end in 2026-10/11, weeks before today.
        var today = Core.Time.Kst.Today(TimeProvider.System);
        var last = (await web.Store.LoadDistrictAsync(today, default)).Outcomes.Where(o => o.VisitedOn <= today).Max(o => o.VisitedOn);
        var page = await web.PageAsync("plan1");
        await page.GotoAsync("/");
        var line = page.Locator("#last-result");
        var text = await line.TextContentAsync() ?? "";
        Assert.Contains($"방문 결과는 {last:yyyy-MM-dd}까지 들어와 있습니다.", text, StringComparison.Ordinal);
        var days = today.DayNumber - last.DayNumber;
        Assert.True(days > Pipeline.Dashboard.Dashboard.StaleResultDays, "the sample's results are older than a week");
        Assert.Contains($"최근 {days}일 동안 들어온 결과가 없어", text, StringComparison.Ordinal);
        Assert.Equal("notice", await line.GetAttributeAsync("class"));
    }

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

    /// <summary>
    /// Every table's download holds the page's cells, cell by cell (parsed as CSV, so a cell with a comma or a quote is
    /// compared whole): a planner who opens the file in a spreadsheet sees what the page showed.
    /// </summary>
    [Fact]
    public async Task OffersEachTableAsCsvWithTheSameCells()
    {
        var page = await web.PageAsync("plan1");
        await page.GotoAsync("/");
        var compared = 0;
        foreach (var id in Web.Dashboard.DashboardTables.Ids)
        {
            var r = await page.APIRequest.GetAsync($"/dashboard/{id}.csv");
            Assert.Equal(200, r.Status);
            var body = await r.BodyAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
            var records = ParseCsv(System.Text.Encoding.UTF8.GetString(body[3..]));
            var headers = await page.Locator($"#table-{id} thead th").AllTextContentsAsync();
            Assert.Equal(headers, records[0]);
            var shown = new List<string[]>();
            foreach (var row in await page.Locator($"#table-{id} tbody tr").AllAsync())
                shown.Add([.. await row.Locator("td").AllTextContentsAsync()]);
            // An empty table shows one row saying so ("해당 없음"); its download has the headers only.
            if (records.Count == 1)
            {
                Assert.Equal(["해당 없음"], Assert.Single(shown));
                continue;
            }
            Assert.Equal(records.Count - 1, shown.Count);
            // A cell without a value is blank in the file and "-" on the page (DashboardTables.Shown).
            for (var i = 0; i < shown.Count; i++) Assert.Equal(records[i + 1].Select(c => c.Length == 0 ? "-" : c), shown[i]);
            Assert.DoesNotContain(records, r => r.Any(c => c.StartsWith('\'')));
            compared += shown.Count;
        }
        Assert.True(compared > 19, $"the sample district's tables have rows to compare ({compared})");
        Assert.Equal(404, (await page.APIRequest.GetAsync("/dashboard/households.csv")).Status);
    }

    // RFC 4180 read by the BCL's own parser, not the writer's library.
    static List<string[]> ParseCsv(string text)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(text))
        {
            Delimiters = [","], HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false,
        };
        var records = new List<string[]>();
        while (parser.ReadFields() is { } fields) records.Add(fields);
        return records;
    }
}
