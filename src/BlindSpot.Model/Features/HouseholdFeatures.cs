using BlindSpot.Core.Domain;

namespace BlindSpot.Model.Features;

/// <summary>
/// A household's features as of a date. <see cref="Values"/> follows <see cref="FeatureSchema.Numeric"/>;
/// <see cref="Notes"/> is the text of its recent tips (personal data: in memory only, hashed into n-grams by the
/// model, never stored in a model file, card or log).
/// </summary>
public sealed record HouseholdFeatures(
    string HouseholdId,
    string Dong,
    DateOnly AsOf,
    Sex Sex,
    int Age,
    int Members,
    bool SingleParent,
    int ChildrenUnder2,
    float[] Values,
    string Notes)
{
    public float this[string name] => Values[FeatureSchema.IndexOf(name)];

    /// <summary>Age band of the head of household for the fairness audit: &lt;40, 40-49, 50-64, 65+.</summary>
    public string AgeBand => Age switch { < 40 => "<40", < 50 => "40-49", < 65 => "50-64", _ => "65+" };

    /// <summary>Household type for the fairness audit (first match): one-person, single parent, with infant, other.</summary>
    public string HouseholdType =>
        Members == 1 ? "1인 가구" : SingleParent ? "한부모" : ChildrenUnder2 > 0 ? "영아 가구" : "기타";

    public string SexLabel => Sex == Sex.M ? "남" : "여";
}
