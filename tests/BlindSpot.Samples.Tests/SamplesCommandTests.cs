using BlindSpot.Cli;

namespace BlindSpot.Samples.Tests;

/// <summary>`blindspot samples` end to end, through the real command line.</summary>
public sealed class SamplesCommandTests : IDisposable
{
    readonly string root = Path.Combine(Path.GetTempPath(), "blindspot-samples-cli-" + Guid.NewGuid().ToString("N"));

    static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task WritesAnInboxWithEveryFeedAndTheTruthOutsideIt()
    {
        var inbox = Path.Combine(root, "inbox");
        var (code, output, _) = await RunAsync("samples", "--out", inbox, "--households", "800", "--as-of", "2026-06-15",
            "--truth", Path.Combine(root, "truth.csv"), "--manifest", Path.Combine(root, "manifest.json"));
        Assert.Equal(CliApp.Ok, code);
        var names = Directory.GetFiles(inbox).Select(Path.GetFileName).ToList();
        foreach (var prefix in new[] { "households_20251231", "households_20260615_part1", "crisis_202605", "tips_officer_", "tips_hotline_", "outcomes_", "targets_baseline", "capacity" })
            Assert.Contains(names, n => n!.StartsWith(prefix));
        Assert.DoesNotContain(names, n => n!.StartsWith("crisis_202606"));
        Assert.True(File.Exists(Path.Combine(root, "truth.csv")));
        Assert.Contains("\"broken\"", File.ReadAllText(Path.Combine(root, "manifest.json")));
        Assert.Contains("800 households", output);
    }

    [Theory]
    [InlineData("--as-of", "2026-02-30")]
    [InlineData("--households", "12")]
    [InlineData("--households", "many")]
    public async Task RejectsBadArgumentsAsUsageErrors(string option, string value)
    {
        var (code, _, error) = await RunAsync("samples", "--out", Path.Combine(root, "x"), option, value);
        Assert.Equal(CliApp.UsageError, code);
        Assert.NotEmpty(error);
        Assert.False(Directory.Exists(Path.Combine(root, "x")));
    }

    [Fact]
    public async Task RefusesToWriteTheTruthIntoTheInbox()
    {
        var inbox = Path.Combine(root, "inbox");
        var (code, _, error) = await RunAsync("samples", "--out", inbox, "--households", "800", "--truth", Path.Combine(inbox, "truth.csv"));
        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains("수신 폴더", error);
    }

    [Fact]
    public async Task CommittedDataSamplesAreWhatTheCommandWrites()
    {
        var committed = Path.Combine(RepositoryRoot(), "data-samples");
        var fresh = Path.Combine(root, "fresh");
        var (code, _, _) = await RunAsync("samples", "--out", fresh, "--households", "12000");
        Assert.Equal(CliApp.Ok, code);
        var expected = Directory.GetFiles(fresh).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(expected, Directory.GetFiles(committed, "*.csv").Select(Path.GetFileName).Order().ToList());
        foreach (var name in expected)
            Assert.True(File.ReadAllBytes(Path.Combine(fresh, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, name!))),
                $"data-samples/{name} is stale: regenerate with `samples --out data-samples --households 12000`");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BlindSpot.sln"))) return dir.FullName;
        throw new InvalidOperationException("BlindSpot.sln not found above the test binaries");
    }

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}
