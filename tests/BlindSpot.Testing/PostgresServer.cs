using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BlindSpot.Testing;

/// <summary>
/// A real PostgreSQL server started from the machine's own binaries (initdb + pg_ctl on a temp folder and a free
/// loopback port): no Docker here. There is no silent skip: if the binaries are missing or the server does not
/// start, every test that needs it fails with a message saying how to install it.
/// One server per test process; each caller gets its own fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static PostgresServer? shared;

    readonly string dataDir;
    readonly string binDir;
    readonly bool asPostgresUser;
    int databases;

    public int Port { get; }

    /// <summary>The server's main process (postmaster.pid's first line), or null when it is not running: benchmarks read its CPU.</summary>
    public int? ProcessId
    {
        get
        {
            var pid = Path.Combine(dataDir, "postmaster.pid");
            try
            {
                return File.Exists(pid) && int.TryParse(File.ReadLines(pid).FirstOrDefault(), out var id) ? id : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    PostgresServer(string binDir, string dataDir, int port, bool asPostgresUser)
    {
        this.binDir = binDir;
        this.dataDir = dataDir;
        Port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /// <summary>The process-wide server, started on first use and stopped when the process exits.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Stop();
            }
            return shared;
        }
        finally { Gate.Release(); }
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=30;Command Timeout=120";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var c = new NpgsqlConnection(ConnectionString("postgres"));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops and starts the server on the same data folder (a database restart, for fault tests).</summary>
    public async Task RestartAsync(TimeSpan downtime = default)
    {
        PgCtl("stop", "-m", "fast", "-w");
        if (downtime > TimeSpan.Zero) await Task.Delay(downtime);
        PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(dataDir, "server.log"), "-o", $"-p {Port} -k {dataDir} -h 127.0.0.1");
    }

    public void StopServer() => PgCtl("stop", "-m", "immediate", "-w");

    public void StartServer() =>
        PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(dataDir, "server.log"), "-o", $"-p {Port} -k {dataDir} -h 127.0.0.1");

    static async Task<PostgresServer> StartAsync()
    {
        InheritedFiles.CloseOnExecAll();
        var bin = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install -y postgresql) - .ci/run does this on a fresh machine.");
        SweepAbandoned();
        var root = Path.Combine(Path.GetTempPath(), $"blindspot-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) Run("chown", "postgres:postgres", root);
        var port = FreePort();
        var server = new PostgresServer(bin, root, port, asPostgres);
        server.RunPg("initdb", "-D", root, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        File.AppendAllText(Path.Combine(root, "postgresql.conf"),
            "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\nshared_buffers = 128MB\n");
        server.StartServer();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>
    /// A test host that is killed (a cancelled run, a crash) never reaches ProcessExit: its server keeps running and
    /// its data folder stays behind; last month ~390 of them filled the disk. Before starting, stop the server of
    /// every folder whose test process is gone, and delete the folder. A folder whose process still lives (another
    /// test run at the same time) is left alone.
    /// </summary>
    static void SweepAbandoned()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "blindspot-pg-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[2], out var owner) || IsAlive(owner)) continue;
            try
            {
                var postmaster = Path.Combine(dir, "postmaster.pid");
                if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), out var server) && IsPostgres(server))
                    using (var p = Process.GetProcessById(server)) p.Kill(entireProcessTree: true);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine($"PostgresServer: could not clear the abandoned folder {dir}: {e.Message}");
            }
        }
    }

    static bool IsPostgres(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited && p.ProcessName.StartsWith("postgres", StringComparison.Ordinal); }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    static bool IsAlive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    async Task WaitReadyAsync()
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await using var c = new NpgsqlConnection(ConnectionString("postgres"));
                await c.OpenAsync();
                return;
            }
            catch (Exception) when (i < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    void Stop()
    {
        try { PgCtl("stop", "-m", "immediate", "-w"); } catch (InvalidOperationException) { }
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    void PgCtl(params string[] args) => RunPg("pg_ctl", ["-D", dataDir, .. args]);

    void RunPg(string tool, params string[] args)
    {
        var exe = Path.Combine(binDir, tool);
        if (asPostgresUser) Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Run(exe, args);
    }

    static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new InvalidOperationException($"{file} did not finish in 120 s."); }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return Path.GetDirectoryName(ResolveLink(Path.Combine(dir, "pg_ctl")));
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    static string ResolveLink(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
