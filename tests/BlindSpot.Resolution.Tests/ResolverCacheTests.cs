using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;

namespace BlindSpot.Resolution.Tests;

/// <summary>
/// The registry index started ahead of the first tips file (<see cref="ResolverCache.BuildAhead"/>, ingest's second core):
/// the tips are linked with it only while the context's households are those it was started from.
/// </summary>
public sealed class ResolverCacheTests
{
    static readonly string[] Addresses =
    [
        "서울특별시 영등포구 도림로 123, 203호", "도림로 123 2층", "행복빌라 203호", "도림노 123, 203호", "신길로 40 1203호",
        "도신로 7", "문래로 20, 301호", "선유로 306 202호", "대방천로 134, 105동 1404호",
    ];

    static IngestContext ContextOf(IEnumerable<HouseholdRef> households)
    {
        var context = new IngestContext();
        foreach (var h in households) context.Households[h.HouseholdId] = h;
        return context;
    }

    static TipResolution Resolve(TipResolver resolver, string address) =>
        resolver.Resolve(new TipEvidence(address, "도림동", true, null, null, 2026));

    [Fact]
    public void TipsAreLinkedWithTheIndexStartedAheadAsWithOneBuiltWhenAsked()
    {
        var ahead = ContextOf(Some.Households);
        ResolverCache.BuildAhead(ahead);
        var resolver = ResolverCache.For(ahead);
        var asked = ResolverCache.For(ContextOf(Some.Households));

        Assert.NotSame(asked.Index, resolver.Index);
        Assert.Equal(Some.Snapshot, resolver.Index.NewestSnapshot);
        foreach (var address in Addresses)
        {
            var (a, b) = (Resolve(asked, address), Resolve(resolver, address));
            Assert.Equal(a with { Candidates = [] }, b with { Candidates = [] });
            Assert.Equal(a.Candidates, b.Candidates);
        }
        // The unit counts made with the index started ahead are those counted when asked.
        Assert.Equal(asked.Index.HouseholdsPerBuilding, resolver.Index.HouseholdsPerBuilding);
        foreach (var unit in new[] { new UnitSpec(UnitKind.Unit, 0, 203), new UnitSpec(UnitKind.None), new UnitSpec(UnitKind.BlockUnit, 105, 1404) })
            Assert.Equal(asked.Index.UnitShare(unit), resolver.Index.UnitShare(unit));
        // Started ahead once: asked again for the same households, the same resolver.
        ResolverCache.BuildAhead(ahead);
        Assert.Same(resolver, ResolverCache.For(ahead));
    }

    [Fact]
    public void AHouseholdIncludedAfterTheIndexWasStartedIsFound()
    {
        // 203호 of 도림로 123 registers with the next file, after the index was started from the households before it.
        var context = ContextOf(Some.Households.Where(h => h.HouseholdId != "H03"));
        ResolverCache.BuildAhead(context);
        var h03 = Some.Households.Single(h => h.HouseholdId == "H03");
        var file = new FileLedgerEntry("sha", "households_20260930.csv", Feed.Households, "utf-8", 1, 1, 0, 0, null, [], DateTime.UnixEpoch);
        context.Include(IngestBatch.Empty(file) with
        {
            Households = [new Household(h03.HouseholdId, h03.Dong, h03.Address, h03.HeadName, h03.Phone, h03.HeadBirthYear, h03.HeadSex!.Value,
                1, 0, false, false, false, "다세대", "월세", new DateOnly(2020, 1, 1), false, false, h03.SnapshotDate)],
        });

        var r = Resolve(ResolverCache.For(context), "서울특별시 영등포구 도림로 123, 203호");

        Assert.Equal(TipLinkStatus.Linked, r.Status);
        Assert.Equal("H03", r.HouseholdId);
    }
}
