using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Scoring;
using BlindSpot.Model.UseCases;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Models;

/// <summary>The registry for analysts: every model with its key metrics, their trend, and promote / roll back with a reason.</summary>
public sealed class ModelsModel(ModelRegistryService registry, AuditLog audit) : PageModel
{
    public IReadOnlyList<ModelSummary> Models { get; private set; } = [];
    public string ChartJson { get; private set; } = "{}";
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public static string StatusKorean(ModelStatus s) => s switch
    {
        ModelStatus.Champion => "챔피언",
        ModelStatus.Challenger => "도전자",
        ModelStatus.Retired => "은퇴",
        _ => s.ToString(),
    };

    public static string F(double? d) => d is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    /// <summary>Promoting a model trained before the current champion is rolling back.</summary>
    public bool IsRollBack(ModelSummary m) => Models.FirstOrDefault(x => x.Status == ModelStatus.Champion) is { } champion && m.TrainedAt < champion.TrainedAt;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    async Task LoadAsync(CancellationToken ct)
    {
        Models = await registry.ListAsync(ct);
        var ordered = Models.OrderBy(m => m.TrainedAt).ToList();
        static double? Clean(double? d) => d is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;
        ChartJson = JsonSerializer.Serialize(new
        {
            type = "line",
            data = new
            {
                labels = ordered.Select(m => m.Version).ToArray(),
                datasets = new object[]
                {
                    new { label = "AUC", data = ordered.Select(m => Clean(m.Auc)).ToArray(), borderColor = "#1f77b4", backgroundColor = "#1f77b4" },
                    new { label = "precision@k", data = ordered.Select(m => Clean(m.PrecisionAtK)).ToArray(), borderColor = "#2ca02c", backgroundColor = "#2ca02c" },
                    new { label = "규칙 precision@k", data = ordered.Select(m => Clean(m.RulesPrecisionAtK)).ToArray(), borderColor = "#ff7f0e", backgroundColor = "#ff7f0e" },
                },
            },
        });
    }

    public async Task<IActionResult> OnPostPromoteAsync(string version, string? reason, CancellationToken ct)
    {
        await LoadAsync(ct);
        var target = Models.FirstOrDefault(m => m.Version == version);
        if (string.IsNullOrWhiteSpace(reason) || target is null)
        {
            (Failed, Message) = (true, target is null ? "레지스트리에 없는 버전입니다." : "승격이나 되돌리기에는 사유가 필요합니다.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var rollBack = IsRollBack(target);
        var report = await registry.PromoteAsync(version, ct);
        if (!report.Succeeded)
        {
            (Failed, Message) = (true, report.Message);
            return Page();
        }
        await audit.WriteAsync(User, rollBack ? AuditActions.RollBack : AuditActions.Promote, null, null,
            $"{version} (이전 챔피언 {report.FormerChampion ?? "-"}): {reason.Trim()}", ct);
        TempData["Message"] = (rollBack ? "되돌렸습니다: " : "승격했습니다: ") + report.Message;
        return RedirectToPage();
    }
}
