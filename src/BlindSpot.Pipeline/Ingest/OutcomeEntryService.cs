using System.Globalization;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>What became of a visit result typed into a form.</summary>
/// <param name="Error">One Korean line for the clerk when nothing was stored (the same reasons the outcomes feed quarantines for).</param>
/// <param name="Replaced">For a correction that was stored: the result it replaced (kept in the outcome history).</param>
public sealed record OutcomeEntryResult(bool Stored, bool AlreadyRecorded, string? Error, string? FileName, VisitResult? Replaced = null);

/// <summary>
/// A visit result entered on the web is stored exactly as an ingested outcome: it is written as a one-row
/// outcomes CSV (contract §2.5), read by the same <see cref="IngestFileReader"/> with the same validation and the
/// same (household, visit day) key, and committed with its own ledger line. So a form and a file can never both count
/// a visit: whichever arrives second is a duplicate. A correction is the same file with the contract's 정정 column set,
/// decided by the same <see cref="Core.Outcomes.OutcomeAdmission"/> as a correction sent in a file.
/// </summary>
public sealed class OutcomeEntryService(IBlindSpotStore store, ILogger<OutcomeEntryService> logger, TimeProvider clock, IFeedFiles files)
{
    public const string Header = "household_id,visited_on,result,services,worker_id,correction";

    /// <summary>
    /// Stores the result typed into the form; every field is checked as the same field of an outcomes file would be.
    /// A <paramref name="note"/> (<see cref="VisitNoteRules"/>) is stored beside the outcome in the same transaction, for
    /// <paramref name="dong"/>'s staff only; a note that breaks the rules stores nothing.
    /// </summary>
    public async Task<OutcomeEntryResult> EnterAsync(string householdId, string visitedOn, string result, string? services, string workerId,
        string dong, string? note, CancellationToken ct)
    {
        var (text, problem) = VisitNoteRules.Check(note);
        if (problem is not null) return new OutcomeEntryResult(false, false, problem, null);
        return await StoreAsync(await store.LoadIngestContextAsync(IngestContext.PartsFor(Feed.Outcomes), ct), householdId, visitedOn, result, services, workerId, correction: false, dong, text, ct);
    }

    /// <summary>
    /// Replaces the stored result of the household's visit on <paramref name="visitedOn"/> (정정): the replaced row goes
    /// to the outcome history, labels and targets follow the new one. Refused when nothing is stored for that visit or
    /// the result is the same.
    /// </summary>
    public async Task<OutcomeEntryResult> CorrectAsync(string householdId, string visitedOn, string result, string? services, string workerId,
        string dong, string? note, CancellationToken ct)
    {
        var (text, problem) = VisitNoteRules.Check(note);
        if (problem is not null) return new OutcomeEntryResult(false, false, problem, null);
        var context = await store.LoadIngestContextAsync(IngestContext.PartsFor(Feed.Outcomes), ct);
        // A correction with nothing to correct would be stored as a new result (the feed's rule); the form refuses it instead.
        if (DateOnly.TryParseExact(visitedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && !context.OutcomeKeys.Contains(IngestKeys.Outcome(householdId, day)))
            return new OutcomeEntryResult(false, false, "정정할 방문 결과가 없습니다. 방문 결과를 먼저 입력하세요.", null);
        return await StoreAsync(context, householdId, visitedOn, result, services, workerId, correction: true, dong, text, ct);
    }

    async Task<OutcomeEntryResult> StoreAsync(IngestContext context, string householdId, string visitedOn, string result, string? services, string workerId,
        bool correction, string dong, string? note, CancellationToken ct)
    {
        var now = Kst.Now(clock);
        var bytes = Csv(files, householdId, visitedOn, result, services, workerId, correction);
        var name = string.Create(CultureInfo.InvariantCulture, $"outcomes_web_{now:yyyyMMddHHmmssfff}_{Guid.NewGuid().ToString("N")[..8]}.csv");
        var batch = files.Read(name, bytes, files.Identity(name, bytes), context, now, false, null);
        if (batch.File.Rejected) return new OutcomeEntryResult(false, false, batch.File.RejectedReason, null);
        if (batch.Quarantine.Count > 0)
        {
            var q = batch.Quarantine[0];
            if (q.Reason == Core.Outcomes.OutcomeAdmission.ConflictReason)
                return new OutcomeEntryResult(false, true, "이 세대의 같은 방문일에 다른 결과가 이미 있습니다. 바꾸려면 정정하세요.", null);
            return new OutcomeEntryResult(false, false, q.Column is null ? q.Reason : $"{ColumnKorean(q.Column)}: {q.Reason}", null);
        }
        if (batch.File.Duplicate > 0)
            return new OutcomeEntryResult(false, true, correction
                ? "저장된 결과와 같습니다. 바꿀 결과를 고르세요."
                : "이 세대의 같은 방문일 결과가 이미 있습니다. 바꾸려면 정정하세요.", null);
        VisitResult? replaced = null;
        if (batch.OutcomeCorrections is [var corrected, ..] && context.OutcomeResults.TryGetValue(IngestKeys.Outcome(corrected.HouseholdId, corrected.VisitedOn), out var before))
            replaced = before;
        if (note is not null)
        {
            // Beside the outcome this file stores (or corrects): its household and visit day as the reader parsed them.
            var stored = batch.Outcomes.Concat(batch.OutcomeCorrections).Single();
            batch = batch with { VisitNotes = [new VisitNote(stored.HouseholdId, stored.VisitedOn, dong, note, workerId, now, correction)] };
        }
        if (!await store.CommitFileAsync(batch, ct)) return new OutcomeEntryResult(false, true, "같은 결과가 이미 저장되었습니다.", null);
        if (replaced is not null)
            logger.LogInformation("Visit result corrected on the web for {HouseholdId} on {VisitedOn} as {FileName} (note: {HasNote})", householdId, visitedOn, name, note is not null);
        else
            logger.LogInformation("Visit result entered on the web for {HouseholdId} on {VisitedOn} as {FileName} (note: {HasNote})", householdId, visitedOn, name, note is not null);
        return new OutcomeEntryResult(true, false, null, name, replaced);
    }

    static string ColumnKorean(string column) => column switch
    {
        "household_id" => "세대ID",
        "visited_on" => "방문일",
        "result" => "결과",
        "services" => "연계서비스",
        "worker_id" => "담당자ID",
        "correction" => "정정",
        _ => column,
    };

    /// <summary>The one-row outcomes file: UTF-8 with BOM, CRLF, RFC 4180 quoting, values as entered (no formula escaping).</summary>
    internal static byte[] Csv(IFeedFiles files, string householdId, string visitedOn, string result, string? services, string workerId, bool correction = false) =>
        files.Write(Header.Split(','), [[householdId, visitedOn, result, services ?? "", workerId, correction ? "Y" : ""]]);
}
