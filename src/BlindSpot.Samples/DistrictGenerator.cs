using System.Globalization;
using System.Text;
using BlindSpot.Samples.Population;
using BlindSpot.Samples.World;
using BlindSpot.Samples.Writing;

namespace BlindSpot.Samples;

/// <summary>
/// A synthetic Yeongdeungpo-gu: households with a hidden, time-varying crisis state, and the five upstream feeds
/// that see it imperfectly. Building it runs the whole simulation (seconds at district size); writing the inbox
/// streams the files. Same options, same bytes.
/// </summary>
public sealed class DistrictGenerator
{
    readonly District district;

    public DistrictGenerator(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        Options = options;
        district = new District(options);
    }

    public SampleOptions Options { get; }

    /// <summary>The simulated world (for <see cref="PlantedDistrict"/>, which holds it in memory).</summary>
    internal District World => district;

    /// <summary>Figures measured on the district against its hidden truth (prevalence, one-person share, AUCs).</summary>
    public SampleFigures Figures => district.Figures;

    /// <summary>Every household id the registry ever had (both snapshots, and the newcomers of continued days), in id order.</summary>
    public IReadOnlyList<string> HouseholdIds => district.Households.Select(h => h.Id).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Writes the inbox into <paramref name="directory"/> (created if missing) and returns what each file must give
    /// an ingest. The broken rows are drawn from a random stream of their own (derived from the seed), so writing
    /// twice gives the same bytes.
    /// </summary>
    public SampleManifest WriteInbox(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new InboxWriter(district, directory, new Rng(unchecked(Options.Seed * 7919 + 17))).Write();
        return new SampleManifest(Options.Households, Options.Seed, Options.AsOf, files, district.Figures);
    }

    /// <summary>
    /// Continues the district day by day after its as-of (<see cref="LiveDistrict"/>). Call it once, after writing the
    /// inbox: the continued days add households and episodes to this generator's world.
    /// </summary>
    public LiveDistrict Continue()
    {
        if (continued) throw new InvalidOperationException("This district is continued already: make a new generator for a second run.");
        continued = true;
        return new LiveDistrict(district, Options.Seed);
    }

    bool continued;

    /// <summary>The hidden truth: was the household living here and in crisis on that day? False for unknown ids.</summary>
    public bool TruthOf(string householdId, DateOnly date) =>
        district.ById.TryGetValue(householdId, out var i) && district.Households[i].InCrisisOn(date);

    /// <summary>The household a tip or hotline call is truly about (null for calls about nobody in the registry or unknown ids).</summary>
    public string? TrueHouseholdOfTip(string tipOrCallId)
    {
        foreach (var t in district.Tips)
            if (t.Id == tipOrCallId) return t.Household >= 0 ? district.Households[t.Household].Id : null;
        return null;
    }

    /// <summary>
    /// Writes the hidden truth as CSV (UTF-8): one row per crisis episode (household_id, crisis_start, crisis_end
    /// exclusive, kind, visible) and, next to it in <c>&lt;name&gt;_tips.csv</c>, the household each tip is about.
    /// Keep it OUTSIDE the inbox: it is the answer key, not a feed.
    /// </summary>
    public void WriteTruth(string path)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using (var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine("household_id,dong,moved_in,moved_out,crisis_start,crisis_end,kind,visible");
            foreach (var h in district.Households.OrderBy(h => h.Id, StringComparer.Ordinal))
            foreach (var e in h.Episodes)
            {
                if (e.End <= h.MovedIn || h.MovedOut is { } mo && e.Start >= mo) continue;
                w.WriteLine(string.Create(inv, $"{h.Id},{DongProfile.All[h.Dong].Dong},{h.MovedIn:yyyy-MM-dd},{h.MovedOut:yyyy-MM-dd},{e.Start:yyyy-MM-dd},{e.End:yyyy-MM-dd},{e.Kind},{(e.Visible ? "Y" : "N")}"));
            }
        }
        var tipsPath = Path.Combine(dir ?? ".", Path.GetFileNameWithoutExtension(path) + "_tips.csv");
        using (var w = new StreamWriter(tipsPath, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            w.WriteLine("tip_id,source,household_id,in_crisis");
            foreach (var t in district.Tips)
                w.WriteLine($"{t.Id},{t.Source},{(t.Household >= 0 ? district.Households[t.Household].Id : "")},{(t.Signal ? "Y" : "N")}");
        }
    }
}
