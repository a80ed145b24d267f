using BlindSpot.Jobs.Configuration;
using BlindSpot.Storage;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace BlindSpot.Jobs.Hosting;

/// <summary>
/// Hangfire's own storage, chosen by the BlindSpot store: PostgreSQL store -> Hangfire.PostgreSql in the same
/// database, schema "hangfire" (created on first start); SQLite store -> Hangfire.InMemory (one process, nothing to
/// install; queued jobs are lost at exit, and the job-run ledger in the SQLite store keeps the work itself once-only).
/// </summary>
public static class HangfireStorageFactory
{
    public const string Schema = "hangfire";

    public static JobStorage Create(JobsOptions options, string db)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!StoreFactory.IsPostgres(db)) return new InMemoryStorage();

        var storageOptions = PostgresOptions(options);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(StoreFactory.ToConnectionString(db), storageOptions), storageOptions);
    }

    internal static PostgreSqlStorageOptions PostgresOptions(JobsOptions options) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        // A job longer than the invisibility timeout would otherwise be fetched again by another server while it runs.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = options.InvisibilityTimeout,
        QueuePollInterval = options.QueuePollInterval,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
