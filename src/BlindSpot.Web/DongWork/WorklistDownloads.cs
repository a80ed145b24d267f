using System.Globalization;
using BlindSpot.Core.Audit;
using BlindSpot.Core.Worklists;
using BlindSpot.Csv.Output;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Audit;
using MiniExcelLibs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BlindSpot.Web.DongWork;

/// <summary>
/// The dong's worklist as files: worklist.csv, byte for byte the contract file the worklist job writes
/// (<see cref="WorklistCsvWriter"/>), and worklist.xlsx with the same Korean headers, every cell of text written as
/// text (never a formula). Own dong only; every download is audited.
/// </summary>
internal static class WorklistDownloads
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/dongs/{dong}/worklist.csv", CsvAsync).RequireAuthorization(Policies.DongStaff);
        app.MapGet("/dongs/{dong}/worklist.xlsx", XlsxAsync).RequireAuthorization(Policies.DongStaff);
    }

    static async Task<IResult> CsvAsync(string dong, string? date, HttpContext http, DongWorklistQuery query, AuditLog audit, CancellationToken ct)
    {
        if (await LoadAsync(dong, date, http, query, audit, "csv", ct) is not { } list) return Results.BadRequest();
        using var buffer = new MemoryStream();
        await WorklistCsvWriter.WriteAsync(buffer, list.Lines.Select(l => l.Row).ToList(), ct);
        return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", FileName(list, "csv"));
    }

    static async Task<IResult> XlsxAsync(string dong, string? date, HttpContext http, DongWorklistQuery query, AuditLog audit, CancellationToken ct)
    {
        if (await LoadAsync(dong, date, http, query, audit, "xlsx", ct) is not { } list) return Results.BadRequest();
        var rows = list.Lines.Select(l => Sheet.Row(WorklistRow.Headers, WorklistCsvWriter.Fields(l.Row))).ToList();
        return Results.File(Sheet.Xlsx(rows, WorklistRow.Headers, list.Dong),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(list, "xlsx"));
    }

    static async Task<DongListView?> LoadAsync(string dong, string? date, HttpContext http, DongWorklistQuery query, AuditLog audit, string kind, CancellationToken ct)
    {
        DateOnly day;
        if (string.IsNullOrEmpty(date)) day = query.CurrentListDay();
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return null;
        var list = await query.LoadAsync(dong, day, ct);
        await audit.WriteAsync(http.User, AuditActions.DownloadWorklist, dong, list.Lines.Select(l => l.Row.HouseholdId),
            $"{day:yyyy-MM-dd} {kind}", ct);
        return list;
    }

    static string FileName(DongListView list, string ext) => $"{list.Dong}_{list.Date:yyyy-MM-dd}.{ext}";
}

/// <summary>XLSX downloads (MiniExcel): Korean headers, every value a text cell, so nothing typed upstream runs as a formula.</summary>
internal static class Sheet
{
    public static Dictionary<string, object?> Row(IReadOnlyList<string> headers, string?[] cells)
    {
        var row = new Dictionary<string, object?>(headers.Count, StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++) row[headers[i]] = cells[i] ?? "";
        return row;
    }

    public static byte[] Xlsx(IReadOnlyList<Dictionary<string, object?>> rows, IReadOnlyList<string> headers, string sheetName)
    {
        using var buffer = new MemoryStream();
        // An empty list still gets its header row (and one empty line).
        buffer.SaveAs(rows.Count > 0 ? rows : [Row(headers, new string?[headers.Count])], sheetName: sheetName);
        return buffer.ToArray();
    }
}
