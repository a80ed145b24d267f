using System.Data.Common;
using System.Text;
using BlindSpot.Core.Accounts;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Storage;

namespace BlindSpot.Storage.Sql;

/// <summary>The web application's accounts, audit table and the job-run ledger listing.</summary>
internal sealed partial class SqlStore
{
    // ---------------------------------------------------------------- accounts

    public async Task<bool> AddAccountAsync(Account a, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var n = await dialect.BulkInsertAsync(c, tx, Schema.Tables.Accounts,
            [[a.Username, Roles.Name(a.Role), a.Dong, a.PasswordHash, a.Disabled, a.FailedSignIns,
              a.LockedUntil is { } l ? Db.Kst(l) : null, Db.Kst(a.CreatedAt)]], upsert: false, ct);
        await tx.CommitAsync(ct);
        return n == 1;
    }

    public async Task<Account?> FindAccountAsync(string username, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = await Db.QueryAsync(c, $"SELECT {Schema.Tables.Accounts.ColumnList} FROM accounts WHERE username = @p0", ReadAccount, ct, username);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c, $"SELECT {Schema.Tables.Accounts.ColumnList} FROM accounts ORDER BY username", ReadAccount, ct);
    }

    static Account ReadAccount(DbDataReader r) => new(
        r.GetString(0), Roles.Parse(r.GetString(1)) ?? throw new InvalidDataException("Unknown role in the accounts table."),
        r.NullableString(2), r.GetString(3), r.GetBoolean(4), r.GetInt32(5), r.NullableTimestamp(6), r.Timestamp(7));

    public async Task<bool> SetAccountDisabledAsync(string username, bool disabled, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.ExecAsync(c, null, "UPDATE accounts SET disabled = @p0 WHERE username = @p1", ct, disabled, username) == 1;
    }

    public async Task UpdateSignInStateAsync(string username, int failedSignIns, DateTime? lockedUntil, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await Db.ExecAsync(c, null, "UPDATE accounts SET failed_sign_ins = @p0, locked_until = @p1 WHERE username = @p2", ct,
            failedSignIns, lockedUntil is { } l ? Db.Kst(l) : null, username);
    }

    // ---------------------------------------------------------------- audit (append-only)

    public async Task AppendAuditAsync(AuditEntry e, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // Version 7 GUIDs grow with time: entries of the same instant keep their order.
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.Audit,
            [[Guid.CreateVersion7().ToString("N"), Db.Kst(e.At), e.Username, e.Action, e.Dong, string.Join(",", e.HouseholdIds), e.Detail]],
            upsert: false, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery q, CancellationToken ct)
    {
        var sql = new StringBuilder("SELECT at, username, action, dong, household_ids, detail FROM audit_log WHERE 1 = 1");
        var args = new List<object?>();
        void Filter(string clause, object? value)
        {
            if (value is null) return;
            sql.Append(" AND ").Append(clause.Replace("@p", "@p" + args.Count, StringComparison.Ordinal));
            args.Add(value);
        }
        Filter("at >= @p", q.From is { } from ? Db.Kst(from) : null);
        Filter("at < @p", q.To is { } to ? Db.Kst(to) : null);
        Filter("username = @p", string.IsNullOrWhiteSpace(q.Username) ? null : q.Username);
        Filter("action = @p", string.IsNullOrWhiteSpace(q.Action) ? null : q.Action);
        Filter("dong = @p", string.IsNullOrWhiteSpace(q.Dong) ? null : q.Dong);
        sql.Append(" ORDER BY at DESC, id DESC LIMIT ").Append(Math.Clamp(q.Limit, 1, 10_000));
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c, sql.ToString(), r => new AuditEntry(r.Timestamp(0), r.GetString(1), r.GetString(2), r.NullableString(3),
            r.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries), r.NullableString(5)), ct, args.ToArray());
    }

    // ---------------------------------------------------------------- job-run ledger

    public async Task<IReadOnlyList<JobRun>> ListJobRunsAsync(int limit, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c,
            $"SELECT job, run_key, status, started_at, completed_at, summary FROM job_runs ORDER BY started_at DESC, job, run_key LIMIT {Math.Clamp(limit, 1, 10_000)}",
            r => new JobRun(r.GetString(0), r.GetString(1), r.GetString(2), r.Timestamp(3), r.NullableTimestamp(4), r.NullableString(5)), ct);
    }
}
