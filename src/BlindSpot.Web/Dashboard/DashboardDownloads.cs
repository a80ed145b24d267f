using BlindSpot.Core.Time;
using BlindSpot.Csv.Output;
using BlindSpot.Pipeline.Dashboard;
using BlindSpot.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BlindSpot.Web.Dashboard;

/// <summary>Each dashboard table as CSV (UTF-8 with BOM, as every BlindSpot output file): /dashboard/{table}.csv.</summary>
internal static class DashboardDownloads
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/dashboard/{table}.csv", async (string table, DashboardService dashboards, TimeProvider clock, CancellationToken ct) =>
        {
            if (!DashboardTables.Ids.Contains(table)) return Results.NotFound();
            var d = await dashboards.BuildAsync(Kst.Today(clock), ct);
            var t = DashboardTables.Build(table, d);
            using var buffer = new MemoryStream();
            await TableCsvWriter.WriteAsync(buffer, t.Headers, t.Rows, ct);
            return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", $"{table}_{d.AsOf:yyyy-MM-dd}.csv");
        }).RequireAuthorization(Policies.Dashboard);
}
