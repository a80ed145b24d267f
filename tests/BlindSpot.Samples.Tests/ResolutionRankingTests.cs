using BlindSpot.Core.Domain;
using BlindSpot.Resolution;
using BlindSpot.Resolution.Registry;
using BlindSpot.Samples.Measurement;

namespace BlindSpot.Samples.Tests;

/// <summary>
/// The resolver ranks only the first few candidates of a tip (the best, up to MaxCandidates shown and one more) instead
/// of sorting every household the address can mean: on a generated district's labelled tips, that gives the same link,
/// method, confidence and shown candidates as sorting them all (MaxCandidates unlimited sorts them all).
/// </summary>
public sealed class ResolutionRankingTests
{
    [Fact]
    public void RankingTheFirstCandidatesGivesWhatSortingThemAllGives()
    {
        var sample = ResolutionSample.Draw(new SampleOptions { Households = 6000, Seed = 5 }, 3000, 5);
        // The newest version of each household by id, as a run's registry holds them.
        var registry = sample.Registry.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.MaxBy(h => h.SnapshotDate)!);
        var index = new RegistryIndex(registry.Values);
        var firstFew = new TipResolver(index);
        var all = new TipResolver(index, ResolutionOptions.Default with { MaxCandidates = int.MaxValue });
        var linked = 0;
        var manyCandidates = 0;
        foreach (var tip in sample.Tips)
        {
            var evidence = new TipEvidence(tip.Address, tip.DongGiven ? tip.Dong : index.InferDong(tip.Address), tip.DongGiven, tip.SubjectName,
                tip.Phone, Note: tip.Note, ReporterType: tip.ReporterType);
            var few = firstFew.Resolve(evidence);
            var sorted = all.Resolve(evidence);
            Assert.Equal(sorted.Confidence, few.Confidence);
            if (sorted.Candidates.Count > ResolutionOptions.Default.MaxCandidates + 1) manyCandidates++;
            if (sorted.Status == TipLinkStatus.Linked)
            {
                linked++;
                Assert.Equal(TipLinkStatus.Linked, few.Status);
                Assert.Equal(sorted.HouseholdId, few.HouseholdId);
                Assert.Equal(sorted.Method, few.Method);
                Assert.Equal(sorted.Candidates.Take(ResolutionOptions.Default.MaxCandidates), few.Candidates);
            }
            else if (few.Status == TipLinkStatus.Candidates)
                Assert.Equal(sorted.Candidates.Take(few.Candidates.Count), few.Candidates);
        }
        // Both kinds of tip were met: linked ones, and ones whose address fits many more households than are ranked.
        Assert.True(linked > 1000, $"{linked} linked");
        Assert.True(manyCandidates > 100, $"{manyCandidates} with many candidates");
    }
}
