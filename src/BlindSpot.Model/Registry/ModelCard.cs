using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlindSpot.Model.Evaluation;
using BlindSpot.Model.Training;

namespace BlindSpot.Model.Registry;

/// <summary>The champion's metrics on the challenger's test rows (same holdout), when there was a champion.</summary>
/// <param name="Gain">The challenger's gain over the champion with paired bootstrap intervals (null when not comparable).</param>
/// <param name="SameRecipe">The champion was trained with exactly the challenger's settings and feature schema and refitted on
/// every visit up to its as-of date: the challenger is the same recipe on newer visits (a refresh). Then
/// <paramref name="FairnessFlagged"/> is the champion's count on its own card when it cannot score these test rows.</param>
public sealed record ChampionComparison(string Version, ScorerMetrics? Metrics, int? FairnessFlagged, string? NotComparable, BootstrapGain? Gain = null,
    bool SameRecipe = false);

/// <summary>One promotion of this model to champion: when, by whom ("automatic (train)" or the analyst), why, and the champion it replaced.</summary>
public sealed record PromotionRecord(DateTime At, string By, string Reason, string? Former);

/// <summary>The automatic promotion decision and why, in one sentence.</summary>
public sealed record PromotionDecision(bool Promote, string Reason);

/// <summary>
/// A model card (stored as JSON in ModelRecord.CardJson; rendered to Markdown by <see cref="ModelCardMarkdown"/>).
/// Holds no personal data: no names, addresses, notes or n-grams, only aggregates, settings and a hash of the rows.
/// </summary>
public sealed record ModelCard(
    string Version,
    string FeatureSchemaVersion,
    DateOnly AsOf,
    DateTime TrainedAt,
    double TrainingSeconds,
    string Trainer,
    TrainOptions Options,
    string DataFingerprint,
    TimeSlice TrainWindow,
    TimeSlice CalibrationWindow,
    TimeSlice TestWindow,
    int K,
    int TestDays,
    IReadOnlyList<string> Features,
    ScorerMetrics Model,
    ScorerMetrics Rules,
    ScorerMetrics TipsOnly,
    ChampionComparison? Champion,
    FairnessReport Fairness,
    bool BeatsBaselines,
    PromotionDecision Decision,
    IReadOnlyList<string> Warnings,
    SampledNegativeEvaluation? TestWithSampledNegatives = null,
    BootstrapMetrics? ModelIntervals = null,
    ExplorationCalibration? ExplorationCalibration = null,
    IReadOnlyList<PromotionRecord>? Promotions = null)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Korean stays readable; the card is never embedded in HTML as is
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The card stored as <paramref name="json"/>; a JSON error is thrown (<see cref="JsonException"/>), never swallowed.</summary>
    public static ModelCard FromJson(string json)
    {
        var card = JsonSerializer.Deserialize<ModelCard>(json, Json) ?? throw new JsonException("The model card is JSON null.");
        // Cards written before an option existed were trained without it; the option's default would say otherwise.
        if (!json.Contains("\"sampled_negatives_per_visit\"", StringComparison.Ordinal))
            card = card with { Options = card.Options with { SampledNegativesPerVisit = 0 } };
        if (!json.Contains("\"refit_on_all_rows\"", StringComparison.Ordinal))
            card = card with { Options = card.Options with { RefitOnAllRows = false } };
        return card;
    }

    /// <summary>
    /// The card stored as <paramref name="json"/>, or null with <paramref name="problem"/> saying why it cannot be read,
    /// for callers that go on without it (a registry listing): they log or show the problem.
    /// </summary>
    public static ModelCard? FromJson(string json, out string? problem)
    {
        try
        {
            problem = null;
            return FromJson(json);
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
