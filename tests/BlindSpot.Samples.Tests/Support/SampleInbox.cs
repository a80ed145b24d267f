using BlindSpot.Core.Contract;

namespace BlindSpot.Samples.Tests.Support;

/// <summary>One small district (3,000 households) written once and shared by the tests of a class.</summary>
public sealed class SampleInbox : IDisposable
{
    public static readonly SampleOptions Options = new() { Households = 3_000, Seed = 42, AsOf = new DateOnly(2026, 10, 30) };

    public SampleInbox()
    {
        Directory = Path.Combine(Path.GetTempPath(), "blindspot-samples-" + Guid.NewGuid().ToString("N"));
        Generator = new DistrictGenerator(Options);
        Manifest = Generator.WriteInbox(Directory);
        Files = Manifest.Files.ToDictionary(f => f.FileName, f => CsvText.Read(System.IO.Path.Combine(Directory, f.FileName)));
    }

    public string Directory { get; }
    public DistrictGenerator Generator { get; }
    public SampleManifest Manifest { get; }
    internal Dictionary<string, CsvText> Files { get; }

    internal IEnumerable<(SampleFile File, CsvText Csv)> Feed(Feed feed) =>
        Manifest.Files.Where(f => f.Feed == feed).Select(f => (f, Files[f.FileName]));

    /// <summary>Valid rows of the newest snapshot (both parts) as header-name -> value maps.</summary>
    internal List<Dictionary<string, string>> CurrentHouseholds()
    {
        var asOf = Options.AsOf.ToString("yyyyMMdd");
        var rows = new List<Dictionary<string, string>>();
        foreach (var (file, csv) in Feed(BlindSpot.Core.Contract.Feed.Households))
        {
            if (!file.FileName.Contains(asOf)) continue;
            foreach (var r in csv.Whole)
                if (r[csv.Column("household_id", "세대ID")].StartsWith("YDP-1"))
                    rows.Add(csv.Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => r[x.i]));
        }
        return rows;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
