namespace BlindSpot.Pipeline.Retention;

/// <summary>How long personal data is kept before the nightly purge blanks it. Section "BlindSpot:Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "BlindSpot:Retention";

    /// <summary>Tip texts, names, phones, addresses of superseded records and quarantined raw rows older than this many years are blanked.</summary>
    public int Years { get; set; } = 3;

    public string? Validate() => Years is < 1 or > 50 ? $"{Section}:{nameof(Years)} must be between 1 and 50." : null;
}
