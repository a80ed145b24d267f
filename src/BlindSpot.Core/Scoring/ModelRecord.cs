namespace BlindSpot.Core.Scoring;

public enum ModelStatus { Challenger, Champion, Retired }

/// <summary>A registry entry: a trained model's card and status. The model bytes are kept in the store beside it.</summary>
/// <param name="CardJson">The model card (no personal data): data window, features, metrics, fairness, fingerprint, seed.</param>
public sealed record ModelRecord(string Version, ModelStatus Status, DateTime TrainedAt, DateOnly AsOf, string CardJson);
