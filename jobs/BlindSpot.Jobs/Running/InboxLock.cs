using BlindSpot.Hosting.Composition;
using BlindSpot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlindSpot.Jobs.Running;

/// <summary>
/// Lets one ingest at a time read the inbox, cluster-wide. Files are once-only by their SHA-256 whatever happens
/// (the store's file ledger), but an inbox is ingested in order: tips are matched against the households committed
/// earlier in the same run, so a run that raced another one past the households file would match tips against a
/// registry it never loaded (measured: 150 of 150 officer tips unmatched with two servers, without this lock).
/// On PostgreSQL this is a session advisory lock on its own unpooled connection: the database releases it when the
/// holder's connection ends, so a crashed server never leaves it behind (unlike a lock row). On SQLite (one process)
/// a semaphore. A run that cannot take it does nothing: the holder is ingesting the same files right now.
/// </summary>
public sealed class InboxLock(IOptions<BlindSpotOptions> options) : IDisposable
{
    /// <summary>pg_advisory_lock key: "BlSpInbx".</summary>
    const long Key = 0x426C_5370_496E_6278;

    readonly SemaphoreSlim local = new(1, 1);

    /// <summary>The lock, to dispose when done; null when another run (here or on another server) holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken ct)
    {
        if (!await local.WaitAsync(0, ct)) return null;
        var db = options.Value.Db;
        if (!StoreFactory.IsPostgres(db)) return new Held(local, null);

        NpgsqlConnection? connection = null;
        try
        {
            // Unpooled: closing the connection must end the session, which is what releases the lock.
            var cs = new NpgsqlConnectionStringBuilder(BlindSpot.Storage.StoreFactory.ToConnectionString(db)) { Pooling = false }.ConnectionString;
            connection = new NpgsqlConnection(cs);
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            cmd.Parameters.AddWithValue("key", Key);
            if (await cmd.ExecuteScalarAsync(ct) is true) return new Held(local, connection);
            await connection.DisposeAsync();
            local.Release();
            return null;
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            local.Release();
            throw;
        }
    }

    public void Dispose() => local.Dispose();

    sealed class Held(SemaphoreSlim local, NpgsqlConnection? connection) : IAsyncDisposable
    {
        int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            try
            {
                if (connection is not null) await connection.DisposeAsync();
            }
            finally
            {
                local.Release();
            }
        }
    }
}
