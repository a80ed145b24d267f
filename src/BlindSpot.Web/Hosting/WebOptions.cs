namespace BlindSpot.Web.Hosting;

/// <summary>How `blindspot web` starts the application.</summary>
public sealed record WebOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where Kestrel listens (semicolon-separated). Plain HTTP is accepted on loopback only, unless <see cref="BehindProxy"/>.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The store (a SQLite file path or a PostgreSQL connection string); null: BlindSpot:Db of the configuration.</summary>
    public string? Db { get; init; }

    /// <summary>Runs the jobs host's Hangfire server and recurring schedule in this process.</summary>
    public bool WithJobs { get; init; }

    /// <summary>A TLS-terminating reverse proxy in front (X-Forwarded-For/Proto trusted from loopback); cookies are then HTTPS-only.</summary>
    public bool BehindProxy { get; init; }

    /// <summary>A signed-in session ends after this long without a request.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Log file (compact JSON, rolled daily); null for the console only.</summary>
    public string? LogFile { get; init; } = "logs/blindspot-web-.clef";

    /// <summary>Null when the options can run, else why not.</summary>
    public string? Validate()
    {
        foreach (var raw in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(raw.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                return $"--urls: '{raw}' is not an http:// or https:// address.";
            if (uri.Scheme == "http" && !uri.IsLoopback && !BehindProxy)
                return $"--urls: plain HTTP on '{raw}' would send passwords and personal data unencrypted. Listen on 127.0.0.1 behind a TLS reverse proxy (--behind-proxy) or use https:// (docs/web.md).";
        }
        if (SessionTimeout < TimeSpan.FromMinutes(1) || SessionTimeout > TimeSpan.FromHours(12)) return "The session timeout must be between 1 minute and 12 hours.";
        return null;
    }
}
