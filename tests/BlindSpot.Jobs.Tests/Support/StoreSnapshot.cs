using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BlindSpot.Core.Storage;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>
/// Everything the pipeline leaves behind, as text, for "ends in exactly the state of one clean run": the file ledger
/// (times left out), quarantine, every household version, crisis row, tip, outcome and setting, scores and stored
/// worklists of the given days, the model registry (versions and statuses) and the output files' bytes.
/// </summary>
internal static class StoreSnapshot
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<string> TakeAsync(IBlindSpotStore store, DateOnly lastDay, IEnumerable<DateOnly> scoreDays, string? outDir, CancellationToken ct = default)
    {
        var data = await store.LoadDistrictAsync(lastDay.AddYears(1), ct);
        var state = new
        {
            Files = (await store.ListFilesAsync(ct)).OrderBy(f => f.Sha256, StringComparer.Ordinal)
                .Select(f => new { f.Sha256, f.FileName, f.Feed, f.Encoding, f.RowsRead, f.Accepted, f.Duplicate, f.Quarantined, f.RejectedReason, f.Notes }),
            Quarantine = await store.ListQuarantineAsync(ct),
            data.HouseholdVersions,
            data.Crisis,
            data.Tips,
            data.Outcomes,
            data.Capacity,
            data.Baselines,
            Scores = await Task.WhenAll(scoreDays.Select(d => store.LoadScoresAsync(d, ct))),
            Worklists = await store.LoadWorklistsAsync(lastDay.AddYears(-1), lastDay.AddYears(1), ct),
            Models = (await store.ListModelsAsync(ct)).OrderBy(m => m.Version, StringComparer.Ordinal).Select(m => new { m.Version, m.Status, m.AsOf }),
            OutputFiles = outDir is null || !Directory.Exists(outDir) ? [] : Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}quarantine{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => $"{Path.GetRelativePath(outDir, f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")
                .ToArray(),
        };
        return JsonSerializer.Serialize(state, Json);
    }

    /// <summary>Equal snapshots, or a failure naming the first line that differs (snapshots hold personal data of the synthetic inbox only).</summary>
    public static void AssertSame(string expected, string actual)
    {
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < Math.Min(e.Length, a.Length) && e[i] == a[i]) i++;
        var sb = new StringBuilder($"State differs from one clean run at line {i + 1} (expected {e.Length} lines, got {a.Length}):\n");
        for (var j = Math.Max(0, i - 3); j < Math.Min(i + 3, Math.Max(e.Length, a.Length)); j++)
            sb.Append("  expected: ").Append(j < e.Length ? e[j] : "<end>").Append("\n  actual:   ").Append(j < a.Length ? a[j] : "<end>").Append('\n');
        Assert.Fail(sb.ToString());
    }
}
