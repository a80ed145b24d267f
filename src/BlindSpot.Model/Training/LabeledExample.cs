using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>A visit that carries a label (발굴 = true, 비해당 = false) with the features of the day before it.</summary>
/// <param name="SelectionProbability">
/// The probability with which the visited household was selected for its worklist (1 for deterministic picks and for
/// visits with no stored list; E[slots] / pool for 탐색), see <see cref="SelectionCorrection"/>.
/// </param>
/// <param name="Explored">The visit came from a 탐색 (random) pick: an unbiased sample of the eligible households.</param>
/// <param name="Sampled">
/// Not a visit: an unvisited household drawn by <see cref="NegativeSampler"/> and presumed 비해당 (positive-unlabeled
/// learning). <see cref="VisitedOn"/> is then the day it was drawn for; features are as of the day before.
/// </param>
public sealed record LabeledExample(HouseholdFeatures Features, DateOnly VisitedOn, bool Label, bool Sampled = false,
    double SelectionProbability = 1, bool Explored = false);
