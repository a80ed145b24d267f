using BlindSpot.Core.Ingest;
using BlindSpot.Core.Targets;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Files;

/// <summary>
/// The files the use cases write for people (BlindSpot.Csv's CsvOutputFiles: UTF-8 with BOM, RFC 4180, docs/data-contract.md
/// §3): the dongs' worklists and tips to resolve, the target report, and a file's quarantined rows.
/// </summary>
public interface IOutputFiles
{
    /// <summary>Writes outDir/worklists/&lt;date&gt;/&lt;dong&gt;.csv and returns its path.</summary>
    Task<string> WriteWorklistAsync(string outDir, DateOnly date, string dong, IReadOnlyList<WorklistRow> rows, CancellationToken ct);

    /// <summary>Writes the dong's tips-to-resolve file of the day beside its worklist and returns its path.</summary>
    Task<string> WriteTipsToResolveAsync(string outDir, DateOnly date, string dong, IReadOnlyList<TipToResolveRow> rows, CancellationToken ct);

    /// <summary>Writes outDir/targets/&lt;year&gt;.csv and returns its path.</summary>
    Task<string> WriteTargetsAsync(string outDir, int year, TargetReport report, CancellationToken ct);

    /// <summary>Writes a file's quarantined rows (columns file, line, column, reason, raw) to <paramref name="path"/>.</summary>
    Task WriteQuarantineAsync(string path, IEnumerable<QuarantinedRow> rows, CancellationToken ct);
}
