namespace BlindSpot.Model.Tests.Training;

/// <summary>One planted district trained once for the tests that read a model (training takes seconds).</summary>
public sealed class TrainedFixture
{
    public Some.District District { get; } = Some.Planted(capacityPerDong: 5);
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
