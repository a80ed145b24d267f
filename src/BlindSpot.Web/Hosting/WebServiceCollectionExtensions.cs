using BlindSpot.Core.Storage;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Hosting.Composition;
using BlindSpot.Pipeline.Dashboard;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Worklists;
using BlindSpot.Web.Accounts;
using BlindSpot.Web.Audit;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.WebEncoders;

namespace BlindSpot.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    public const string CookieName = "blindspot.auth";

    /// <summary>
    /// The web host's services: the store, use cases and Hangfire exactly as the jobs host composes them (with its
    /// server and schedule only when <see cref="WebOptions.WithJobs"/>), accounts, audit, cookie sign-in, policies,
    /// Razor Pages and antiforgery.
    /// </summary>
    /// <summary>
    /// Accounts and the audit log over the composition root's store: the web host's sign-in and admin pages, and the
    /// CLI's `users` command, which manages the same accounts. Calling it twice adds nothing.
    /// </summary>
    public static IServiceCollection AddBlindSpotAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AccountService(sp.GetRequiredService<IBlindSpotStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AuditLog(sp.GetRequiredService<IBlindSpotStore>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IServiceCollection AddBlindSpotWeb(this IServiceCollection services, IConfiguration configuration, WebOptions options)
    {
        // The one composition root (options, store, use cases) through the jobs host's registration, which adds
        // Hangfire's storage (for the dashboard) and, with --with-jobs, its server and recurring schedule.
        services.AddBlindSpotJobs(configuration, withServer: options.WithJobs);

        services.AddBlindSpotAccounts();
        // Visit notes are read by the dong's own pages only (nothing else in any host asks for them).
        services.AddSingleton<IVisitNoteStore>(sp => sp.GetRequiredService<IBlindSpotStore>());

        // Loopback HTTP (a clerk's own machine, the tests) cannot carry Secure cookies; anywhere else they are HTTPS-only.
        var secure = options.BehindProxy || options.Urls.Contains("https://", StringComparison.OrdinalIgnoreCase)
            ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        services.AddHttpContextAccessor();
        services.AddSingleton<IAuthorizationHandler, OwnDongHandler>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = options.SessionTimeout;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = async context =>
            {
                // A 403 page, not a redirect: the page says so in Korean (status code pages), and the attempt is audited.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                await audit.WriteAsync(context.HttpContext.User, Core.Audit.AuditActions.Forbidden,
                    context.HttpContext.GetRouteValue("dong") as string, null, context.Request.Path.Value, context.HttpContext.RequestAborted);
            };
        });
        services.AddAuthorization(Policies.Add);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "blindspot.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.FormFieldName = "__RequestVerificationToken";
        });
        // The one-line messages after a post-redirect-get (they name a household id): the same flags as the other cookies.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "blindspot.msg";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        // Korean text as text in the HTML (the default encoder writes every Hangul syllable as an entity).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Dongs", Policies.DongStaff);
            o.Conventions.AuthorizeFolder("/Models", Policies.Analyst);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Status");
        });
        return services;
    }
}
