using System.Data.Common;
using System.Text.Json;
using BlindSpot.Core.Scoring;
using BlindSpot.Core.Worklists;
using BlindSpot.Storage.Schema;

namespace BlindSpot.Storage.Sql;

internal sealed partial class SqlStore
{
    // ---------------------------------------------------------------- model registry and scores

    public async Task SaveModelAsync(ModelRecord model, byte[] modelBytes, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.Models,
            [[model.Version, model.Status.ToString(), Db.Kst(model.TrainedAt), model.AsOf, model.CardJson, modelBytes]], upsert: true, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ModelRecord>> ListModelsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c, "SELECT version, status, trained_at, as_of, card_json FROM models ORDER BY trained_at, version",
            r => new ModelRecord(r.GetString(0), Enum.Parse<ModelStatus>(r.GetString(1)), r.Timestamp(2), r.Date(3), r.GetString(4)), ct);
    }

    public async Task<byte[]> LoadModelBytesAsync(string version, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        // Read as the registry's copy is (SqlDialect.ReadBlobAsync): in place on SQLite, without a pooled buffer of its size on PostgreSQL.
        return await dialect.ReadBlobAsync(c, "models", "model_bytes", "version", version, ct)
            ?? throw new KeyNotFoundException($"No model version '{version}' in the registry.");
    }

    public async Task PromoteAsync(string version, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var exists = Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM models WHERE version = @p0", ct, version));
        if (exists == 0) throw new KeyNotFoundException($"No model version '{version}' in the registry.");
        await Db.ExecAsync(c, tx, "UPDATE models SET status = @p0 WHERE status = @p1 AND version <> @p2", ct,
            nameof(ModelStatus.Retired), nameof(ModelStatus.Champion), version);
        await Db.ExecAsync(c, tx, "UPDATE models SET status = @p0 WHERE version = @p1", ct, nameof(ModelStatus.Champion), version);
        await tx.CommitAsync(ct);
    }

    public async Task SetStatusAsync(string version, ModelStatus status, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var n = await Db.ExecAsync(c, null, "UPDATE models SET status = @p0 WHERE version = @p1", ct, status.ToString(), version);
        if (n == 0) throw new KeyNotFoundException($"No model version '{version}' in the registry.");
    }

    public async Task ReplaceScoresAsync(DateOnly asOf, IReadOnlyList<HouseholdScore> scores, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Db.ExecAsync(c, tx, "DELETE FROM scores WHERE as_of = @p0", ct, asOf);
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.Scores, scores.Select(s => new object?[]
            { asOf, s.HouseholdId, s.Dong, s.ModelVersion, s.Probability, JsonSerializer.Serialize(s.Reasons, Json) }), upsert: false, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<HouseholdScore>> LoadScoresAsync(DateOnly asOf, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c,
            "SELECT as_of, household_id, dong, model_version, probability, reasons FROM scores WHERE as_of = @p0 ORDER BY household_id",
            r => new HouseholdScore(r.Date(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4),
                JsonSerializer.Deserialize<string[]>(r.GetString(5), Json) ?? []), ct, asOf);
    }

    // ---------------------------------------------------------------- worklists

    public async Task ReplaceWorklistAsync(DateOnly date, IReadOnlyList<WorklistEntry> entries, IReadOnlyList<ExclusionCount> excluded, CancellationToken ct)
    {
        if (excluded.FirstOrDefault(x => x.Date != date) is { } other)
            throw new ArgumentException($"An exclusion count of {other.Date:yyyy-MM-dd} in the worklist of {date:yyyy-MM-dd}.", nameof(excluded));
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await Db.ExecAsync(c, tx, "DELETE FROM worklist_exclusions WHERE list_date = @p0", ct, date);
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.WorklistExclusions,
            excluded.Select(x => new object?[] { date, x.Dong, x.Exclusion.ToString(), x.Households }), upsert: false, ct);
        await Db.ExecAsync(c, tx, "DELETE FROM worklist_entries WHERE list_date = @p0", ct, date);
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.Worklist, entries.Select(e => new object?[]
        {
            date, e.Dong, e.Rank, e.HouseholdId, e.Selection.ToString(), e.Score, e.ModelVersion, JsonSerializer.Serialize(e.Reasons, Json),
            e.SelectionProbability, e.OverCapacity, e.LastTipAt is { } t ? Db.Kst(t) : null, e.TipCount,
        }), upsert: false, ct);
        await tx.CommitAsync(ct);
    }

    public Task<IReadOnlyList<WorklistEntry>> LoadWorklistAsync(DateOnly date, CancellationToken ct) => LoadWorklistsAsync(date, date, ct);

    public async Task<IReadOnlyList<WorklistEntry>> LoadWorklistsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        return await Db.QueryAsync(c,
            "SELECT list_date, dong, rank, household_id, selection, score, model_version, reasons, selection_probability, over_capacity, " +
            "last_tip_at, tip_count FROM worklist_entries WHERE list_date >= @p0 AND list_date <= @p1 ORDER BY list_date, dong, rank",
            ReadEntry, ct, from, to);
    }

    public async Task<IReadOnlyList<ExclusionCount>> LoadExclusionCountsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        var rows = await Db.QueryAsync(c,
            "SELECT list_date, dong, exclusion, households FROM worklist_exclusions WHERE list_date >= @p0 AND list_date <= @p1",
            r => new ExclusionCount(r.Date(0), r.GetString(1), Enum.Parse<Exclusion>(r.GetString(2)), r.GetInt32(3)), ct, from, to);
        // In the enum's order within a dong (the order the console prints), not the names' alphabetical order.
        return [.. rows.OrderBy(x => x.Date).ThenBy(x => x.Dong, StringComparer.Ordinal).ThenBy(x => x.Exclusion)];
    }

    static WorklistEntry ReadEntry(DbDataReader r) => new(
        r.Date(0), r.GetString(1), r.GetInt32(2), r.GetString(3), Enum.Parse<Selection>(r.GetString(4)), r.GetDouble(5), r.GetString(6),
        JsonSerializer.Deserialize<string[]>(r.GetString(7), Json) ?? [], r.GetDouble(8), r.GetBoolean(9), r.NullableTimestamp(10), r.GetInt32(11));

    // ---------------------------------------------------------------- job runs and retention

    public async Task<bool> TryBeginJobRunAsync(string job, string key, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await dialect.BulkInsertAsync(c, tx, Schema.Tables.JobRuns,
            [[job, key, "running", NowKst, null, null]], upsert: false, ct);
        var status = (string?)await Db.ScalarAsync(c, tx, "SELECT status FROM job_runs WHERE job = @p0 AND run_key = @p1", ct, job, key);
        await tx.CommitAsync(ct);
        // A run left "running" by a crashed server is taken over: every job's work is idempotent by key.
        return status != "completed";
    }

    public async Task CompleteJobRunAsync(string job, string key, string summary, CancellationToken ct)
    {
        await using var c = await dialect.OpenConnectionAsync(ct);
        await Db.ExecAsync(c, null, "UPDATE job_runs SET status = 'completed', completed_at = @p0, summary = @p1 WHERE job = @p2 AND run_key = @p3",
            ct, NowKst, summary, job, key);
    }

    public async Task<int> PurgePersonalDataAsync(DateOnly olderThan, CancellationToken ct)
    {
        var cutoff = olderThan.ToDateTime(TimeOnly.MinValue);
        await using var c = await dialect.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var n = await Db.ExecAsync(c, tx,
            "UPDATE tips SET subject_name = NULL, phone = NULL, address = '', note = '' WHERE received_at < @p0 AND (note <> '' OR address <> '' OR subject_name IS NOT NULL OR phone IS NOT NULL)",
            ct, cutoff);
        n += await Db.ExecAsync(c, tx,
            "UPDATE quarantine SET raw = '' WHERE raw <> '' AND file_sha256 IN (SELECT sha256 FROM ingested_files WHERE ingested_at < @p0)", ct, cutoff);
        // Superseded registry versions keep their facts (features need them) but lose names, phones and addresses.
        var purgedVersions = await Db.ExecAsync(c, tx,
            "UPDATE household_versions SET head_name = '', phone = NULL, address = '' WHERE snapshot_date < @p0 AND head_name <> '' " +
            "AND EXISTS (SELECT 1 FROM household_versions newer WHERE newer.household_id = household_versions.household_id AND newer.snapshot_date > household_versions.snapshot_date)",
            ct, olderThan);
        if (purgedVersions > 0) await CountHistoryChangeAsync(c, tx, ct);
        n += purgedVersions;
        // Worklist reasons quote an excerpt of the tip's note (docs/worklists.md): old lists keep their rows, not the words.
        n += await Db.ExecAsync(c, tx, "UPDATE worklist_entries SET reasons = '[]' WHERE list_date < @p0 AND reasons <> '[]'", ct, olderThan);
        // Visit notes typed on the web: the visit and its result stay, the words go.
        n += await Db.ExecAsync(c, tx, "UPDATE visit_notes SET note = '' WHERE visited_on < @p0 AND note <> ''", ct, olderThan);
        // Every other feed's personal columns, by its table's registration.
        foreach (var table in FeedTables.All)
            if (table.PurgeSql() is { } purge) n += await Db.ExecAsync(c, tx, purge, ct, olderThan);
        // The registry copy kept between runs holds names, phones and addresses: dropped (not counted: it is a copy), the
        // next run reads the registry again.
        await Db.ExecAsync(c, tx, "DELETE FROM registry_cache", ct);
        await tx.CommitAsync(ct);
        // The kept history held the purged names: it goes now, not at the next run (its key no longer matches anyway).
        if (purgedVersions > 0 && historyCache is not null) await historyCache.Delete();
        return n;
    }
}
