using BlindSpot.Core.Audit;
using BlindSpot.Core.Scoring;
using BlindSpot.Model.UseCases;
using Microsoft.Extensions.DependencyInjection;
using BlindSpot.Web.Tests.Support;

namespace BlindSpot.Web.Tests.Models;

/// <summary>The analysts' registry: cards, side-by-side comparison, metrics over time, promote and roll back with a reason.</summary>
[Collection(WebCollection.Name)]
public sealed class ModelPagesTests(WebFixture web)
{
    [Fact]
    public async Task ShowsTheRegistryWithItsCardsAndComparesTwoModels()
    {
        var versions = await web.ModelsAsync();
        var page = await web.PageAsync("analyst1");
        await page.GotoAsync("/models");
        foreach (var v in versions) Assert.Equal(1, await page.Locator($"#models tr[data-version='{v}']").CountAsync());
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart('chart-metrics')");
        Assert.Equal(versions.Count, await page.EvaluateAsync<int>("() => Chart.getChart('chart-metrics').data.labels.length"));

        var card = await page.GotoAsync($"/models/{versions[1]}");
        Assert.Equal(200, card!.Status);
        Assert.True(await page.Locator("article.model-card table").CountAsync() > 0, "the card's tables are rendered as HTML tables");
        Assert.Contains(versions[1], await page.TextContentAsync("article.model-card") ?? "", StringComparison.Ordinal);

        await page.GotoAsync($"/models/compare?a={versions[0]}&b={versions[1]}");
        var headers = await page.Locator("#compare thead th").AllTextContentsAsync();
        Assert.Equal(["지표", versions[0], versions[1]], headers);
        Assert.Contains("AUC", await page.TextContentAsync("#compare") ?? "", StringComparison.Ordinal);

        // Both on the same holdout: the later model's test window, rebuilt from the store as training built it, so the
        // later model measures exactly what its card says and the earlier one is scored on the very same visits.
        var later = Assert.Single(await web.Store.ListModelsAsync(default), m => m.Version == versions[1]);
        var laterCard = Model.Registry.ModelCard.FromJson(later.CardJson);
        var same = await web.Services.GetRequiredService<ModelComparisonService>().CompareAsync(versions[0], versions[1], default);
        Assert.Null(same.Problem);
        Assert.Equal((versions[1], laterCard.Model.Rows, laterCard.Model.Positives), (same.HoldoutVersion, same.Rows, same.Positives));
        Assert.Equal(laterCard.Model.Auc, same.B!.Auc, 9);
        Assert.Equal(laterCard.Model.PrecisionAtK, same.B.PrecisionAtK, 9);
        Assert.Equal(same.Rows, same.A!.Rows);
        var holdout = await page.Locator("#holdout tbody tr").AllTextContentsAsync();
        Assert.Contains(holdout, r => r.Contains("AUC", StringComparison.Ordinal) && r.Contains(same.B.Auc.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && r.Contains(same.A.Auc.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        foreach (var user in new[] { "plan1", "dorim1" })
        {
            var denied = await web.PageAsync(user);
            Assert.Equal(403, (await denied.APIRequest.GetAsync("/models")).Status);
        }
    }

    [Fact]
    public async Task PromotesAndRollsBackOnlyWithAReasonAndAuditsBoth()
    {
        var versions = await web.ModelsAsync();
        var page = await web.PageAsync("analyst1");
        await page.GotoAsync("/models");
        var champion = (await web.Store.ListModelsAsync(default)).Single(m => m.Status == ModelStatus.Champion).Version;
        var other = versions.Single(v => v != champion);

        // No reason: refused by the browser (required field) and by the server.
        var noReason = await page.APIRequest.PostAsync("/models?handler=Promote", new()
        {
            Form = page.APIRequest.CreateFormData().Set("version", other).Set("reason", "")
                .Set("__RequestVerificationToken", await page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value") ?? ""),
        });
        Assert.Equal(422, noReason.Status);
        Assert.Equal(champion, (await web.Store.ListModelsAsync(default)).Single(m => m.Status == ModelStatus.Champion).Version);

        var row = page.Locator($"#models tr[data-version='{other}']");
        await row.Locator("input[name=reason]").FillAsync("비교 검토 결과 교체");
        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync(".message");
        Assert.Equal(other, (await web.Store.ListModelsAsync(default)).Single(m => m.Status == ModelStatus.Champion).Version);

        var back = page.Locator($"#models tr[data-version='{champion}']");
        await back.Locator("input[name=reason]").FillAsync("원래 모델로 복귀");
        await back.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync(".message");
        Assert.Equal(champion, (await web.Store.ListModelsAsync(default)).Single(m => m.Status == ModelStatus.Champion).Version);

        var audit = await web.Store.ListAuditAsync(new AuditQuery(Username: "analyst1"), default);
        var first = versions[0] == other ? AuditActions.RollBack : AuditActions.Promote;
        var second = first == AuditActions.Promote ? AuditActions.RollBack : AuditActions.Promote;
        Assert.Contains(audit, e => e.Action == first && e.Detail!.StartsWith(other, StringComparison.Ordinal) && e.Detail.EndsWith("비교 검토 결과 교체", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == second && e.Detail!.StartsWith(champion, StringComparison.Ordinal) && e.Detail.EndsWith("원래 모델로 복귀", StringComparison.Ordinal));
    }
}
