using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Web.Tests.Support;
using Microsoft.Playwright;

namespace BlindSpot.Web.Tests.DongWork;

/// <summary>
/// A note typed beside a visit result: stored beside the outcome, shown to the dong that wrote it (audited), and to no
/// one else: not another dong, not analysts, planners or admins, not the downloads, the audit log or the log file.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class VisitNoteTests(WebFixture web)
{
    const string Dong = WebFixture.NoteDong;
    static readonly string Day = WebFixture.ListDay.ToString("yyyy-MM-dd");
    static string Worklist(string ext = "") => $"/dongs/{WebFixture.DongPath(Dong)}/worklist{ext}?date={Day}";

    [Fact]
    public async Task ANoteEnteredAndCorrectedIsShownToItsDongOnlyAndEveryReadingIsAudited()
    {
        // Words no other part of the sample holds, so finding them anywhere else is a leak.
        const string note = "현관에 독촉장 여러 장.\n이웃(302호) 말로는 한 달째 불이 꺼져 있음";
        const string correctionNote = "재방문해 본인 만남: 단전 예고장 확인, 긴급지원 상담";
        var target = await UnvisitedAsync();

        var page = await web.PageAsync("singil1");
        await page.GotoAsync(Worklist());
        var row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("input[name=visitedOn]").FillAsync(Day);
        await row.Locator("select[name=result]").SelectOptionAsync("부재");
        await row.Locator("form.result-form textarea[name=note]").FillAsync(note);
        await row.Locator("form.result-form button[type=submit]").ClickAsync();
        Assert.Contains("방문 결과를 저장했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        Assert.Equal(note, await page.Locator($"tr[data-household='{target}'] .visit-note .note-text").TextContentAsync());

        // A correction carries its own note; the first one stays beside it.
        row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("details.correction summary").ClickAsync();
        await row.Locator("form.correction-form select[name=result]").SelectOptionAsync("발굴");
        await row.Locator("form.correction-form select[name=reason]").SelectOptionAsync("revisit");
        await row.Locator("form.correction-form textarea[name=note]").FillAsync(correctionNote);
        await row.Locator("form.correction-form button[type=submit]").ClickAsync();
        Assert.Contains("방문 결과를 정정했습니다", await page.TextContentAsync(".message") ?? "", StringComparison.Ordinal);
        var shown = await page.Locator($"tr[data-household='{target}'] .visit-note").AllTextContentsAsync();
        Assert.Equal(2, shown.Count);
        Assert.Contains(note, shown[0], StringComparison.Ordinal);
        Assert.Contains("메모 (정정) · singil1", shown[1], StringComparison.Ordinal);
        Assert.Contains(correctionNote, shown[1], StringComparison.Ordinal);

        // Stored beside the outcome, which is stored exactly as before (the contract's columns, nothing more).
        var outcome = Assert.Single((await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes,
            o => o.HouseholdId == target && o.VisitedOn == WebFixture.ListDay);
        Assert.Equal(VisitResult.Discovered, outcome.Result);
        Assert.Equal([note, correctionNote], (await web.Store.LoadVisitNotesAsync(Dong, [target], default)).Select(n => n.Text));

        // The readings are audited by household id; the audit says a note came with the result, never what it says.
        var reads = await web.Store.ListAuditAsync(new AuditQuery(Username: "singil1", Action: AuditActions.ViewVisitNotes), default);
        Assert.Contains(reads, e => e.Dong == Dong && e.HouseholdIds.SequenceEqual([target]) && e.Detail == Day);
        var written = (await web.Store.ListAuditAsync(new AuditQuery(Username: "singil1"), default))
            .Where(e => e.Action is AuditActions.OutcomeEntered or AuditActions.OutcomeCorrected).ToList();
        Assert.Equal(2, written.Count);
        Assert.All(written, e => Assert.Contains("메모 있음", e.Detail, StringComparison.Ordinal));

        // Another dong: 403 on the page and the downloads, and its own list shows no note of this dong.
        var other = await web.PageAsync("daerim2");
        Assert.Equal(403, (await other.APIRequest.GetAsync(Worklist())).Status);
        Assert.Equal(403, (await other.APIRequest.GetAsync(Worklist(".csv"))).Status);
        Assert.Equal(403, (await other.APIRequest.PostAsync(Worklist() + "&handler=Result")).Status);
        await other.GotoAsync($"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/worklist?date={Day}");
        await AssertNowhereAsync(other, note, correctionNote);

        // Analysts, planners and admins: no dong page at all, and no note on any page or download they reach.
        foreach (var user in new[] { "analyst1", "plan1", "admin1" })
        {
            var p = await web.PageAsync(user);
            Assert.Equal(403, (await p.APIRequest.GetAsync(Worklist())).Status);
            foreach (var path in new[] { "/", "/models", "/admin/audit", "/admin/jobs" })
            {
                var r = await p.APIRequest.GetAsync(path);
                if (r.Ok) await AssertNotInAsync(r, path, note, correctionNote);
            }
            await p.GotoAsync("/");
            foreach (var csv in await p.Locator("a[href$='.csv']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                await AssertNotInAsync(await p.APIRequest.GetAsync(csv), csv, note, correctionNote);
        }

        // The dong's own downloads are the contract file and its Excel twin: no note column, no note.
        foreach (var ext in new[] { ".csv", ".xlsx" })
        {
            var r = await page.APIRequest.GetAsync(Worklist(ext));
            Assert.Equal(200, r.Status);
            await AssertNotInAsync(r, ext, note, correctionNote);
            if (ext == ".xlsx") Assert.DoesNotContain("독촉장", UnzippedText(await r.BodyAsync()), StringComparison.Ordinal);
        }

        // The log file (the production set-up) names the household and says a note came, never its words.
        var log = string.Join('\n', Directory.EnumerateFiles(web.LogDir).Select(ReadShared));
        Assert.Contains(target, log, StringComparison.Ordinal);
        Assert.DoesNotContain("독촉장", log, StringComparison.Ordinal);
        Assert.DoesNotContain("단전 예고장", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedNoteStoresNothingAndKeepsWhatWasTypedInTheForm()
    {
        const string note = "주민번호 900101-1234568 확인함";
        var target = await UnvisitedAsync(last: true);
        var page = await web.PageAsync("singil1");
        await page.GotoAsync(Worklist());
        var row = page.Locator($"tr[data-household='{target}']");
        await row.Locator("input[name=visitedOn]").FillAsync(Day);
        await row.Locator("select[name=result]").SelectOptionAsync("비해당");
        await row.Locator("form.result-form input[name=services]").FillAsync("안부확인");
        await row.Locator("form.result-form textarea[name=note]").FillAsync(note);
        await row.Locator("form.result-form button[type=submit]").ClickAsync();

        Assert.Contains("주민등록번호로 보이는 값", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("1234568", await page.TextContentAsync(".error") ?? "", StringComparison.Ordinal);
        row = page.Locator($"tr[data-household='{target}']");
        Assert.Equal(note, await row.Locator("form.result-form textarea[name=note]").InputValueAsync());
        Assert.Equal("안부확인", await row.Locator("form.result-form input[name=services]").InputValueAsync());
        Assert.Equal("비해당", await row.Locator("form.result-form select[name=result]").InputValueAsync());
        Assert.DoesNotContain((await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes,
            o => o.HouseholdId == target && o.VisitedOn >= WebFixture.ListDay);
        Assert.Empty(await web.Store.LoadVisitNotesAsync(Dong, [target], default));
    }

    /// <summary>A household of the note dong's list with no result on or after the list day.</summary>
    async Task<string> UnvisitedAsync(bool last = false)
    {
        var visited = (await web.Store.LoadDistrictAsync(new DateOnly(2026, 11, 30), default)).Outcomes
            .Where(o => o.VisitedOn >= WebFixture.ListDay).Select(o => o.HouseholdId).ToHashSet();
        var listed = (await web.Store.LoadWorklistAsync(WebFixture.ListDay, default)).Where(e => e.Dong == Dong).OrderBy(e => e.Rank).ToList();
        Assert.True(listed.Count >= 2, "the note dong's list needs two households");
        var candidate = last ? listed[^1] : listed[0];
        Assert.DoesNotContain(candidate.HouseholdId, visited);
        return candidate.HouseholdId;
    }

    static async Task AssertNowhereAsync(IPage page, params string[] texts)
    {
        var html = await page.ContentAsync();
        foreach (var t in texts) Assert.DoesNotContain(t.Split('\n')[0], html, StringComparison.Ordinal);
    }

    static async Task AssertNotInAsync(IAPIResponse response, string what, params string[] texts)
    {
        var body = System.Text.Encoding.UTF8.GetString(await response.BodyAsync());
        foreach (var t in texts)
            Assert.False(body.Contains(t.Split('\n')[0], StringComparison.Ordinal), $"{what} shows the note");
    }

    static string UnzippedText(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        return string.Join('\n', zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
    }

    static string ReadShared(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(s).ReadToEnd();
    }
}
