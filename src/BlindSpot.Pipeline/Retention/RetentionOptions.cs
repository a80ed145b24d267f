namespace BlindSpot.Pipeline.Retention;

/// <summary>How long personal data is kept before the nightly purge blanks it. Section "BlindSpot:Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "BlindSpot:Retention";

    /// <summary>Tip texts, names, phones, addresses of superseded records and quarantined raw rows older than this many years are blanked.</summary>
    public int Years { get; set; } = 3;

    public string? Validate() => Years is < 1 or > 50 ? $"{Section}:{nameof(Years)}는 1에서 50 사이여야 합니다." : null;
}
