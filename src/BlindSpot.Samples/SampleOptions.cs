namespace BlindSpot.Samples;

/// <summary>What the synthetic district looks like: its size, its random seed and the day it is cut off.</summary>
public sealed record SampleOptions
{
    /// <summary>Households living in the district on <see cref="AsOf"/> (the real district has ~190,000).</summary>
    public int Households { get; init; } = 190_000;

    /// <summary>The one seed every random draw derives from: same options, same bytes.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The last day of the inbox: no data row (except the deliberately future ones) is later.</summary>
    public DateOnly AsOf { get; init; } = new(2026, 10, 30);

    /// <summary>
    /// Multiplies how often households are tipped about (crisis tips and noise alike, so a tip stays as telling). 1 is
    /// the documented world (about 13,000 tips a year at 190,000 households); the simulation also plays richer-tipped
    /// districts (docs/simulation.md), where tip-led policies gain.
    /// </summary>
    public double TipRate { get; init; } = 1;

    /// <summary>
    /// A small district a model learns from in a test (the Model and Pipeline tests train on it): 2,500 households tipped
    /// ten times as often as the documented world, which gives about 1,400 visits in the 12 months before as-of.
    /// </summary>
    public static SampleOptions Trainable(DateOnly asOf, int seed = 7) => new() { Households = 2_500, Seed = seed, AsOf = asOf, TipRate = 10 };

    public const int MinHouseholds = 500;
    public const int MaxHouseholds = 5_000_000;

    /// <summary>Null when the options can be generated, else a sentence for the user.</summary>
    public string? Validate() =>
        Households is < MinHouseholds or > MaxHouseholds
            ? $"--households는 {MinHouseholds}에서 {MaxHouseholds} 사이여야 합니다 (받은 값 {Households})."
            : AsOf.Year is < 2005 or > 2090
                ? $"--as-of는 2005년에서 2090년 사이의 날짜여야 합니다 (받은 값 {AsOf:yyyy-MM-dd})."
                : TipRate is < 0.1 or > 20
                    ? $"제보 비율(tip rate)은 0.1에서 20 사이여야 합니다 (받은 값 {TipRate})."
                    : null;
}
