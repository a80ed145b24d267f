using BlindSpot.Model.Features;

namespace BlindSpot.Model.Training;

/// <summary>A visit that carries a label (발굴 = true, 비해당 = false) with the features of the day before it.</summary>
public sealed record LabeledExample(HouseholdFeatures Features, DateOnly VisitedOn, bool Label);
