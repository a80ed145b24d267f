namespace BlindSpot.Model.Training;

/// <summary>Training and evaluation settings; every one of them is written on the model card.</summary>
/// <param name="Seed">MLContext and learner seed: same data + same options = same model.</param>
/// <param name="NumberOfTrees">Boosting rounds. 140 since 2026-12-03 (200 before): as many households in crisis found at 60,000
/// and 190,000 households, for ~30% less fitting and tree scoring (docs/adr/0002-model-choice.md, eighth amendment).</param>
/// <param name="NgramBits">Hashed char n-gram slots = 2^bits (no inverted vocabulary is kept).</param>
/// <param name="NgramLength">Char n-grams of 1..this length: 2, syllables and syllable pairs (most Korean words are two syllables;
/// the warning words of longer length are numeric flags of their own). 3 until 2026-12-02 (docs/adr/0002-model-choice.md,
/// sixth amendment).</param>
/// <param name="CalibrationDays">Days of visits right after the training window used to fit the calibrator.</param>
/// <param name="TestDays">Days of visits at the end (up to the as-of date) used to test; never trained or calibrated on.</param>
/// <param name="Calibrator">"platt" or "isotonic".</param>
/// <param name="SampledNegativesPerVisit">
/// Positive-unlabeled training (<see cref="NegativeSampler"/>): for each day with labeled visits, this many unvisited
/// households per labeled visit of that day are added as 비해당 rows (0 = off: visits only). Calibration and the
/// headline evaluation stay on visits; the card adds a second evaluation that includes the test window's sampled rows.
/// </param>
/// <param name="SampledNegativeWeight">ML.NET example weight of a sampled negative (a labeled visit weighs 1).</param>
/// <param name="SampledNegativeHorizonDays">A household counts as unvisited on day D when it had no visit on D..D+this (capped at the as-of date).</param>
/// <param name="SampledNegativePool">"signal": only households with a tip in 365 days or a crisis indicator in the last 3 known
/// months (the 모델 tier's pool); "all": every household living in the district.</param>
/// <param name="MaxSelectionWeight">
/// Selection correction (<see cref="SelectionCorrection"/>): a labeled visit weighs 1 / its logged selection probability,
/// clipped at this (an exploration pick drawn with probability 0.5% would otherwise weigh 200 rows); 1 turns it off.
/// </param>
/// <param name="Learner">"fasttree" (default): boosted trees; "logistic": an L2 logistic regression on the standardised numeric slots (no n-grams);
/// "auto": both are fitted on the training slice and the one with the higher AUC on the calibration window (its visits
/// and sampled negatives) becomes the model (docs/adr/0002-model-choice.md, second amendment: the trees ranked better).</param>
/// <param name="LogisticL2">L2 regularisation of the logistic regression (standardised features).</param>
/// <param name="RefitOnAllRows">After the held-out evaluation, fit the same learner with the same settings again on every row up to
/// the as-of date (the calibration and test windows included) and deploy that model with the held-out calibrator; the card's
/// figures stay the held-out model's (docs/adr/0002-model-choice.md, third amendment).</param>
/// <param name="BootstrapReplicates">Resamples of the test rows for the intervals of precision@k and AUC and of the gain over the champion.</param>
public sealed record TrainOptions(
    int Seed = 42,
    int NumberOfTrees = 140,
    int NumberOfLeaves = 16,
    int MinimumExampleCountPerLeaf = 20,
    double LearningRate = 0.08,
    int NgramBits = 10,
    int NgramLength = 2,
    int CalibrationDays = 28,
    int TestDays = 42,
    string Calibrator = "platt",
    int TopReasons = 3,
    double SampledNegativesPerVisit = 1.0,
    double SampledNegativeWeight = 1.0,
    int SampledNegativeHorizonDays = 28,
    string SampledNegativePool = "all",
    double MaxSelectionWeight = 20,
    int BootstrapReplicates = 1000,
    string Learner = "lightgbm",
    double LogisticL2 = 1.0,
    bool RefitOnAllRows = true);
