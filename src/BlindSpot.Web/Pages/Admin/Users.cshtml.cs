using BlindSpot.Core.Accounts;
using BlindSpot.Core.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Admin;

public sealed class UsersModel(IBlindSpotStore store) : PageModel
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Accounts = await store.ListAccountsAsync(ct);
}
