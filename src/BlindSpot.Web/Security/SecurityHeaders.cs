using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BlindSpot.Web.Security;

/// <summary>
/// Security headers on every response. The content security policy lets pages run only the application's own
/// scripts and styles (no inline script, nothing from another host). The Hangfire dashboard (admins only) keeps the
/// same script rule but needs inline styles.
/// </summary>
internal static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    const string HangfirePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Read the path now: by the time the response starts, the Hangfire dashboard has moved "/hangfire" into PathBase,
        // and its pages got the strict policy (their inline styles were blocked).
        var path = context.Request.Path;
        var hangfire = path.StartsWithSegments("/hangfire");
        var asset = path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js");
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = hangfire ? HangfirePolicy : Policy;
            // Over HTTPS (directly, or behind a TLS proxy with --behind-proxy) browsers are told to keep to HTTPS.
            if (context.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages with personal data must not stay in shared browser caches.
            if (!asset) h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
