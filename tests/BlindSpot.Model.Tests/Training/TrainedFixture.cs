using BlindSpot.Samples;

namespace BlindSpot.Model.Tests.Training;

/// <summary>One generated district trained once for the tests that read a model (training takes seconds).</summary>
public sealed class TrainedFixture
{
    public PlantedDistrict District { get; } = new(SampleOptions.Trainable(Some.AsOf));
    public FeatureBuilder Builder { get; }
    public IReadOnlyList<LabeledExample> Examples { get; }
    public int K { get; }
    public TrainingResult Result { get; }
    public TrainedModel Trained => Result.Trained!;

    public TrainedFixture()
    {
        Builder = new FeatureBuilder(District.Data);
        Examples = LabelBuilder.Build(District.Data, Builder);
        K = District.Data.Capacity.Sum(c => c.DailyVisits);
        Result = ModelTrainer.TrainAndEvaluate(Examples, Some.AsOf, K, new TrainOptions(NumberOfTrees: 100));
    }
}
