using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Stores are opened on purpose (issue 10, item 7): only ingest and run create a store; every other command given a
/// --db that names no store answers one Korean line with exit code 2 and creates nothing. Real files, a real
/// PostgreSQL server.
/// </summary>
public sealed class StoreOpeningTests : IDisposable
{
    readonly TempDir dir = new();

    /// <summary>Every command that reads a store, with what it needs besides --db.</summary>
    public static TheoryData<string[]> ReadingCommands => new()
    {
        new[] { "worklists", "--date", "2026-11-02", "--out", "OUT" },
        new[] { "targets", "--year", "2026", "--as-of", "2026-10-30", "--out", "OUT" },
        new[] { "train", "--as-of", "2026-10-30" },
        new[] { "models" },
        new[] { "models", "--card", "m-1" },
        new[] { "promote", "m-1" },
        new[] { "score", "--as-of", "2026-10-30" },
        new[] { "users", "list" },
        new[] { "users", "disable", "nobody" },
    };

    string[] With(string[] command, string db) =>
        [.. command.Select(a => a == "OUT" ? Path.Combine(dir.Path, "out") : a), "--db", db];

    static void AssertOneLine(Cli.Result run)
    {
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
    }

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task AMistypedSqlitePathIsRefusedAndCreatesNoFileAndNoFolder(string[] command)
    {
        var db = Path.Combine(dir.Path, "typo", "deeper", "blindspot.db");
        var run = await Cli.RunAsync(With(command, db));

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains("저장소가 없습니다", run.Error);
        Assert.Contains(db, run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task IngestCreatesTheStoreThatTheOtherCommandsThenOpen()
    {
        var db = Path.Combine(dir.Path, "new", "blindspot.db");
        var inbox = Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName;

        var ingest = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", db);
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        Assert.True(File.Exists(db));

        var models = await Cli.RunAsync("models", "--db", db);
        Assert.True(models.ExitCode == 0, models.Output + models.Error);
    }

    [Fact]
    public async Task AnEmptyFileIsNotAStoreForACommandThatMayNotCreateOne()
    {
        var db = Path.Combine(dir.Path, "empty.db");
        await File.WriteAllBytesAsync(db, []);
        var run = await Cli.RunAsync("models", "--db", db);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Equal(0, new FileInfo(db).Length);
    }

    [Theory]
    [InlineData("x;y.db")]
    [InlineData("Password=hunter2;Database=blindspot")]
    [InlineData("Server=;Password=hunter2")]
    [InlineData("Data Source=a=b.db")]
    public async Task AValueWithSemicolonOrEqualsIsNeverTakenAsAFilePath(string db)
    {
        var run = await RunInDirAsync("ingest", "--inbox", Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName, "--db", db);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.DoesNotContain("hunter2", run.Output + run.Error);
        Assert.Equal(["inbox"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=99999;Database=blindspot;Username=postgres;Password=hunter2", "Port는 1에서 65535 사이여야 합니다")]
    [InlineData("postgresql://postgres:hunter2@127.0.0.1:70000/blindspot", "postgresql:// 주소를 읽을 수 없습니다")]
    public async Task APortOutsideTheRangeIsAConfigurationErrorNotACrash(string db, string expected)
    {
        // Found by the replay of issue 10: Npgsql took the port and failed only when connecting (exit 134, a trace).
        var run = await RunInDirAsync("models", "--db", db);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("hunter2", run.Output + run.Error);
    }

    [Fact]
    public async Task ADataSourceConnectionStringNamesASqliteFile()
    {
        var db = Path.Combine(dir.Path, "by-connection-string.db");
        var inbox = Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName;
        var run = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", $"Data Source={db}");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.True(File.Exists(db));
    }

    [Theory]
    [InlineData("/dev/null", "일반 파일이 아닙니다")]
    [InlineData("FOLDER", "폴더입니다")]
    public async Task ADeviceOrAFolderIsNotAStore(string db, string expected)
    {
        var run = await Cli.RunAsync("ingest", "--inbox", Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName,
            "--db", db == "FOLDER" ? dir.Path : db);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public async Task AFileThatIsNotADatabaseIsOneLineAndExitCodeOne()
    {
        var db = Path.Combine(dir.Path, "notes.db");
        await File.WriteAllTextAsync(db, "this is not a database, it is somebody's notes\n");
        var run = await Cli.RunAsync("ingest", "--inbox", Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName, "--db", db);
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains("SQLite 데이터베이스 파일이 아닙니다", run.Error);
    }

    [Fact]
    public async Task AnEmptyPostgresDatabaseIsNotAStoreForACommandThatMayNotCreateOne()
    {
        var server = await PostgresServer.SharedAsync();
        var db = await server.CreateDatabaseAsync("open");
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", Path.Combine(dir.Path, "out"), "--db", db);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains("BlindSpot 저장소가 없습니다", run.Error);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));

        // ingest creates it; then the same command works
        var ingest = await Cli.RunAsync("ingest", "--inbox", Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName, "--db", db,
            "--quarantine", Path.Combine(dir.Path, "q"));
        Assert.True(ingest.ExitCode == 0, ingest.Output + ingest.Error);
        var models = await Cli.RunAsync("models", "--db", db);
        Assert.True(models.ExitCode == 0, models.Output + models.Error);
    }

    [Fact]
    public async Task AnotherApplicationsSqliteFileIsRefusedEvenByIngestAndLeftByteForByte()
    {
        // A mistyped --db that hits another program's database: ingest and run create stores, but not inside that one.
        var db = Path.Combine(dir.Path, "accounting.db");
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id integer PRIMARY KEY, amount integer); INSERT INTO invoices VALUES (1, 100);";
            await cmd.ExecuteNonQueryAsync();
        }
        var before = await File.ReadAllBytesAsync(db);
        var inbox = Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inbox, "capacity.csv"), "dong,daily_visits\n도림동,2\n");

        foreach (var command in new[] { new[] { "ingest", "--inbox", inbox }, ["run", "--inbox", inbox, "--out", Path.Combine(dir.Path, "out"), "--as-of", "2026-10-30"], ["models"] })
        {
            var run = await Cli.RunAsync([.. command, "--db", db]);
            Assert.True(run.ExitCode == 2, $"{command[0]}: exit {run.ExitCode} {run.Output} {run.Error}");
            AssertOneLine(run);
            Assert.Contains($"{db}는 BlindSpot 저장소가 아닙니다: 다른 프로그램의 표가 1개 있는 데이터베이스라 쓰지 않았습니다.", run.Error);
        }
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "quarantine")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public async Task AnotherApplicationsPostgresDatabaseIsRefusedEvenByIngest()
    {
        var server = await PostgresServer.SharedAsync();
        var db = await server.CreateDatabaseAsync("foreign");
        await using (var c = new Npgsql.NpgsqlConnection(db))
        {
            await c.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("CREATE TABLE invoices (id integer PRIMARY KEY, amount integer)", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var inbox = Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName;

        var run = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", db, "--quarantine", Path.Combine(dir.Path, "q"));

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains("BlindSpot 저장소가 아닙니다: 다른 프로그램의 표가 1개 있는 데이터베이스라 쓰지 않았습니다.", run.Error);
        await using var check = new Npgsql.NpgsqlConnection(db);
        await check.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AStoreWrittenByANewerBlindSpotIsRefusedNotWrittenWithAnOlderSchema(string engine)
    {
        var db = engine == "sqlite" ? Path.Combine(dir.Path, "newer.db") : await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("newer");
        var inbox = Directory.CreateDirectory(Path.Combine(dir.Path, "inbox")).FullName;
        var created = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", db, "--quarantine", Path.Combine(dir.Path, "q"));
        Assert.True(created.ExitCode == 0, created.Output + created.Error);
        long newer;
        // What a newer BlindSpot's migration leaves: one more row in schema_version.
        System.Data.Common.DbConnection c = engine == "sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False")
            : new Npgsql.NpgsqlConnection(db);
        await using (c)
        {
            await c.OpenAsync();
            await using var max = c.CreateCommand();
            max.CommandText = "SELECT MAX(version) FROM schema_version";
            newer = Convert.ToInt64(await max.ExecuteScalarAsync()) + 1;
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"INSERT INTO schema_version (version, description) VALUES ({newer}, 'from a newer BlindSpot')";
            await cmd.ExecuteNonQueryAsync();
        }

        foreach (var command in new[] { new[] { "models" }, ["ingest", "--inbox", inbox, "--quarantine", Path.Combine(dir.Path, "q")] })
        {
            var run = await Cli.RunAsync([.. command, "--db", db]);
            Assert.True(run.ExitCode == 2, $"{command[0]}: exit {run.ExitCode} {run.Output} {run.Error}");
            AssertOneLine(run);
            Assert.Contains($"이 프로그램보다 새 BlindSpot이 만들었습니다 (스키마 {newer}, 이 프로그램은 {newer - 1}까지)", run.Error);
        }
    }

    [Fact]
    public async Task PostgresFailuresAreOneLineExitCodeOneAndNeverShowThePassword()
    {
        var server = await PostgresServer.SharedAsync();
        var down = $"Host=127.0.0.1;Port={FreePort()};Database=blindspot;Username=postgres;Password=hunter2;Timeout=3";
        var noDatabase = $"Host=127.0.0.1;Port={server.Port};Database=no_such_db;Username=postgres;Password=hunter2";
        var noUser = $"postgresql://nobody_here:hunter2@127.0.0.1:{server.Port}/postgres";

        foreach (var (db, expected) in new[] { (down, "연결할 수 없습니다"), (noDatabase, "데이터베이스가 없습니다"), (noUser, "로그인에 실패했습니다") })
        {
            var run = await RunInDirAsync("models", "--db", db);
            Assert.True(run.ExitCode == 1, $"{expected}: exit {run.ExitCode} {run.Error}");
            AssertOneLine(run);
            Assert.Contains(expected, run.Error);
            Assert.DoesNotContain("hunter2", run.Output + run.Error);
        }
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>The CLI as its own process in the test's folder, so a relative path would land there.</summary>
    Task<Cli.Result> RunInDirAsync(params string[] args) => Cli.RunProcessAsync([], dir.Path, args);

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
