using System.Security.Claims;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Web.Accounts;

namespace BlindSpot.Web.Audit;

/// <summary>Writes audit entries for the signed-in user (household ids only; never names, phones, addresses or notes).</summary>
public sealed class AuditLog(IAuditStore store, TimeProvider clock)
{
    public Task WriteAsync(ClaimsPrincipal user, string action, string? dong, IEnumerable<string>? householdIds, string? detail, CancellationToken ct) =>
        WriteAsync(AccountClaims.NameOf(user), action, dong, householdIds, detail, ct);

    public Task WriteAsync(string username, string action, string? dong, IEnumerable<string>? householdIds, string? detail, CancellationToken ct) =>
        store.AppendAuditAsync(new AuditEntry(Kst.Now(clock), username, action, dong, householdIds?.ToArray() ?? [], detail), ct);
}
