using System.Text.Json;
using System.Text.Json.Serialization;
using BlindSpot.Core.Contract;

namespace BlindSpot.Samples;

/// <summary>
/// What one file of the inbox must give when ingested in file-name order after the households files (the
/// order an ingest follows so that crisis rows find their households): rows read, and how they split.
/// </summary>
/// <param name="Encoding">"utf-8-bom", "utf-8" or "cp949" (the names the ingest ledger uses).</param>
/// <param name="RowsWritten">Data records after the header (a quoted note with line breaks is one record).</param>
/// <param name="ExpectedAccepted">Rows written valid: accepted, including rows with an unknown crisis code.</param>
/// <param name="ExpectedDuplicates">Rows repeating a key of this file or of an earlier file of the feed.</param>
/// <param name="ExpectedQuarantined">Deliberately broken rows other than duplicates.</param>
/// <param name="UnknownCodeRows">Crisis rows with a code the contract does not list yet (accepted, reported).</param>
/// <param name="ExtraColumns">Columns the contract does not know (ignored and reported once).</param>
public sealed record SampleFile(
    string FileName,
    Feed Feed,
    string Encoding,
    bool KoreanHeaders,
    int RowsWritten,
    int ExpectedAccepted,
    int ExpectedDuplicates,
    int ExpectedQuarantined,
    int UnknownCodeRows,
    IReadOnlyList<string> ExtraColumns,
    IReadOnlyDictionary<BrokenKind, int> Broken);

/// <summary>Figures measured on the generated district against its hidden truth (see docs/synthetic-district.md).</summary>
/// <param name="OnePersonShare">Share of one-person households among those living in the district on as-of.</param>
/// <param name="CrisisPrevalenceAsOf">Share of those households truly in crisis on as-of.</param>
/// <param name="CrisisPrevalenceMeanMonthly">Mean over the 12 month-ends before as-of.</param>
/// <param name="RulesAuc">ROC-AUC of the rules score (distinct crisis indicators in the last 3 known months,
/// <see cref="Core.Contract.RulesScore"/>) against the truth on as-of.</param>
/// <param name="TipsAuc">ROC-AUC of "tips about the household in the 6 months before as-of" against the truth on as-of.</param>
/// <param name="RulesOrTipsAuc">ROC-AUC of rows + 3 x tips, a crude combination.</param>
public sealed record SampleFigures(
    int HouseholdsAsOf,
    int HouseholdsEver,
    double OnePersonShare,
    double CrisisPrevalenceAsOf,
    double CrisisPrevalenceMeanMonthly,
    int CrisisRows,
    int OfficerTips,
    int HotlineCalls,
    int Visits,
    int Discoveries,
    int DiscoveriesBaselineYear,
    double RulesAuc,
    double TipsAuc,
    double RulesOrTipsAuc);

/// <summary>Every file written, with the counts an ingest of it must give, and the measured figures.</summary>
public sealed record SampleManifest(
    int Households,
    int Seed,
    DateOnly AsOf,
    IReadOnlyList<SampleFile> Files,
    SampleFigures Figures)
{
    /// <summary>Rows written deliberately broken of a kind, over all files.</summary>
    public int CountOf(BrokenKind kind) => Files.Sum(f => f.Broken.TryGetValue(kind, out var n) ? n : 0);

    public SampleFile File(string fileName) => Files.Single(f => f.FileName == fileName);

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
