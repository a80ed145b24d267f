using BlindSpot.Core.Audit;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BlindSpot.Web.Tests.DongWork;

/// <summary>The dong sees its own rows that ingest refused (반려 자료), and no other dong's.</summary>
[Collection(WebCollection.Name)]
public sealed class QuarantineTests(WebFixture web)
{
    [Fact]
    public async Task TheDongSeesItsOwnRefusedResultsAndTipsWithTheReasonAndNoOtherDongs()
    {
        var households = (await web.Store.LoadIngestContextAsync(default)).Households.Values;
        var own = households.First(h => h.Dong == WebFixture.OwnDong).HouseholdId;
        var other = households.First(h => h.Dong == WebFixture.OtherDong).HouseholdId;
        var inbox = web.Folder("quarantine-inbox");
        // Nothing of these files is accepted: the other tests' figures stay as they are.
        await File.WriteAllTextAsync(Path.Combine(inbox, "outcomes_dong_refused_rows.csv"),
            $"household_id,visited_on,result,services,worker_id\n{own},2026-10-29,완료,,W1\n{other},2026-10-29,완료,,W2\n");
        await File.WriteAllTextAsync(Path.Combine(inbox, "tips_officer_refused_rows.csv"),
            $"tip_id,received_at,officer_id,dong,address,category,note\nQT1,2026-13-45 10:00,OF9,{WebFixture.OwnDong},도림로 1,고립,혼자 지냄\n");
        var report = await web.Services.GetRequiredService<IngestService>().IngestInboxAsync(inbox, web.Folder("quarantine-out"), default);
        Assert.Equal(3, report.Files.Sum(f => f.Ledger?.Quarantined ?? 0));

        var page = await web.PageAsync("dorim1");
        Assert.Equal(200, (await page.GotoAsync($"/dongs/{WebFixture.DongPath(WebFixture.OwnDong)}/quarantine"))!.Status);
        var rows = page.Locator("#quarantine tbody tr");
        var texts = await rows.AllTextContentsAsync();
        Assert.Contains(texts, t => t.Contains("outcomes_dong_refused_rows.csv", StringComparison.Ordinal) && t.Contains(own, StringComparison.Ordinal)
                                    && t.Contains("방문 결과 값이 아닙니다", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("tips_officer_refused_rows.csv", StringComparison.Ordinal) && t.Contains("QT1", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(other, StringComparison.Ordinal));
        var viewed = await web.Store.ListAuditAsync(new AuditQuery(Username: "dorim1", Action: AuditActions.ViewQuarantine), default);
        Assert.Contains(viewed, v => v.Dong == WebFixture.OwnDong && v.HouseholdIds.Contains(own) && !v.HouseholdIds.Contains(other));

        var theirs = await web.PageAsync("daerim2");
        await theirs.GotoAsync($"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/quarantine");
        var their = await theirs.Locator("#quarantine tbody tr").AllTextContentsAsync();
        Assert.Contains(their, t => t.Contains(other, StringComparison.Ordinal));
        Assert.DoesNotContain(their, t => t.Contains(own, StringComparison.Ordinal) || t.Contains("QT1", StringComparison.Ordinal));
        Assert.Equal(403, (await page.APIRequest.GetAsync($"/dongs/{WebFixture.DongPath(WebFixture.OtherDong)}/quarantine")).Status);
    }
}
