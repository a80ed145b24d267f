using BlindSpot.Web.Accounts;
using BlindSpot.Web.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace BlindSpot.Web.Hosting;

public static class WebApplicationExtensions
{
    /// <summary>The request pipeline: headers, error pages, static files from the assembly, sign-in, pages, downloads, Hangfire.</summary>
    public static WebApplication UseBlindSpotWeb(this WebApplication app, WebOptions options)
    {
        if (options.BehindProxy)
            app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseSecurityHeaders();
        if (options.BehindProxy) app.Use(OnlyHttpsBehindTheProxy);
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

    /// <summary>
    /// Behind the TLS proxy every request must arrive as HTTPS (X-Forwarded-Proto: https): cookies are HTTPS-only there,
    /// so a plain one (a proxy that does not forward the scheme, a request straight to the port) would fail deep in
    /// antiforgery with a server error. It is refused at once, with one Korean line and a warning in the log.
    /// </summary>
    static async Task OnlyHttpsBehindTheProxy(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps)
        {
            await next(context);
            return;
        }
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebApplicationExtensions))
            .LogWarning("Refused a request that did not come over HTTPS behind the proxy (X-Forwarded-Proto missing or not https)");
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("HTTPS로만 접속할 수 있습니다. 주소가 https:// 로 시작하는지, 프록시가 X-Forwarded-Proto: https 를 보내는지 확인하세요.");
    }
}
