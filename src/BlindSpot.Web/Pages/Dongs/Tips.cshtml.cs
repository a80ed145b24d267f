using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Pipeline.Resolution;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Dongs;

/// <summary>
/// The dong's tips that reach no household (미해결 제보): staff confirm the household a tip is about (a candidate, or
/// one they found themselves by its id) or reject a candidate; both go through <see cref="TipResolutionService"/>, so a
/// confirmed tip is a feature of its household from the next scoring on. Own dong only, every view and decision audited.
/// </summary>
public sealed class TipsModel(DongTipsQuery query, TipResolutionService resolution, AuditLog audit) : PageModel
{
    [FromRoute] public string Dong { get; set; } = "";
    public DongTipsView View { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync(bool all, CancellationToken ct) => await LoadAsync(all, ct);

    async Task LoadAsync(bool all, CancellationToken ct)
    {
        View = await query.LoadAsync(Dong, all, ct);
        if (View.Lines.Count > 0)
            await audit.WriteAsync(User, AuditActions.ViewTips, Dong,
                View.Lines.SelectMany(l => l.Candidates).Where(c => c.InDong).Select(c => c.HouseholdId).Distinct(StringComparer.Ordinal),
                $"제보 {View.Lines.Count}건{(all ? " (전체)" : "")}", ct);
    }

    public Task<IActionResult> OnPostConfirmAsync(string? source, string? tipId, string? householdId, bool all, CancellationToken ct) =>
        DecideAsync(confirm: true, source, tipId, householdId, all, ct);

    public Task<IActionResult> OnPostRejectAsync(string? source, string? tipId, string? householdId, bool all, CancellationToken ct) =>
        DecideAsync(confirm: false, source, tipId, householdId, all, ct);

    async Task<IActionResult> DecideAsync(bool confirm, string? source, string? tipId, string? householdId, bool all, CancellationToken ct)
    {
        householdId = householdId?.Trim();
        if (!Enum.TryParse<TipSource>(source, out var src) || string.IsNullOrEmpty(tipId)) return BadRequest();
        var decision = string.IsNullOrEmpty(householdId) ? TipDecision.UnknownHousehold
            : confirm ? await resolution.ConfirmAsync(Dong, src, tipId, householdId, ct)
            : await resolution.RejectAsync(Dong, src, tipId, householdId, ct);
        // Another dong's tip is not this page's to decide: answered like any other dong's page.
        if (decision == TipDecision.OtherDong) return Forbid();
        if (decision is TipDecision.Linked or TipDecision.Rejected)
        {
            await audit.WriteAsync(User, confirm ? AuditActions.TipConfirmed : AuditActions.TipRejected, Dong, [householdId!], $"제보 {src} {tipId}", ct);
            TempData["Message"] = confirm
                ? $"제보 {tipId}를 세대 {householdId}에 연결했습니다. 다음 위험도 계산부터 반영됩니다."
                : $"세대 {householdId}를 제보 {tipId}의 후보에서 뺐습니다.";
            return RedirectToPage(new { dong = Dong, all = all ? "true" : null });
        }
        Error = decision switch
        {
            TipDecision.UnknownTip => "제보를 찾을 수 없습니다. 화면을 새로 고쳐 보세요.",
            TipDecision.HouseholdOfOtherDong => "다른 동의 세대에는 연결할 수 없습니다. 세대ID를 확인하세요.",
            _ => confirm ? "세대 명부에 없는 세대ID입니다. 세대ID를 확인하세요." : "이 제보의 후보 세대가 아닙니다.",
        };
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(all, ct);
        return Page();
    }
}
