using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Csv.Output;
using BlindSpot.Testing;

namespace BlindSpot.Cli.Tests.Commands;

/// <summary>`targets` and its options over a generated district ingested into a real SQLite file.</summary>
public sealed class TargetsCommandTests(ConfigurationTests.District district) : IClassFixture<ConfigurationTests.District>, IDisposable
{
    readonly TempDir outDir = new();

    static Dictionary<string, int> Targets(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("report").GetProperty("dongs").EnumerateArray()
            .ToDictionary(d => d.GetProperty("dong").GetString()!, d => d.GetProperty("target").GetInt32());
    }

    [Fact]
    public async Task PrintsEveryDongAgainstItsTargetAndWritesTheYearsFile()
    {
        var text = await Cli.RunAsync("targets", "--year", "2026", "--as-of", "2026-10-30", "--out", outDir.Path, "--db", district.Db);
        Assert.True(text.ExitCode == 0, text.Output + text.Error);
        var file = Path.Combine(outDir.Path, "targets", "2026.csv");
        Assert.Contains($"파일: {file}", text.Output);
        Assert.All(Dongs.All, dong => Assert.Contains(dong, text.Output));
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(string.Join(',', TargetsCsvWriter.Headers), lines[0].TrimStart('\uFEFF'));
        Assert.Equal(1 + Dongs.All.Count, lines.Length);

        var json = await Cli.RunAsync("targets", "--year", "2026", "--as-of", "2026-10-30", "--db", district.Db, "--json");
        Assert.True(json.ExitCode == 0, json.Output + json.Error);
        Assert.Equal(Dongs.All.Order(StringComparer.Ordinal), Targets(json.Output).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheRateOptionRaisesTheTargetsOverTheConfiguredRate()
    {
        var usual = await Cli.RunAsync("targets", "--year", "2026", "--as-of", "2026-10-30", "--db", district.Db, "--json");
        var higher = await Cli.RunAsync("targets", "--year", "2026", "--as-of", "2026-10-30", "--db", district.Db, "--json", "--rate", "2");
        Assert.True(usual.ExitCode == 0 && higher.ExitCode == 0, usual.Error + higher.Error);
        var (a, b) = (Targets(usual.Output), Targets(higher.Output));
        // Doubling last year's discoveries asks at least as much of every dong, and more of every dong that found anyone.
        Assert.All(a, t => Assert.True(b[t.Key] >= t.Value, t.Key));
        Assert.Contains(a, t => b[t.Key] > t.Value);
    }

    public void Dispose() => outDir.Dispose();
}
