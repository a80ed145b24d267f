using BlindSpot.Core.Audit;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Dongs;

/// <summary>The dong's own rows that ingest refused (visit results, tips), with the reason: what to fix and send again.</summary>
public sealed class QuarantineModel(DongQuarantineQuery query, AuditLog audit) : PageModel
{
    [FromRoute] public string Dong { get; set; } = "";
    public IReadOnlyList<DongQuarantineLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lines = await query.LoadAsync(Dong, ct);
        if (Lines.Count > 0)
            await audit.WriteAsync(User, AuditActions.ViewQuarantine, Dong, Lines.Where(l => l.HouseholdId is not null).Select(l => l.HouseholdId!).Distinct(StringComparer.Ordinal),
                $"반려 {Lines.Count}행", ct);
    }
}
