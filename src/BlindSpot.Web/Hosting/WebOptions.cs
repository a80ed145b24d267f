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
                return $"--urls: '{raw}'는 http://나 https:// 주소가 아닙니다.";
            if (uri.Scheme == "http" && !uri.IsLoopback && !BehindProxy)
                return $"--urls: '{raw}'의 암호화되지 않은 HTTP로는 암호와 개인정보가 그대로 전송됩니다. 127.0.0.1에서 TLS 리버스 프록시 뒤에 두거나(--behind-proxy) https://를 쓰세요 (docs/web.md).";
        }
        if (SessionTimeout < TimeSpan.FromMinutes(1) || SessionTimeout > TimeSpan.FromHours(12)) return "세션 만료 시간은 1분에서 12시간 사이여야 합니다.";
        return null;
    }
}
