namespace BlindSpot.Model.Training;

/// <summary>Training and evaluation settings; every one of them is written on the model card.</summary>
/// <param name="Seed">MLContext and FastTree seed: same data + same options = same model.</param>
/// <param name="NgramBits">Hashed char n-gram slots = 2^bits (no inverted vocabulary is kept).</param>
/// <param name="NgramLength">Char n-grams of 1..this length.</param>
/// <param name="CalibrationDays">Days of visits right after the training window used to fit the calibrator.</param>
/// <param name="TestDays">Days of visits at the end (up to the as-of date) used to test; never trained or calibrated on.</param>
/// <param name="Calibrator">"platt" or "isotonic".</param>
public sealed record TrainOptions(
    int Seed = 42,
    int NumberOfTrees = 200,
    int NumberOfLeaves = 16,
    int MinimumExampleCountPerLeaf = 20,
    double LearningRate = 0.08,
    int NgramBits = 10,
    int NgramLength = 3,
    int CalibrationDays = 28,
    int TestDays = 42,
    string Calibrator = "platt",
    int TopReasons = 3);
