using BlindSpot.Core.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Admin;

/// <summary>The job-run ledger: what each job did, and the runs that never completed (failures, crashes).</summary>
public sealed class JobsModel(IBlindSpotStore store) : PageModel
{
    public IReadOnlyList<JobRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Runs = await store.ListJobRunsAsync(500, ct);
}
