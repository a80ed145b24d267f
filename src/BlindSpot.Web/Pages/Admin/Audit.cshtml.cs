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
