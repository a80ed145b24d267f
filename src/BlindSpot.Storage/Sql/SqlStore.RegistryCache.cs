using System.Security.Cryptography;
using System.Text;
using BlindSpot.Core.Contract;

namespace BlindSpot.Storage.Sql;

internal sealed partial class SqlStore
{
    // ---------------------------------------------------------------- the registry copy kept between runs

    public async Task<string> RegistryStateAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        // Household versions are only ever added by a committed households file (retention blanks superseded versions,
        // which the copy does not hold): the ledger's household files, with the count and the newest date as a check.
        var files = await Db.QueryAsync(c, "SELECT sha256 FROM ingested_files WHERE feed = @p0 AND rejected_reason IS NULL ORDER BY sha256",
            r => r.GetString(0), ct, nameof(Feed.Households));
        var versions = await Db.QueryAsync(c, "SELECT COUNT(*), MAX(snapshot_date) FROM household_versions",
            r => (Count: Convert.ToInt64(r.GetValue(0)), Newest: r.IsDBNull(1) ? (DateOnly?)null : r.Date(1)), ct);
        var fileHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', files))));
        return $"{versions[0].Count}|{versions[0].Newest:yyyyMMdd}|{files.Count}|{fileHash}";
    }

    public async Task<byte[]?> LoadRegistryCacheAsync(string state, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await dialect.ReadBlobAsync(c, "registry_cache", "bytes", "state", state, ct);
    }

    public async Task SaveRegistryCacheAsync(string state, byte[] blob, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Db.ExecAsync(c, tx, "DELETE FROM registry_cache WHERE state <> @p0", ct, state);
        // A copy of the same state replaced: it may have been written by another build (see KeptRegistry). The row first,
        // then its bytes written in place: bound as a parameter, SQLite held two more copies of them while it stored
        // them (+~110 MB at a first run's snapshot, the run's peak in some runs; docs/benchmarks.md, seventeenth pass).
        await Db.ExecAsync(c, tx, "INSERT INTO registry_cache (state, saved_at, bytes) VALUES (@p0, @p1, @p2) " +
            "ON CONFLICT (state) DO UPDATE SET saved_at = excluded.saved_at, bytes = excluded.bytes", ct, state, NowKst, Array.Empty<byte>());
        await dialect.WriteBlobAsync(c, tx, "registry_cache", "bytes", "state", state, blob, ct);
        await tx.CommitAsync(ct);
    }
}
