using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BlindSpot.Samples;
using BlindSpot.Cli.Terminal;

namespace BlindSpot.Cli.Commands;

/// <summary>`samples`: writes a synthetic district inbox (see docs/synthetic-district.md).</summary>
internal static class SamplesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new SampleOptions();
        var outDir = new Option<string>("--out") { Description = "Inbox folder to write (created if missing).", Required = true };
        var households = new Option<int>("--households")
        {
            Description = "Households living in the district on as-of (the real district has ~190,000).",
            DefaultValueFactory = _ => defaults.Households,
        };
        var seed = new Option<int>("--seed") { Description = "Random seed: same arguments, same bytes.", DefaultValueFactory = _ => defaults.Seed };
        var asOf = CommonOptions.Date("--as-of", $"Last day of the inbox (default {defaults.AsOf:yyyy-MM-dd})");
        var truth = new Option<string?>("--truth")
        {
            Description = "Also write the hidden truth (crisis episodes; tips' true households next to it) to this CSV file, outside the inbox.",
        };
        var manifest = new Option<string?>("--manifest")
        {
            Description = "Also write the manifest (per-file expected counts, broken rows by kind, measured figures) as JSON to this file, outside the inbox.",
        };

        var command = new Command("samples", "Writes a complete synthetic inbox for a district (all five feeds and the configuration).")
        {
            outDir, households, seed, asOf, truth, manifest,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new SampleOptions
            {
                Households = parsed.GetValue(households),
                Seed = parsed.GetValue(seed),
                AsOf = parsed.GetValue(asOf) ?? defaults.AsOf,
            };
            if (options.Validate() is { } problem)
            {
                await error.WriteLineAsync(problem);
                return CliApp.UsageError;
            }
            var dir = Path.GetFullPath(parsed.GetValue(outDir)!);
            foreach (var extra in new[] { parsed.GetValue(truth), parsed.GetValue(manifest) })
            {
                if (extra is null || !IsInside(Path.GetFullPath(extra), dir)) continue;
                await error.WriteLineAsync($"{extra}이(가) 수신 폴더 {dir} 안에 있어 수집이 읽게 됩니다: 다른 곳에 쓰세요.");
                return CliApp.UsageError;
            }
            if (Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.csv").Any())
                await error.WriteLineAsync($"warning: {dir} already holds CSV files; files of the same name are overwritten, others are left as they are.");

            var clock = Stopwatch.StartNew();
            var generator = new DistrictGenerator(options);
            cancellationToken.ThrowIfCancellationRequested();
            var result = await LiveStatus.RunAsync(output, "가상 구와 수신 파일 만드는 중", _ => Task.Run(() => generator.WriteInbox(dir), cancellationToken));
            if (parsed.GetValue(truth) is { } truthPath) generator.WriteTruth(truthPath);
            if (parsed.GetValue(manifest) is { } manifestPath) await File.WriteAllTextAsync(manifestPath, result.ToJson(), cancellationToken);

            var inv = CultureInfo.InvariantCulture;
            foreach (var f in result.Files)
                await output.WriteLineAsync(string.Create(inv,
                    $"{f.FileName,-36} {f.Encoding,-9} rows {f.RowsWritten,7}  valid {f.ExpectedAccepted,7}  duplicate {f.ExpectedDuplicates,3}  broken {f.ExpectedQuarantined,3}"));
            var g = result.Figures;
            await output.WriteLineAsync(string.Create(inv,
                $"{result.Files.Count} files in {dir} ({clock.Elapsed.TotalSeconds:F1} s): {g.HouseholdsAsOf} households, one-person {g.OnePersonShare:P1}, " +
                $"in crisis on {options.AsOf:yyyy-MM-dd} {g.CrisisPrevalenceAsOf:P1}; rules AUC {g.RulesAuc:F3}, tips AUC {g.TipsAuc:F3}."));
            return CliApp.Ok;
        });
        return command;
    }

    static bool IsInside(string path, string dir) =>
        path.StartsWith(dir.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
