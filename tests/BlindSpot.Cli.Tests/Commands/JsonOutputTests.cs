using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>
/// Every --json output uses one naming style and writes Korean unescaped (issue 10, item 10): snake_case property
/// names and dictionary keys, as the model card. Over a real store ingested from a generated district.
/// </summary>
public sealed partial class JsonOutputTests(ConfigurationTests.District district) : IClassFixture<ConfigurationTests.District>
{
    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>Every property name in the document, except the keys of objects whose keys are data (dong names).</summary>
    static IEnumerable<string> Names(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name.Any(c => c is >= '\uAC00' and <= '\uD7A3') ? Names(p.Value) : Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    [Theory]
    [InlineData("ingest", "--inbox", "EMPTY")]
    [InlineData("worklists", "--date", "2026-11-02", "--out", "OUT")]
    [InlineData("targets", "--year", "2026", "--as-of", "2026-10-30")]
    [InlineData("score", "--as-of", "2026-10-30")]
    public async Task EveryJsonOutputUsesSnakeCaseAndWritesKoreanAsIs(params string[] args)
    {
        var work = district.Dir.File("json-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(work, "empty"));
        var run = await Cli.RunAsync([.. args.Select(a => a switch { "EMPTY" => Path.Combine(work, "empty"), "OUT" => Path.Combine(work, "out"), _ => a }),
            "--db", district.Db, "--json"]);

        // score without a champion exits 1, but still answers in JSON
        Assert.True(run.ExitCode is 0 or 1, run.Output + run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var names = Names(json.RootElement).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(SnakeCase(), n));
        Assert.DoesNotContain("\\u", run.Output);
    }

    [Fact]
    public async Task KoreanIsWrittenAsIsInTheWorklistsJson()
    {
        var run = await Cli.RunAsync("worklists", "--date", "2026-11-02", "--out", district.Dir.File("json-korean"), "--db", district.Db, "--json");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("영등포본동", run.Output);
    }
}
