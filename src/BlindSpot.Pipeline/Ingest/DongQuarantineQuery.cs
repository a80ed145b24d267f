using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Ingest;
using BlindSpot.Core.Storage;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>A quarantined row of a dong's own work (a visit result or a tip), as the dong's screen shows it.</summary>
/// <param name="Raw">The row verbatim: personal data of this dong, for its staff only.</param>
/// <param name="HouseholdId">The dong's household the row names, when it names one.</param>
public sealed record DongQuarantineLine(string FileName, DateTime? IngestedAt, int Line, string? Column, string Reason, string Raw, string? HouseholdId);

/// <summary>
/// The rows of outcomes and tips files that ingest quarantined and that belong to one dong, so that the dong sees its
/// own rejected entries instead of only a central quarantine folder. The quarantine table keeps rows verbatim without
/// a dong, so a row belongs to a dong when one of its fields is a household id of that dong (an outcome, a tip with a
/// household_id) or the dong's name (a tip's dong column). A row naming neither (an outcome for a household id the
/// registry does not know, a tip without a valid dong) reaches no dong: it stays in the central quarantine.
/// </summary>
public sealed class DongQuarantineQuery(IBlindSpotStore store)
{
    /// <summary>Fields longer than this are not names of dongs (a note, an address): not normalised.</summary>
    const int MaxDongLength = 16;

    public async Task<IReadOnlyList<DongQuarantineLine>> LoadAsync(string dong, CancellationToken ct)
    {
        var rows = (await store.ListQuarantineAsync(ct))
            .Where(r => Feeds.FromFileName(r.FileName) is Feed.Outcomes or Feed.TipsOfficer or Feed.TipsHotline).ToList();
        if (rows.Count == 0) return [];
        var households = (await store.LoadIngestContextAsync(IngestContextParts.Registry, ct)).Households;
        var ingested = (await store.ListFilesAsync(ct)).GroupBy(f => f.Sha256, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().IngestedAt, StringComparer.Ordinal);
        var lines = new List<DongQuarantineLine>();
        foreach (var row in rows)
        {
            var fields = Fields(row.Raw).Select(f => f.Trim()).ToList();
            var household = fields.FirstOrDefault(f => households.TryGetValue(f, out var h) && h.Dong == dong);
            if (household is null && !fields.Any(f => f.Length <= MaxDongLength && Dongs.Normalize(f) == dong)) continue;
            lines.Add(new DongQuarantineLine(row.FileName, ingested.TryGetValue(row.FileSha256, out var at) ? at : null,
                row.Line, row.Column, row.Reason, row.Raw, household));
        }
        return lines.OrderByDescending(l => l.IngestedAt).ThenBy(l => l.FileName, StringComparer.Ordinal).ThenBy(l => l.Line).ToList();
    }

    /// <summary>The fields of one CSV line (RFC 4180 quotes; comma-separated, as the contract's files are).</summary>
    internal static IEnumerable<string> Fields(string line)
    {
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { yield return field.ToString(); field.Clear(); }
            else field.Append(c);
        }
        yield return field.ToString();
    }
}
