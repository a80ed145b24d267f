using BlindSpot.Web.Accounts;
using BlindSpot.Web.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;

namespace BlindSpot.Web.Hosting;

public static class WebApplicationExtensions
{
    /// <summary>The request pipeline: headers, error pages, static files from the assembly, sign-in, pages, downloads, Hangfire.</summary>
    public static WebApplication UseBlindSpotWeb(this WebApplication app, WebOptions options)
    {
        if (options.BehindProxy)
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/status/500");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebApp).Assembly, "BlindSpot.Web.wwwroot"),
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        DongWork.WorklistDownloads.Map(app);
        Dashboard.DashboardDownloads.Map(app);
        // Admins only; Authorization = [] removes Hangfire's own filter, which would let any loopback request in.
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            AppPath = "/",
            DashboardTitle = "BlindSpot 작업",
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
