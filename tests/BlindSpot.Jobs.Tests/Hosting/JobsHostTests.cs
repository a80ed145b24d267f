using System.Diagnostics;
using BlindSpot.Jobs.Hosting;
using BlindSpot.Jobs.Tests.Support;
using BlindSpot.Core.Worklists;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Samples;
using BlindSpot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlindSpot.Jobs.Tests.Hosting;

/// <summary>
/// The jobs host as an operator meets it (issue 10, item 10; issue 8): the real BlindSpot.Jobs process, against a real
/// PostgreSQL server or a real SQLite file. --help starts nothing; a database that is down at start is waited for, then
/// given up on with one line; invalid configuration is one line and exit code 2; a valid environment setting
/// (`BlindSpot__Worklists__ExplorationShare=0`) changes the lists of a `--once` run.
/// </summary>
public sealed class JobsHostTests : IDisposable
{
    readonly TempDir dir = new();

    /// <summary>Environment variables of the started process (besides the test's own).</summary>
    readonly Dictionary<string, string> environment = [];

    sealed record Exit(int Code, string Output, string Error);

    /// <summary>Starts BlindSpot.Jobs.dll (built beside the tests) in the test's folder.</summary>
    Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BlindSpot.Jobs.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    Task<Exit> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(2), args);

    /// <param name="limit">A guard against a host that never exits (the test fails), not a measure of its speed.</param>
    async Task<Exit> RunAsync(TimeSpan limit, params string[] args)
    {
        using var p = Start(args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("the jobs host did not exit: " + await output);
        }
        return new Exit(p.ExitCode, await output, await error);
    }

    static void AssertOneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + text);
        Assert.DoesNotContain("   at ", text);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task HelpPrintsTheSwitchesAndStartsNothing(string help)
    {
        var run = await RunAsync("--db", "./blindspot.db", help);

        Assert.Equal(0, run.Code);
        Assert.Contains("--db", run.Output);
        Assert.Contains("--trigger", run.Output);
        Assert.Empty(run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path)); // no store, no log folder, no out folder
    }

    [Fact]
    public async Task ANationalServerRefusesToRunOnceAsOneStore()
    {
        // Refused before any connection is tried (nothing listens on port 1).
        var run = await RunAsync("--db", "Host=127.0.0.1;Port=1;Username=u;Database=national", "--districts", "d01,d02", "--once",
            "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));
        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("--trigger district-runs", run.Error);
    }

    [Fact]
    public async Task ANationalServerLeavesTheNationalDatabaseToTheQueue()
    {
        // The national database holds Hangfire's queue; each district's tables live in the district's own database. A
        // national server that migrated BlindSpot:Db as a store left an empty one-district schema there, which a web app
        // or a CLI pointed at it by mistake would show as a district with no households.
        var server = await PostgresServer.SharedAsync();
        var national = await server.CreateDatabaseAsync("queue");
        using var p = Start("--db", national, "--districts", "q1,q2", "--inbox", dir.File("inbox"), "--out", dir.File("out"),
            "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Recurring schedule registered", StringComparison.Ordinal)) break;
            }
            Assert.False(p.HasExited, "the national server stopped:\n" + string.Join('\n', lines));
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        Assert.Contains(lines, l => l.Contains("national: 2 districts", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("No store of its own", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Store open", StringComparison.Ordinal));

        await using var c = new Npgsql.NpgsqlConnection(national);
        await c.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var q = new Npgsql.NpgsqlCommand(sql, c);
            return (long)(await q.ExecuteScalarAsync())!;
        }
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
        Assert.True(await CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire'") > 0);
        Assert.Equal(BlindSpot.Jobs.Scheduling.Schedule.National.Count, await CountAsync("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'"));
    }

    [Fact]
    public async Task InvalidConfigurationIsOneLineAndExitCodeTwo()
    {
        var run = await RunAsync("--workers", "0", "--db", "./blindspot.db");
        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("Workers", run.Error);
    }

    [Fact]
    public async Task EnvironmentVariablesConfigureTheHostProcessItself()
    {
        // BlindSpot__Section__Key read by the real process (not an in-memory configuration): both values are checked at
        // start and named on the one line.
        environment["BlindSpot__Worklists__ExplorationShare"] = "1.5";
        environment["BlindSpot__Resolution__MaxCandidates"] = "0";
        var run = await RunAsync("--db", "./blindspot.db");

        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("BlindSpot:Worklists: ExplorationShare는 0에서 1 사이여야 합니다.", run.Error);
        Assert.Contains("BlindSpot:Resolution: MaxCandidates는 1 이상이어야 합니다.", run.Error);
        Assert.False(File.Exists(Path.Combine(dir.Path, "blindspot.db")));
    }

    [Fact]
    public async Task AValidEnvironmentSettingConfiguresTheWorklistsOfARunOnce()
    {
        // The issue's example, in the real process: BlindSpot__Worklists__ExplorationShare=0 and no 탐색 row in any
        // written worklist. The same district and day with the share left at its default does list 탐색 rows, so the
        // first half would fail if the process did not read its environment.
        var asOf = new DateOnly(2026, 10, 30);
        var zero = await SelectionsOfARunOnceAsync("share-zero", asOf, explorationShare: "0");
        var defaults = await SelectionsOfARunOnceAsync("share-default", asOf, explorationShare: null);

        Assert.NotEmpty(zero);
        Assert.DoesNotContain(RiskGrades.Korean(Selection.Exploration), zero);
        Assert.Contains(RiskGrades.Korean(Selection.Exploration), defaults);
    }

    /// <summary>
    /// Runs `BlindSpot.Jobs --once` on a generated district (the inbox delivered five minutes ago, outside the jobs
    /// host's quiet period) and returns the 선정구분 of every row of the worklists it wrote.
    /// </summary>
    async Task<List<string>> SelectionsOfARunOnceAsync(string name, DateOnly asOf, string? explorationShare)
    {
        var folder = Directory.CreateDirectory(dir.File(name)).FullName;
        var inbox = Path.Combine(folder, "inbox");
        var outDir = Path.Combine(folder, "out");
        new DistrictGenerator(new SampleOptions { Households = 2_000, Seed = 11, AsOf = asOf }).WriteInbox(inbox);
        foreach (var file in Directory.GetFiles(inbox)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
        environment.Remove("BlindSpot__Worklists__ExplorationShare");
        if (explorationShare is not null) environment["BlindSpot__Worklists__ExplorationShare"] = explorationShare;

        var run = await RunAsync(TimeSpan.FromMinutes(15), "--db", Path.Combine(folder, "blindspot.db"), "--inbox", inbox, "--out", outDir,
            "--log-file", Path.Combine(folder, "logs", "jobs.clef"), "--once", "--as-of", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(run.Code == 0, $"exit {run.Code}: {run.Error}");
        Assert.Contains("한 번 실행: 기준일 2026-10-30", run.Output);
        var files = Directory.GetFiles(Path.Combine(outDir, "worklists", "2026-11-02"), "*.csv");
        Assert.Equal(18, files.Length);
        var selections = new List<string>();
        foreach (var file in files)
        {
            // RFC 4180 as the worklists are written (a quoted address may hold a comma).
            using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(file) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
            var column = Array.IndexOf(parser.ReadFields()!, "선정구분");
            Assert.True(column >= 0, file);
            while (parser.ReadFields() is { } fields) selections.Add(fields[column]);
        }
        return selections;
    }

    [Theory]
    [InlineData("알 수 없는 옵션입니다: --bogus. (--help: 옵션 보기)", "--bogus")]
    [InlineData("알 수 없는 옵션입니다: -x. (--help: 옵션 보기)", "-x", "1")]
    [InlineData("--db 뒤에 값을 주세요. (--help: 옵션 보기)", "--inbox", "inbox", "--db")]
    [InlineData("--db 뒤에 값을 주세요. (--help: 옵션 보기)", "--db", "--workers", "2")]
    [InlineData("알 수 없는 인수가 있습니다: 값은 옵션 뒤에 주세요 (예: --db 경로). (--help: 옵션 보기)", "--workers", "2", "홍길동")]
    public async Task AMistypedSwitchIsOneKoreanLineAndExitCodeTwoAndStartsNothing(string expected, params string[] args)
    {
        // Without the check the configuration's command line ignores an unknown switch, and the server starts on ./blindspot.db.
        var run = await RunAsync([.. args, "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef")]);

        Assert.Equal(2, run.Code);
        Assert.Equal(expected, run.Error.Trim());
        Assert.False(File.Exists(dir.File("blindspot.db")));
    }

    [Fact]
    public async Task AnAppsettingsFileThatIsNotJsonIsOneLineAndExitCodeTwo()
    {
        await File.WriteAllTextAsync(dir.File("appsettings.json"), "{ \"BlindSpot\": ");
        var run = await RunAsync("--db", "./blindspot.db", "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));

        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.StartsWith("설정이 잘못되었습니다: 설정 파일 ", run.Error);
        Assert.Contains("appsettings.json을(를) 읽을 수 없습니다: JSON 형식이 잘못되었습니다", run.Error);
        Assert.False(File.Exists(dir.File("blindspot.db")));
    }

    [Fact]
    public async Task ADbThatIsAFolderIsOneLineAndExitCodeTwo()
    {
        // Found by the replay of issue 10: the store's refusal came out of a hosted service as an unhandled exception.
        var folder = Directory.CreateDirectory(dir.File("a-folder")).FullName;
        var run = await RunAsync("--db", folder, "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));

        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.Equal($"--db {folder}는 폴더입니다: SQLite 파일 경로를 주세요.", run.Error.Trim());
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Fact]
    public async Task ALogFileWhoseFolderCannotBeCreatedIsOneLineAndExitCodeOne()
    {
        // Found by the replay of issue 10: an unhandled IOException with a stack trace (the CLI and the web host already answered in one line).
        var file = dir.File("a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        var run = await RunAsync("--db", dir.File("blindspot.db"), "--log-file", Path.Combine(file, "jobs.clef"));

        Assert.Equal(1, run.Code);
        AssertOneLine(run.Error);
        Assert.Equal($"{file}을(를) 쓰거나 읽지 못했습니다: 경로가 읽기 전용이거나 파일이 아닌 것을 가리킵니다.", run.Error.Trim());
        Assert.DoesNotContain("   at ", run.Output);
        Assert.False(File.Exists(dir.File("blindspot.db")));
    }

    [Fact]
    public async Task AQuarantineFolderThatIsTheInboxIsAConfigurationError()
    {
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var run = await RunAsync("--db", dir.File("blindspot.db"), "--inbox", inbox, "--quarantine", inbox, "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));

        Assert.Equal(2, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("격리 폴더(--quarantine, BlindSpot:Quarantine)가 받은 파일 폴더(--inbox, BlindSpot:Inbox)와 같습니다", run.Error);
    }

    [Fact]
    public async Task ADatabaseThatStaysDownIsGivenUpOnAfterTheWaitWithOneLineAndExitCodeOne()
    {
        await using var nothing = new TcpForwarder(1); // never started: nothing listens on its port
        var run = await RunAsync("--db", $"Host=127.0.0.1;Port={nothing.Port};Database=blindspot;Username=postgres;Password=hunter2",
            "--BlindSpot:Jobs:DatabaseWait=00:00:03", "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));

        Assert.Equal(1, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("PostgreSQL 서버에 연결할 수 없습니다", run.Error);
        Assert.Contains("not reachable yet", run.Output); // the log says it is waiting, attempt by attempt
        Assert.DoesNotContain("hunter2", run.Output + run.Error);
        // It tried until the end of the wait (the replay found it giving up after 1 s of 3: the next pause, 2 s, would
        // have gone past the end, so it stopped instead of making a last attempt at 3 s).
        var waited = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Error, @"\((\d+)초 기다렸습니다").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(waited >= 3, run.Error);
    }

    [Fact]
    public async Task ALoginThePostgresServerRefusesIsNotWaitedFor()
    {
        var server = await PostgresServer.SharedAsync();
        var run = await RunAsync("--db", $"postgresql://nobody_here:hunter2@127.0.0.1:{server.Port}/postgres",
            "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));

        Assert.Equal(1, run.Code);
        AssertOneLine(run.Error);
        Assert.Contains("로그인에 실패했습니다", run.Error);
        Assert.DoesNotContain("not reachable yet", run.Output);
    }

    [Fact]
    public async Task ADatabaseThatComesUpLaterIsWaitedForAndTheHostStarts()
    {
        var server = await PostgresServer.SharedAsync();
        var db = new Npgsql.NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("wait"));
        await using var later = new TcpForwarder(server.Port);
        db.Port = later.Port;

        using var p = Start("--db", db.ConnectionString, "--BlindSpot:Jobs:DatabaseWait=00:01:00", "--BlindSpot:Jobs:RegisterSchedule=false",
            "--inbox", dir.File("inbox"), "--out", dir.File("out"), "--log-file", Path.Combine(dir.Path, "logs", "jobs.clef"));
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var started = false;
            while (!started && await p.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("not reachable yet", StringComparison.Ordinal) && lines.Count(l => l.Contains("not reachable yet", StringComparison.Ordinal)) == 2)
                    later.Start(); // the server "comes up" after two failed attempts
                started = line.Contains("Store open", StringComparison.Ordinal);
            }
            Assert.True(started, "the host never opened its store:\n" + string.Join('\n', lines));
            Assert.False(p.HasExited);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        Assert.Contains(lines, l => l.Contains("reachable after", StringComparison.Ordinal));
    }

    [Fact]
    public void TheScheduledIngestWaitsAMinuteOfQuietUnlessConfiguredOtherwise()
    {
        TimeSpan Quiet(params string[] args)
        {
            using var host = JobsHost.CreateBuilder([.. args, "--log-file", dir.File("quiet.clef")]).Build();
            return host.Services.GetRequiredService<IOptions<IngestOptions>>().Value.QuietPeriod;
        }

        Assert.Equal(TimeSpan.FromSeconds(60), Quiet("--db", "./never-opened.db"));
        Assert.Equal(TimeSpan.Zero, Quiet("--db", "./never-opened.db", "--BlindSpot:Ingest:QuietPeriod=00:00:00"));
        Assert.Equal(TimeSpan.Zero, new IngestOptions().QuietPeriod); // the CLI reads what it is told to, at once
    }

    public void Dispose() => dir.Dispose();
}
