using System.Net;
using System.Net.Sockets;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// `blindspot web --with-jobs` runs the jobs in the web process: started before its PostgreSQL server (a machine boot),
/// it waits for the database exactly as the jobs host does (BlindSpot:Jobs:DatabaseWait), then gives up with one line
/// and exit code 1 (issue 10, item 10). The real command as its own process, against a loopback port nothing listens on.
/// </summary>
public sealed class WebCommandTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static int PortNobodyListensOn()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public async Task WithJobsWaitsForADatabaseThatIsDownThenGivesUpWithOneLineAndExitCodeOne()
    {
        var db = $"Host=127.0.0.1;Port={PortNobodyListensOn()};Database=blindspot;Username=postgres;Password=hunter2";
        // 15 s: on a machine loaded ~40 deep, the first attempt (Npgsql's first open, compiled on the way) took over 4 s of
        // a 5 s wait, and the second attempt's line never came.
        var run = await Cli.RunProcessAsync(new() { ["BlindSpot__Jobs__DatabaseWait"] = "00:00:15" }, dir.Path,
            "web", "--with-jobs", "--urls", "http://127.0.0.1:0", "--db", db, "--log-file", dir.File("logs/web-.clef"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("PostgreSQL 서버에 연결할 수 없습니다", line);
        Assert.Contains("BlindSpot:Jobs:DatabaseWait", line); // it gave up after waiting, not at the first refusal
        Assert.Contains("not reachable yet (attempt 2)", run.Output); // the log says it is waiting, attempt by attempt
        Assert.DoesNotContain("hunter2", run.Output + run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ADbThatIsAFolderIsOneLineAndExitCodeTwo(bool withJobs)
    {
        var folder = Directory.CreateDirectory(dir.File("a-folder")).FullName;
        var run = await Cli.RunProcessAsync(new(), dir.Path,
            ["web", "--urls", "http://127.0.0.1:0", "--db", folder, "--log-file", dir.File("logs/web-.clef"), .. withJobs ? new[] { "--with-jobs" } : []]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"--db {folder}는 폴더입니다: SQLite 파일 경로를 주세요.", run.Error.Trim());
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [Fact]
    public async Task WithoutJobsADatabaseThatIsDownIsOneLineAtOnceAndExitCodeOne()
    {
        var db = $"Host=127.0.0.1;Port={PortNobodyListensOn()};Database=blindspot;Username=postgres;Password=hunter2";
        var run = await Cli.RunProcessAsync(new() { ["BlindSpot__Jobs__DatabaseWait"] = "00:01:00" }, dir.Path,
            "web", "--urls", "http://127.0.0.1:0", "--db", db, "--log-file", dir.File("logs/web-.clef"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"PostgreSQL 서버에 연결할 수 없습니다 (127.0.0.1:{db.Split("Port=")[1].Split(';')[0]}/blindspot): 서버가 켜져 있는지, 주소와 포트가 맞는지 확인하세요.", line);
        Assert.DoesNotContain("attempt 2", run.Output); // no waiting: the jobs are not running here
        Assert.DoesNotContain("hunter2", run.Output + run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    [Fact]
    public async Task ANationalConfigurationIsRefusedWithOneLineAndExitCodeTwo()
    {
        // Nationally the web app is opened on one district's own database; with the district codes it would open the
        // national database, which holds only the job queue. Refused before any connection (nothing listens on the port).
        var db = $"Host=127.0.0.1;Port={PortNobodyListensOn()};Database=blindspot;Username=postgres";
        var run = await Cli.RunProcessAsync(new() { ["BlindSpot__Jobs__Districts"] = "d01,d02" }, dir.Path,
            "web", "--with-jobs", "--urls", "http://127.0.0.1:0", "--db", db, "--log-file", dir.File("logs/web-.clef"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--db로 여세요", line);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }
}
