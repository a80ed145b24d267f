using BlindSpot.Core.Accounts;
using BlindSpot.Core.Time;
using BlindSpot.Pipeline.Dashboard;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Dashboard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages;

/// <summary>The planners' dashboard (also for analysts and admins); dong staff start on their own worklist instead.</summary>
public sealed class IndexModel(DashboardService dashboards, TimeProvider clock) : PageModel
{
    public Pipeline.Dashboard.Dashboard? Board { get; private set; }
    public IReadOnlyList<DashboardTable> Tables { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (AccountClaims.RoleOf(User) == Role.Dong) return LocalRedirect(Home.For(User));
        Board = await dashboards.BuildAsync(Kst.Today(clock), ct);
        Tables = DashboardTables.All(Board);
        return Page();
    }
}
