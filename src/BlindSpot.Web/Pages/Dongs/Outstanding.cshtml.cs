using BlindSpot.Core.Audit;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Dongs;

/// <summary>Listed and not yet visited: nothing vanishes between two lists without a trace.</summary>
public sealed class OutstandingModel(DongWorklistQuery query, AuditLog audit) : PageModel
{
    public const int BusinessDays = 10;

    [FromRoute] public string Dong { get; set; } = "";
    public IReadOnlyList<OutstandingLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lines = await query.OutstandingAsync(Dong, BusinessDays, ct);
        if (Lines.Count > 0) await audit.WriteAsync(User, AuditActions.ViewOutstanding, Dong, Lines.Select(l => l.HouseholdId), null, ct);
    }
}
