using System.Globalization;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;
using BlindSpot.Core.Time;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Resolution;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Dongs;

/// <summary>What a clerk typed into a line's form that was refused: shown again in the same form, nothing lost.</summary>
public sealed record PostedForm(string HouseholdId, bool Correction, string? VisitedOn, string? Result, string? Services, string? Note, string? Reason);

/// <summary>
/// The dong's worklist of a business day (the next one by default), with a visit-result form per line (result,
/// services, a note) and a correction form per stored result; the dong's own visit notes shown beside the results.
/// </summary>
public sealed class WorklistModel(DongWorklistQuery query, OutcomeEntryService outcomes, DongTipsQuery tips, IVisitNoteStore notes, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int NoteMaxLength = VisitNoteRules.MaxLength;

    [FromRoute] public string Dong { get; set; } = "";
    public DongListView? List { get; private set; }
    public string? Error { get; private set; }
    public DateOnly DefaultVisitDay { get; private set; }
    /// <summary>The dong's tips that reach no household and are due today: a household in crisis may be behind each.</summary>
    public (int Due, int Urgent) OpenTips { get; private set; }
    /// <summary>The refused form, to fill in again.</summary>
    public PostedForm? Posted { get; private set; }
    /// <summary>This dong's notes on the visit each line shows, oldest first (personal data: this dong's staff only).</summary>
    /// <summary>When the asked list has no line for the dong: its latest list before it, to open instead.</summary>
    public DateOnly? LatestList { get; private set; }
    public ILookup<(string HouseholdId, DateOnly VisitedOn), VisitNote> Notes { get; private set; } = Array.Empty<VisitNote>().ToLookup(n => (n.HouseholdId, n.VisitedOn));
    public string DayName => List!.Date.ToDateTime(TimeOnly.MinValue).ToString("dddd", CultureInfo.GetCultureInfo("ko-KR"));

    public async Task<IActionResult> OnGetAsync(string? date, CancellationToken ct)
    {
        var day = query.CurrentListDay();
        if (date is not null)
        {
            if (ParseDate(date) is { } asked) day = asked;
            else Error = "날짜는 yyyy-MM-dd 형식이어야 합니다.";
        }
        await LoadAsync(day, ct);
        return Page();
    }

    async Task LoadAsync(DateOnly day, CancellationToken ct)
    {
        List = await query.LoadAsync(Dong, day, ct);
        OpenTips = await tips.CountDueAsync(Dong, ct);
        var today = Kst.Today(clock);
        DefaultVisitDay = day < today ? day : today;
        if (List.Lines.Count == 0)
        {
            LatestList = await query.LatestListDayAsync(Dong, day.AddDays(-1), ct);
            return;
        }
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await audit.WriteAsync(User, AuditActions.ViewWorklist, Dong, List.Lines.Select(l => l.Row.HouseholdId), dayText, ct);

        var shownVisits = List.Lines.Where(l => l.Visit is not null).Select(l => (l.Row.HouseholdId, l.Visit!.VisitedOn)).ToHashSet();
        if (shownVisits.Count == 0) return;
        Notes = (await notes.LoadVisitNotesAsync(Dong, shownVisits.Select(v => v.HouseholdId).ToList(), ct))
            .Where(n => shownVisits.Contains((n.HouseholdId, n.VisitedOn))).ToLookup(n => (n.HouseholdId, n.VisitedOn));
        // Notes are the most sensitive words on the page: whose notes were read is audited on its own line.
        var read = Notes.Select(g => g.Key.HouseholdId).Distinct(StringComparer.Ordinal).ToList();
        if (read.Count > 0) await audit.WriteAsync(User, AuditActions.ViewVisitNotes, Dong, read, dayText, ct);
    }

    public async Task<IActionResult> OnPostResultAsync(string householdId, string? date, string? visitedOn, string? result, string? services, string? note, CancellationToken ct)
    {
        var day = ParseDate(date) ?? query.CurrentListDay();
        // Only households on this dong's stored lists can be reported here: the route's dong is the one the account serves.
        var listed = (await query.LoadAsync(Dong, day, ct)).Lines.Any(l => l.Row.HouseholdId == householdId);
        if (!listed) return Forbid();

        var entry = await outcomes.EnterAsync(householdId, visitedOn ?? "", result ?? "", services, AccountClaims.NameOf(User), Dong, note, ct);
        if (!entry.Stored)
        {
            Error = entry.Error;
            Posted = new PostedForm(householdId, false, visitedOn, result, services, note, null);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(day, ct);
            return Page();
        }
        await audit.WriteAsync(User, AuditActions.OutcomeEntered, Dong, [householdId], $"{visitedOn} {result}{NoteMark(note)} ({entry.FileName})", ct);
        TempData["Message"] = $"방문 결과를 저장했습니다: {householdId} {result}";
        return RedirectToPage(new { dong = Dong, date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// A correction (정정) of a result already stored for a household of this dong's list: the same outcomes-file path
    /// with the 정정 mark, so the feed's rule decides it; the replaced result stays in the outcome history.
    /// </summary>
    public async Task<IActionResult> OnPostCorrectionAsync(string householdId, string? date, string? visitedOn, string? result, string? services, string? reason, string? note, CancellationToken ct)
    {
        var day = ParseDate(date) ?? query.CurrentListDay();
        var listed = (await query.LoadAsync(Dong, day, ct)).Lines.Any(l => l.Row.HouseholdId == householdId);
        if (!listed) return Forbid();

        var reasonKorean = DongWork.CorrectionReasons.Korean(reason);
        var entry = reasonKorean is null
            ? new OutcomeEntryResult(false, false, "정정 사유를 고르세요.", null)
            : await outcomes.CorrectAsync(householdId, visitedOn ?? "", result ?? "", services, AccountClaims.NameOf(User), Dong, note, ct);
        if (!entry.Stored || entry.Replaced is not { } replaced)
        {
            Error = entry.Error ?? "정정할 방문 결과가 없습니다. 방문 결과를 먼저 입력하세요.";
            Posted = new PostedForm(householdId, true, visitedOn, result, services, note, reason);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(day, ct);
            return Page();
        }
        await audit.WriteAsync(User, AuditActions.OutcomeCorrected, Dong, [householdId],
            $"{visitedOn} {VisitResults.Korean(replaced)} -> {result}; 사유: {reasonKorean}{NoteMark(note)} ({entry.FileName})", ct);
        TempData["Message"] = $"방문 결과를 정정했습니다: {householdId} {VisitResults.Korean(replaced)} → {result}";
        return RedirectToPage(new { dong = Dong, date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    /// <summary>The audit says that a note came with the result, never what it says (the audit log holds no personal data).</summary>
    static string NoteMark(string? note) => VisitNoteRules.Check(note).Text is null ? "" : "; 메모 있음";

    static DateOnly? ParseDate(string? raw) =>
        string.IsNullOrEmpty(raw) ? null : DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
