namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Every mistake a clerk or an operator can make on the command line is one clear line and the right exit code
/// (issue 10, item 10): 2 for usage, 1 for the environment. Over a real store ingested from a generated district.
/// </summary>
public sealed class ErrorLineTests(ConfigurationTests.District district) : IClassFixture<ConfigurationTests.District>
{
    static void AssertOneLine(Cli.Result run)
    {
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("targets", "--year", "0")]
    [InlineData("targets", "--year", "2026", "--rate", "0")]
    [InlineData("worklists", "--date", "2026-11-02", "--out", "OUT", "--exploration-share", "2")]
    [InlineData("worklists", "--date", "2026-11-02", "--out", "OUT", "--exploration-share", "NaN")]
    [InlineData("train", "--as-of", "0001-01-01")]
    [InlineData("score", "--as-of", "9999-12-31")]
    [InlineData("worklists", "--date", "00010101", "--out", "OUT")]
    [InlineData("run", "--inbox", "OUT", "--out", "OUT", "--as-of", "2051-01-02")]
    public async Task AnOutOfRangeValueIsAUsageErrorOfOneLine(params string[] args)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "blindspot-never-" + Guid.NewGuid().ToString("N")[..8]);
        var run = await Cli.RunAsync([.. args.Select(a => a == "OUT" ? outDir : a), "--db", district.Db]);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.False(Directory.Exists(outDir));
    }

    [Theory]
    [InlineData("--year에는 2026처럼 정수를 주세요.", "targets", "--year", "abc")]
    [InlineData("--year 뒤에 값을 주세요.", "targets", "--year")]
    [InlineData("--exploration-share에는 0.05처럼 숫자를 주세요 (소수점은 .).", "worklists", "--date", "2026-11-02", "--out", "OUT", "--exploration-share", "x")]
    [InlineData("--households에는 2026처럼 정수를 주세요.", "samples", "--out", "OUT", "--households", "many")]
    [InlineData("--as-of에는 2026-10-30처럼 yyyy-MM-dd 형식의 날짜를 주세요.", "run", "--as-of", "notadate")]
    [InlineData("알 수 없는 옵션이나 명령입니다: --bogus.", "run", "--bogus")]
    [InlineData("알 수 없는 옵션이나 명령입니다: frob.", "frob")]
    [InlineData("--date는 한 번만 줄 수 있습니다.", "worklists", "--date", "2026-11-02", "--date", "2026-11-03", "--out", "OUT")]
    [InlineData("꼭 필요한 옵션이 빠졌습니다: --inbox, --out.", "run")]
    [InlineData("꼭 필요한 옵션이 빠졌습니다: --date.", "worklists", "--out", "OUT")]
    [InlineData("2027년은 기준일 2026-10-30에 아직 시작되지 않았습니다: --year나 --as-of를 확인하세요.", "targets", "--year", "2027", "--as-of", "2026-10-30")]
    [InlineData("--year에는 2026처럼 정수를 주세요.", "targets", "--year", "abc", "--as-of", "2026-10-30")]
    [InlineData("--as-of에는 2026-10-30처럼 yyyy-MM-dd 형식의 날짜를 주세요.", "worklists", "--date", "2026-11-02", "--as-of", "x", "--out", "OUT")]
    [InlineData("명령을 주세요: run, samples, ingest, worklists, targets, train, models, promote, score, web, users.")]
    public async Task AParseErrorIsOneKoreanLineAndExitCodeTwo(string expected, params string[] args)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "blindspot-never-" + Guid.NewGuid().ToString("N")[..8]);
        var run = await Cli.RunAsync([.. args.Select(a => a == "OUT" ? outDir : a)]);
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Equal(expected + " (--help: 명령과 옵션 보기)", run.Error.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task AStrayValueIsNotRepeated()
    {
        // A name and a phone number typed where no option expects them: the line counts them, it does not print them.
        var run = await Cli.RunAsync("run", "--inbox", district.Dir.Path, "--out", district.Dir.File("never"), "홍길동", "010-9876-5432");
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.DoesNotContain("홍길동", run.Error);
        Assert.DoesNotContain("9876", run.Error);
        Assert.Contains("알 수 없는 인수가 있습니다 (2개", run.Error);
    }

    [Fact]
    public async Task AStrayValueIsNotRepeatedOnAKoreanMachineEither()
    {
        // With LANG=ko_KR System.CommandLine would answer in its own Korean, quoting the value: "... 인수 '홍길동'".
        var run = await Cli.RunProcessAsync(new() { ["LANG"] = "ko_KR.UTF-8", ["LC_ALL"] = "ko_KR.UTF-8" }, district.Dir.Path,
            "run", "--inbox", district.Dir.Path, "--out", district.Dir.File("never"), "홍길동");
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.DoesNotContain("홍길동", run.Error);
        Assert.Contains("알 수 없는 인수가 있습니다 (1개", run.Error);
    }

    [Fact]
    public async Task AnAppsettingsFileThatIsNotJsonIsOneLineAndExitCodeTwo()
    {
        // Found by the replay of issue 10: a broken appsettings.json in the working folder crashed with a trace (exit 134).
        var work = Directory.CreateDirectory(district.Dir.File("badjson-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "appsettings.json"), "{ \"BlindSpot\": { \"Db\": \n");

        var run = await Cli.RunProcessAsync(new(), work, "worklists", "--date", "2026-11-02", "--out", Path.Combine(work, "out"), "--db", district.Db);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run);
        Assert.Equal($"설정이 잘못되었습니다: 설정 파일 {Path.Combine(work, "appsettings.json")}을(를) 읽을 수 없습니다: JSON 형식이 잘못되었습니다 (2번째 줄 근처).", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(work, "out")));
    }

    [Fact]
    public async Task AQuarantineFolderThatCannotBeWrittenIsOneLineNamingItAndExitCodeOne()
    {
        var work = district.Dir.File("q-" + Guid.NewGuid().ToString("N")[..8]);
        var inbox = Directory.CreateDirectory(Path.Combine(work, "inbox")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inbox, "crisis_202610.csv"),
            "household_id,reference_month,indicator,value\nYDP-1,2026-13,TELECOM_ARREARS,1\n"); // month 13: a quarantined row
        var file = Path.Combine(work, "a-file");
        await File.WriteAllTextAsync(file, "x");

        var run = await Cli.RunAsync("ingest", "--inbox", inbox, "--db", Path.Combine(work, "blindspot.db"), "--quarantine", Path.Combine(file, "q"));

        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run);
        Assert.Contains("격리 폴더에 쓸 수 없습니다", run.Error);
        Assert.Contains(Path.Combine(file, "q"), run.Error);
    }

    [Theory]
    [InlineData("worklists", "--date", "2026-11-02", "--out")]
    [InlineData("targets", "--year", "2026", "--as-of", "2026-10-30", "--out")]
    public async Task AnOutFolderThatCannotBeWrittenIsOneLineAndExitCodeOne(params string[] args)
    {
        // A regular file where the folder should be: no user, not even root, can create a folder inside it.
        var file = Path.Combine(district.Dir.Path, "a-file-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(file, "x");
        var run = await Cli.RunAsync([.. args, Path.Combine(file, "out"), "--db", district.Db]);
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run);
    }
}
