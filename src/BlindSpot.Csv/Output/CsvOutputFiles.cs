using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Csv.Output;

/// <summary>Core's <see cref="IOutputFiles"/> over this project's writers (registered by the composition root).</summary>
public sealed class CsvOutputFiles : IOutputFiles
{
    public static CsvOutputFiles Instance { get; } = new();

    public async Task<string> WriteWorklistAsync(string outDir, DateOnly date, string dong, IReadOnlyList<WorklistRow> rows, CancellationToken ct)
    {
        var path = WorklistCsvWriter.PathFor(outDir, date, dong);
        await WorklistCsvWriter.WriteAsync(path, rows, ct);
        return path;
    }

    public async Task<string> WriteTipsToResolveAsync(string outDir, DateOnly date, string dong, IReadOnlyList<TipToResolveRow> rows, CancellationToken ct)
    {
        var path = TipsToResolveCsvWriter.PathFor(outDir, date, dong);
        await TipsToResolveCsvWriter.WriteAsync(path, rows, ct);
        return path;
    }

    public async Task<string> WriteTargetsAsync(string outDir, int year, TargetReport report, CancellationToken ct)
    {
        var path = TargetsCsvWriter.PathFor(outDir, year);
        await TargetsCsvWriter.WriteAsync(path, report, ct);
        return path;
    }

    public Task WriteQuarantineAsync(string path, IEnumerable<QuarantinedRow> rows, CancellationToken ct) =>
        QuarantineCsvWriter.WriteAsync(path, rows, ct);
}
