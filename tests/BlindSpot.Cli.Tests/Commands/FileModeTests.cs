using BlindSpot.Samples;
using BlindSpot.Testing;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Files with personal data are owner-only (issue 10, item 9): everything the CLI creates (the SQLite store and its
/// -wal/-shm, quarantine copies, worklists, tips-to-resolve files, target reports, logs) is 0600 and every folder it
/// creates 0700, even under umask 000: the mode is set at creation, not left to the umask. With
/// BlindSpot:Files:GroupReadable the group may read: 0640 and 0750, under an open umask (000) and a strict one (077),
/// which would otherwise take the group's bits away. Real files, real umasks, mode bits read from the file system.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IDisposable
{
    const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;
    const UnixFileMode GroupFile = OwnerFile | UnixFileMode.GroupRead;
    const UnixFileMode GroupFolder = OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    readonly TempDir dir = new();

    [Theory]
    [InlineData(false, "000")]
    [InlineData(true, "000")]
    [InlineData(true, "077")]
    public async Task EverythingTheCommandsCreateHasTheConfiguredModeWhateverTheUmask(bool groupReadable, string umask)
    {
        var (fileMode, folderMode) = groupReadable ? (GroupFile, GroupFolder) : (OwnerFile, OwnerFolder);
        var inbox = dir.File("inbox");
        new DistrictGenerator(new SampleOptions { Households = 500, Seed = 3, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(inbox);
        var made = dir.File("made"); // everything BlindSpot creates goes below this folder, which it creates too
        var db = Path.Combine(made, "store", "blindspot.db");
        var outDir = Path.Combine(made, "out");
        var environment = new Dictionary<string, string>
        {
            ["BlindSpot__Logging__File"] = Path.Combine(made, "logs", "cli.clef"),
            ["BlindSpot__Logging__MinimumLevel"] = "Information",
            ["BlindSpot__Logging__RollDaily"] = "false",
        };
        if (groupReadable) environment["BlindSpot__Files__GroupReadable"] = "true";

        foreach (var args in new[]
        {
            new[] { "ingest", "--inbox", inbox, "--db", db },
            ["worklists", "--date", "2026-11-02", "--out", outDir, "--db", db],
            ["targets", "--year", "2026", "--as-of", "2026-10-30", "--out", outDir, "--db", db],
        })
        {
            var run = await Cli.RunProcessAsync(environment, dir.Path, args, umask: umask);
            Assert.True(run.ExitCode == 0, string.Join(' ', args) + "\n" + run.Output + run.Error);
        }

        // SQLite gives its -wal and -shm files the database file's mode: open it here (this process's umask) to make them.
        await using (var c = new SqliteConnection($"Data Source={db};Pooling=false"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; SELECT COUNT(*) FROM households;";
            await cmd.ExecuteScalarAsync();
            Assert.True(File.Exists(db + "-wal") && File.Exists(db + "-shm"));
            Assert.Equal(fileMode, File.GetUnixFileMode(db + "-wal"));
            Assert.Equal(fileMode, File.GetUnixFileMode(db + "-shm"));
        }

        var files = Directory.GetFiles(made, "*", SearchOption.AllDirectories);
        var folders = Directory.GetDirectories(made, "*", SearchOption.AllDirectories).Append(made).ToList();
        // What must be there for the test to mean something.
        Assert.Contains(files, f => f == db);
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}quarantine{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Contains($"worklists{Path.DirectorySeparatorChar}2026-11-02", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("2026.csv", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("cli.clef", StringComparison.Ordinal));

        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == fileMode, $"{f}: {File.GetUnixFileMode(f)}"));
        Assert.All(folders, d => Assert.True(File.GetUnixFileMode(d) == folderMode, $"{d}: {File.GetUnixFileMode(d)}"));
    }

    [Fact]
    public async Task FoldersCreatedInASetGroupIdFolderKeepItsGroupBit()
    {
        // The operator's data folder, set-group-ID (chmod 2750): new files take its group, new folders its bit too.
        var data = Directory.CreateDirectory(dir.File("data")).FullName;
        File.SetUnixFileMode(data, GroupFolder | UnixFileMode.SetGroup);
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inbox, "crisis_202610.csv"),
            "household_id,reference_month,indicator,value\nYDP-1,2026-13,TELECOM_ARREARS,1\n"); // month 13: a quarantined row
        var db = Path.Combine(data, "store", "blindspot.db");

        var run = await Cli.RunProcessAsync(new() { ["BlindSpot__Files__GroupReadable"] = "true" }, dir.Path,
            ["ingest", "--inbox", inbox, "--db", db], umask: "077");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(GroupFolder | UnixFileMode.SetGroup, File.GetUnixFileMode(Path.Combine(data, "store")));
        Assert.Equal(GroupFolder | UnixFileMode.SetGroup, File.GetUnixFileMode(Path.Combine(data, "store", "quarantine")));
        Assert.Equal(GroupFile, File.GetUnixFileMode(db));
        Assert.All(Directory.GetFiles(Path.Combine(data, "store", "quarantine")), f => Assert.Equal(GroupFile, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task AGroupModeThatIsNotTrueOrFalseIsAUsageErrorOfOneLine()
    {
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var run = await Cli.RunProcessAsync(new() { ["BlindSpot__Files__GroupReadable"] = "yes" }, dir.Path,
            ["ingest", "--inbox", inbox, "--db", dir.File("blindspot.db")], umask: null);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("설정이 잘못되었습니다: BlindSpot:Files:GroupReadable 값을 읽을 수 없습니다 (true나 false이어야 합니다).", run.Error.Trim());
        Assert.False(File.Exists(dir.File("blindspot.db")));
    }

    [Fact]
    public async Task AWorklistRewrittenOverAnOlderWiderFileBecomesOwnerOnly()
    {
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var db = dir.File("blindspot.db");
        Assert.Equal(0, (await Cli.RunAsync("ingest", "--inbox", inbox, "--db", db)).ExitCode);
        var file = Path.Combine(dir.Path, "out", "targets", "2026.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "old");
        File.SetUnixFileMode(file, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await File.WriteAllTextAsync(file + ".tmp", "a crashed write");
        File.SetUnixFileMode(file + ".tmp", OwnerFile | UnixFileMode.OtherRead);

        var run = await Cli.RunAsync("targets", "--year", "2026", "--as-of", "2026-10-30", "--out", Path.Combine(dir.Path, "out"), "--db", db);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
        Assert.False(File.Exists(file + ".tmp"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
