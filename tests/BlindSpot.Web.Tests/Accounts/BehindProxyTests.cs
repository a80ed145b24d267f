using System.Net;
using BlindSpot.Web.Hosting;
using BlindSpot.Web.Tests.Support;

namespace BlindSpot.Web.Tests.Accounts;

/// <summary>
/// `blindspot web --behind-proxy`, started for real over the fixture's store: a request the proxy forwarded as HTTPS
/// gets Secure cookies and HSTS; one that did not come over HTTPS (X-Forwarded-Proto missing) is refused with one
/// Korean line, not a server error.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BehindProxyTests(WebFixture web)
{
    [Fact]
    public async Task TakesOnlyRequestsTheProxyForwardedAsHttps()
    {
        var app = WebApp.Build(new WebOptions { Urls = "http://127.0.0.1:0", Db = web.Db, BehindProxy = true, LogFile = null }, null, out var problem)
                  ?? throw new InvalidOperationException(problem);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.Urls.Single()) };

            using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/login");
            forwarded.Headers.Add("X-Forwarded-Proto", "https");
            using var ok = await http.SendAsync(forwarded);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var cookies = ok.Headers.GetValues("Set-Cookie").ToList();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
            Assert.Equal("max-age=31536000", Assert.Single(ok.Headers.GetValues("Strict-Transport-Security")));

            using var plain = await http.GetAsync("/login");
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
            Assert.Contains("HTTPS로만 접속할 수 있습니다", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(plain.Headers.Contains("Set-Cookie"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
