using BlindSpot.Core.Files;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;
using BlindSpot.Csv.Output;
using BlindSpot.Resolution;

namespace BlindSpot.Pipeline.Tests;

/// <summary>The real implementations of Core's ports that the use cases take, as the composition root plugs them in (no fakes).</summary>
internal static class Parts
{
    public static IFeedFiles Feeds => CsvFeedFiles.Instance;
    public static IOutputFiles Output => CsvOutputFiles.Instance;
    /// <summary>Tip resolution under the default thresholds.</summary>
    public static ITipResolution Tips { get; } = new RegistryTipResolution();
}
