using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;

namespace BlindSpot.Core.Storage;

/// <summary>The web application's accounts, kept in the district's store.</summary>
public interface IAccountStore
{
    /// <summary>Adds an account; false (and nothing changed) when the username exists already.</summary>
    Task<bool> AddAccountAsync(Account account, CancellationToken ct);
    Task<Account?> FindAccountAsync(string username, CancellationToken ct);
    Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct);
    /// <summary>Disables or re-enables an account; false when there is no such account.</summary>
    Task<bool> SetAccountDisabledAsync(string username, bool disabled, CancellationToken ct);
    /// <summary>Records the lockout counter after a sign-in attempt.</summary>
    Task UpdateSignInStateAsync(string username, int failedSignIns, DateTime? lockedUntil, CancellationToken ct);
}

/// <summary>The append-only audit table: entries are added and read, never changed or removed (both engines refuse it).</summary>
public interface IAuditStore
{
    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct);
    /// <summary>Newest first, at most <see cref="AuditQuery.Limit"/> entries.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
