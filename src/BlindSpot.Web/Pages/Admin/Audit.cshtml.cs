using System.Globalization;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Admin;

/// <summary>The append-only audit table with filters (date range, user, action, dong).</summary>
public sealed class AuditModel(IBlindSpotStore store) : PageModel
{
    public const int Limit = 500;

    public static readonly string[] Actions = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// What each stored action code says to an admin (the page is Korean; the codes stay in the table, in the filter's
    /// value and in docs/web.md). Every code of <see cref="AuditActions"/> has one (AuditLabelsTests).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.SignIn] = "로그인",
        [AuditActions.SignInFailed] = "로그인 실패",
        [AuditActions.SignOut] = "로그아웃",
        [AuditActions.ViewWorklist] = "방문 목록 열람",
        [AuditActions.DownloadWorklist] = "방문 목록 내려받기",
        [AuditActions.ViewOutstanding] = "미방문 세대 열람",
        [AuditActions.ViewTips] = "미해결 제보 열람",
        [AuditActions.ViewQuarantine] = "반려 자료 열람",
        [AuditActions.ViewVisitNotes] = "방문 메모 열람",
        [AuditActions.OutcomeEntered] = "방문 결과 입력",
        [AuditActions.OutcomeCorrected] = "방문 결과 정정",
        [AuditActions.TipConfirmed] = "제보 세대 확인",
        [AuditActions.TipRejected] = "제보 후보 아님",
        [AuditActions.Promote] = "모델 승격",
        [AuditActions.RollBack] = "모델 되돌리기",
        [AuditActions.AccountAdded] = "계정 추가",
        [AuditActions.AccountDisabled] = "계정 중지",
        [AuditActions.Forbidden] = "권한 없는 접근",
    };

    /// <summary>The Korean label of a stored action code; a code this build does not know is shown as stored.</summary>
    public static string Label(string action) => Labels.TryGetValue(action, out var label) ? label : action;

    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "username")] public string? Username { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    [FromQuery(Name = "dong")] public string? Dong { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Entries = await store.ListAuditAsync(new AuditQuery(
            Day(From)?.ToDateTime(TimeOnly.MinValue), Day(To)?.AddDays(1).ToDateTime(TimeOnly.MinValue),
            Blank(Username), Blank(Action), Blank(Dong), Limit), ct);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    static DateOnly? Day(string? raw) =>
        DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
