using BlindSpot.Core.Domain;
using BlindSpot.Samples.Measurement;

namespace BlindSpot.Samples.Tests;

/// <summary>
/// What the labelled tips' notes say of the person is drawn from the hidden household, and is as unreliable as real tips:
/// often missing, sometimes about someone else.
/// </summary>
public sealed class TipDescriptionTests
{
    static readonly Lazy<ResolutionSample> Sample = new(() => ResolutionSample.Draw(new SampleOptions { Households = 6000, Seed = 4 }, 6000, 4));

    static bool Says(string note, params string[] words) => words.Any(w => note.Replace(" ", "").Contains(w, StringComparison.Ordinal));

    static List<(LabelledTip Tip, Core.Ingest.HouseholdRef H)> About(Func<Core.Ingest.HouseholdRef, bool> which)
    {
        var registry = Sample.Value.Registry.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.SnapshotDate)!);
        return Sample.Value.Tips.Where(t => t.TrueHouseholdId is not null).Select(t => (t, registry[t.TrueHouseholdId!])).Where(x => which(x.Item2)).ToList();
    }

    static double Share(List<(LabelledTip Tip, Core.Ingest.HouseholdRef H)> tips, params string[] words) =>
        tips.Count(x => Says(x.Tip.Note, words)) / (double)tips.Count;

    [Fact]
    public void EveryTipHasANoteAndEveryCallAReporterType()
    {
        Assert.All(Sample.Value.Tips, t => Assert.False(string.IsNullOrWhiteSpace(t.Note)));
        Assert.All(Sample.Value.Tips.Where(t => !t.Officer), t => Assert.NotNull(t.ReporterType));
        Assert.All(Sample.Value.Tips.Where(t => t.Officer), t => Assert.Null(t.ReporterType));
    }

    [Fact]
    public void ABabyIsSaidOfHouseholdsWithAnInfantOftenAndOfOthersAlmostNever()
    {
        string[] baby = ["아기", "분유", "기저귀", "갓난", "젖먹이"];
        Assert.InRange(Share(About(h => h.ChildrenUnder2 > 0), baby), 0.3, 0.9);
        Assert.InRange(Share(About(h => h.ChildrenUnder2 == 0 && !h.Pregnant), baby), 0, 0.02);
    }

    [Fact]
    public void LivingAloneIsSaidOfOnePersonHouseholdsSometimesAndOfOthersRarely()
    {
        string[] alone = ["혼자사는", "혼자사시는", "독거", "혼자지냄"];
        Assert.InRange(Share(About(h => h.Members == 1), alone), 0.2, 0.6);
        Assert.InRange(Share(About(h => h.Members > 1), alone), 0.005, 0.08);
    }

    [Fact]
    public void TheSexSaidIsMostlyTheHeadsAndSometimesNot()
    {
        string[] female = ["할머니", "아주머니", "여성", "여자분", "아가씨"];
        string[] male = ["할아버지", "아저씨", "남성", "남자분", "청년"];
        var men = About(h => h.Members == 1 && h.HeadSex == Sex.M);
        var said = men.Where(x => Says(x.Tip.Note, female) || Says(x.Tip.Note, male)).ToList();
        var wrong = said.Count(x => Says(x.Tip.Note, female) && !Says(x.Tip.Note, male)) / (double)said.Count;
        Assert.InRange(wrong, 0.01, 0.1);
        // Often nothing is said of the person at all.
        Assert.InRange(1 - said.Count / (double)men.Count, 0.3, 0.7);
    }
}
