using Microsoft.ML;
using Microsoft.ML.Data;
using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>The row ML.NET sees: the numeric slots, the recent tip notes (hashed into char n-grams) and the label.</summary>
internal sealed class ModelInput
{
    public float[] Numeric { get; set; } = [];
    public string Notes { get; set; } = "";
    public bool Label { get; set; }
    /// <summary>Example weight: 1 for a labeled visit, <see cref="TrainOptions.SampledNegativeWeight"/> for a sampled negative.</summary>
    public float Weight { get; set; } = 1;

    public static ModelInput From(HouseholdFeatures f, bool label = false, float weight = 1) =>
        new() { Numeric = f.Values, Notes = f.Notes, Label = label, Weight = weight };

    /// <summary>The schema with the vector size of the current <see cref="FeatureSchema"/>.</summary>
    public static SchemaDefinition Schema()
    {
        var s = SchemaDefinition.Create(typeof(ModelInput));
        s[nameof(Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, FeatureSchema.Count);
        return s;
    }

    public static IDataView Load(MLContext ml, IEnumerable<ModelInput> rows) => ml.Data.LoadFromEnumerable(rows, Schema());
}
