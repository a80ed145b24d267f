using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Csv.Ingest;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>What became of a visit result typed into a form.</summary>
/// <param name="Error">One Korean line for the clerk when nothing was stored (the same reasons the outcomes feed quarantines for).</param>
public sealed record OutcomeEntryResult(bool Stored, bool AlreadyRecorded, string? Error, string? FileName);

/// <summary>
/// A visit result entered on the web is stored exactly as an ingested outcome: it is written as a one-row
/// outcomes CSV (contract §2.5), read by the same <see cref="IngestFileReader"/> with the same validation and the
/// same (household, visit day) key, and committed with its own ledger line. So a form and a file can never both count
/// a visit: whichever arrives second is a duplicate.
/// </summary>
public sealed class OutcomeEntryService(IBlindSpotStore store, ILogger<OutcomeEntryService> logger, TimeProvider clock)
{
    public const string Header = "household_id,visited_on,result,services,worker_id";

    /// <summary>Stores the result typed into the form; every field is checked as the same field of an outcomes file would be.</summary>
    public async Task<OutcomeEntryResult> EnterAsync(string householdId, string visitedOn, string result, string? services, string workerId, CancellationToken ct)
    {
        var now = Kst.Now(clock);
        var bytes = Csv(householdId, visitedOn, result, services, workerId);
        var name = string.Create(CultureInfo.InvariantCulture, $"outcomes_web_{now:yyyyMMddHHmmssfff}_{Guid.NewGuid().ToString("N")[..8]}.csv");
        var context = await store.LoadIngestContextAsync(ct);
        var batch = IngestFileReader.Read(name, bytes, IngestFileReader.Sha256Hex(bytes), context, now);
        if (batch.File.Rejected) return new OutcomeEntryResult(false, false, batch.File.RejectedReason, null);
        if (batch.Quarantine.Count > 0)
        {
            var q = batch.Quarantine[0];
            return new OutcomeEntryResult(false, false, q.Column is null ? q.Reason : $"{ColumnKorean(q.Column)}: {q.Reason}", null);
        }
        if (batch.File.Duplicate > 0) return new OutcomeEntryResult(false, true, "이 세대의 같은 방문일 결과가 이미 있습니다. 바꾸려면 정정하세요.", null);
        if (!await store.CommitFileAsync(batch, ct)) return new OutcomeEntryResult(false, true, "같은 결과가 이미 저장되었습니다.", null);
        logger.LogInformation("Visit result entered on the web for {HouseholdId} on {VisitedOn} as {FileName}", householdId, visitedOn, name);
        return new OutcomeEntryResult(true, false, null, name);
    }

    static string ColumnKorean(string column) => column switch
    {
        "household_id" => "세대ID",
        "visited_on" => "방문일",
        "result" => "결과",
        "services" => "연계서비스",
        "worker_id" => "담당자ID",
        _ => column,
    };

    /// <summary>The one-row outcomes file: UTF-8 with BOM, RFC 4180 quoting.</summary>
    internal static byte[] Csv(string householdId, string visitedOn, string result, string? services, string workerId)
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        sb.AppendJoin(',', new[] { householdId, visitedOn, result, services ?? "", workerId }.Select(Quote));
        sb.Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
