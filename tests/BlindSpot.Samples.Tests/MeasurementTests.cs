using BlindSpot.Core.Contract;
using BlindSpot.Core.Metrics;
using BlindSpot.Samples.Tests.Support;

namespace BlindSpot.Samples.Tests;

/// <summary>A model on this district must be useful but far from perfect: measured from the files against the truth.</summary>
public sealed class MeasurementTests(SampleInbox inbox) : IClassFixture<SampleInbox>
{
    [Fact]
    public void RulesScoreBeatsChanceButIsFarFromPerfect()
    {
        var (rules, tips, truth) = Scores();
        var rulesAuc = RankQuality.Auc(rules, truth);
        var tipsAuc = RankQuality.Auc(tips, truth);
        // 3,000 households hold ~100 in crisis: the band is wider than at district size (docs: ~0.68 there).
        Assert.InRange(rulesAuc, 0.58, 0.78);
        Assert.InRange(tipsAuc, 0.52, 0.70);
        var combined = RankQuality.Auc(rules.Zip(tips, (r, t) => r + 3 * t).ToArray(), truth);
        Assert.True(combined > rulesAuc, $"tips add to the rules: {combined:F3} vs {rulesAuc:F3}");
        Assert.True(combined < 0.9, "a score this good means the synthetic data is too easy");
    }

    [Fact]
    public void ReportedFiguresMatchWhatTheFilesShow()
    {
        var (rules, _, truth) = Scores();
        // The files also hold the deliberate duplicates and broken rows, so the two differ a little.
        Assert.InRange(RankQuality.Auc(rules, truth) - inbox.Manifest.Figures.RulesAuc, -0.01, 0.01);
        Assert.Equal(inbox.Manifest.Figures.HouseholdsAsOf, truth.Length);
    }

    /// <summary>
    /// The rules score read from the crisis files (distinct indicators in the last 3 known months, RulesScore) and tips
    /// in the 6 months before as-of, per current household.
    /// </summary>
    (double[] Rules, double[] Tips, bool[] Truth) Scores()
    {
        var asOf = SampleInbox.Options.AsOf;
        var ids = inbox.CurrentHouseholds().Select(r => r["household_id"]).ToArray();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rules = new double[ids.Length];
        var tips = new double[ids.Length];
        var (firstMonth, lastMonth) = (RulesScore.WindowStart(asOf), RulesScore.LatestKnownMonth(asOf));
        var codes = new HashSet<(int, string)>();
        foreach (var (_, csv) in inbox.Feed(Feed.Crisis))
        {
            var (id, month, code) = (csv.Column("household_id", "세대ID"), csv.Column("reference_month", "기준월"), csv.Column("indicator", "위기정보"));
            foreach (var r in csv.Whole)
                if (BrokenRowTests.Date(r[month]) is { } m && m >= firstMonth && m <= lastMonth && index.TryGetValue(r[id], out var i)
                    && codes.Add((i, r[code].Trim()))) rules[i]++;
        }
        var since = asOf.AddMonths(-6);
        foreach (var (_, csv) in inbox.Feed(Feed.TipsOfficer).Concat(inbox.Feed(Feed.TipsHotline)))
        {
            var (tipId, at) = (csv.Column("tip_id", "call_id", "제보번호", "접수번호"), csv.Column("received_at", "called_at", "접수일시"));
            foreach (var r in csv.Whole)
                if (BrokenRowTests.Date(r[at]) is { } d && d > since && d <= asOf && inbox.Generator.TrueHouseholdOfTip(r[tipId]) is { } h && index.TryGetValue(h, out var i))
                    tips[i]++;
        }
        return (rules, tips, ids.Select(id => inbox.Generator.TruthOf(id, asOf)).ToArray());
    }

    [Fact]
    public void TruthIsWrittenAsCsvWithEpisodesAndTipTargets()
    {
        var path = Path.Combine(Path.GetTempPath(), "blindspot-truth-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            inbox.Generator.WriteTruth(path);
            var lines = File.ReadAllLines(path);
            Assert.Equal("household_id,dong,moved_in,moved_out,crisis_start,crisis_end,kind,visible", lines[0]);
            Assert.True(lines.Length > SampleInbox.Options.Households * 0.03);
            var tips = File.ReadAllLines(Path.ChangeExtension(path, null) + "_tips.csv");
            Assert.True(tips.Length > 10);
        }
        finally
        {
            File.Delete(path);
            File.Delete(Path.ChangeExtension(path, null) + "_tips.csv");
        }
    }
}
