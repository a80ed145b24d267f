using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>A visit that carries a label (발굴 = true, 비해당 = false) with the features of the day before it.</summary>
/// <param name="Sampled">
/// Not a visit: an unvisited household drawn by <see cref="NegativeSampler"/> and presumed 비해당 (positive-unlabeled
/// learning). <see cref="VisitedOn"/> is then the day it was drawn for; features are as of the day before.
/// </param>
public sealed record LabeledExample(HouseholdFeatures Features, DateOnly VisitedOn, bool Label, bool Sampled = false);
