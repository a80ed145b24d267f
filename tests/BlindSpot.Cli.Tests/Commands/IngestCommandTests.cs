using BlindSpot.Samples;
using BlindSpot.Storage;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>`ingest` over a generated inbox and a real SQLite file.</summary>
public sealed class IngestCommandTests : IDisposable
{
    readonly TempDir dir = new();
    string Inbox => dir.File("inbox");
    string Db => dir.File("blindspot.db");

    public IngestCommandTests() =>
        new DistrictGenerator(new SampleOptions { Households = 500, Seed = 3, AsOf = new DateOnly(2026, 10, 30) }).WriteInbox(Inbox);

    [Fact]
    public async Task WaitsForNoOneButReadsNothingWhileAnotherProcessHoldsTheStoresInboxLock()
    {
        // This test process stands for a jobs server in the middle of an ingest: it holds the store's inbox lock.
        await using (var store = await StoreFactory.OpenAsync(Db, CancellationToken.None))
        {
            var held = await store.TryLockInboxAsync(CancellationToken.None);
            Assert.NotNull(held);
            var busy = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db);
            Assert.Equal(1, busy.ExitCode);
            Assert.Contains("다른 수집", busy.Error);
            Assert.Empty(await store.ListFilesAsync(CancellationToken.None));
            await held.DisposeAsync();
        }

        var after = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db, "--json");
        Assert.True(after.ExitCode == 0, after.Output + after.Error);
        await using var reopened = await StoreFactory.OpenAsync(Db, CancellationToken.None);
        Assert.NotEmpty(await reopened.ListFilesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARefusedFileIsOneKoreanLineOfTheReportWithNoEnglishLogLineBesideIt()
    {
        // A hotline export with the wrong header: refused whole. The clerk reads why in the report, once, in Korean.
        File.WriteAllText(Path.Combine(Inbox, "tips_hotline_202610.csv"), "foo,bar\n1,2\n");

        var refused = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("! tips_hotline_202610.csv: 필수 열이 없습니다", refused.Output);
        Assert.Equal("", refused.Error.Trim());

        // The log line is still there for an operator who asks for it (same file, another store).
        var verbose = await Cli.RunProcessAsync(new() { ["BLINDSPOT_LOG_LEVEL"] = "Warning" }, dir.Path,
            "ingest", "--inbox", Inbox, "--db", dir.File("second.db"));
        Assert.Contains("Rejected tips_hotline_202610.csv", verbose.Error);
    }

    [Fact]
    public async Task TheLedgerIsKoreanAndAFileRefusedBeforeSaysItsReasonAgain()
    {
        // What the clerk reads is Korean (docs/adr/0011-cli-output-language.md); a refused file left in the inbox is
        // reported once as refused and then as "the same file, refused then", with the reason, so the clerk knows
        // what to fix without the earlier output.
        File.WriteAllText(Path.Combine(Inbox, "tips_hotline_202610.csv"), "foo,bar\n1,2\n");
        var first = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db);
        Assert.Equal(1, first.ExitCode);

        var again = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db);

        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        var lines = again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^파일\s+상태\s+피드\s+인코딩\s+읽음\s+받음\s+중복\s+격리$", lines[0]);
        Assert.Matches(@"^tips_hotline_202610\.csv\s+이미 받음\s", lines.Single(l => l.StartsWith("tips_hotline_202610.csv", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("= tips_hotline_202610.csv: ", StringComparison.Ordinal)
            && l.Contains("같은 이유로 받지 않은 파일 그대로입니다: 필수 열이 없습니다", StringComparison.Ordinal));
        Assert.Matches(@"^파일 \d+개 받음, \d+개 이미 받음, 0개 거부·실패; 행: ", lines[^1]);
        Assert.DoesNotMatch(@"\b(ingested|skipped|rejected|accepted|duplicate|quarantined)\b", again.Output);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("run")]
    public async Task AQuarantineFolderThatIsTheInboxIsRefusedBeforeAnythingIsRead(string command)
    {
        // Found by the replay of issue 10: the quarantine copies (<hash>_<name>.csv) landed in the inbox, and every later
        // run failed (exit 1) on them as files of no feed, with personal data lying in the inbox.
        // run has no --quarantine: the folder comes from the configuration (BlindSpot__Quarantine), as for the jobs host.
        string[] args = command == "run"
            ? ["run", "--inbox", Inbox, "--out", dir.File("out"), "--as-of", "2026-10-30", "--db", Db]
            : ["ingest", "--inbox", Inbox, "--db", Db, "--quarantine", Inbox + "/"];
        Dictionary<string, string> environment = command == "run" ? new() { ["BlindSpot__Quarantine"] = Inbox + "/" } : [];
        var before = Directory.GetFiles(Inbox).Order(StringComparer.Ordinal).ToList();

        var run = await Cli.RunProcessAsync(environment, dir.Path, args);

        Assert.True(run.ExitCode == 2, run.Output + run.Error);
        Assert.Equal("설정이 잘못되었습니다: 격리 폴더(--quarantine, BlindSpot:Quarantine)가 받은 파일 폴더(--inbox, BlindSpot:Inbox)와 같습니다: " +
                     "격리 사본이 다음 수집마다 피드를 모르는 파일로 나옵니다. 다른 폴더를 주세요.", run.Error.Trim());
        Assert.Equal(before, Directory.GetFiles(Inbox).Order(StringComparer.Ordinal).ToList());
        Assert.False(File.Exists(Db));

        // A sub-folder of the inbox is fine: the inbox's sub-folders are not read.
        var sub = await Cli.RunProcessAsync([], dir.Path, "ingest", "--inbox", Inbox, "--db", Db, "--quarantine", Path.Combine(Inbox, "quarantine"));
        Assert.True(sub.ExitCode == 0, sub.Output + sub.Error);
    }

    public void Dispose() => dir.Dispose();
}
