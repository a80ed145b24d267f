using BlindSpot.Core.Contract;
using BlindSpot.Samples.Tests.Support;

namespace BlindSpot.Samples.Tests;

/// <summary>The district looks like Yeongdeungpo-gu (domain-notes.md), read back from the files themselves.</summary>
public sealed class ShapeTests(SampleInbox inbox) : IClassFixture<SampleInbox>
{
    [Fact]
    public void NewestSnapshotHoldsTheRequestedNumberOfHouseholds() =>
        Assert.Equal(SampleInbox.Options.Households, inbox.CurrentHouseholds().Count);

    [Fact]
    public void AboutHalfTheHouseholdsLiveAlone()
    {
        var rows = inbox.CurrentHouseholds();
        var share = rows.Count(r => r["members"] == "1") / (double)rows.Count;
        Assert.InRange(share, 0.45, 0.55);
    }

    [Fact]
    public void AFewPercentAreInCrisisOnAsOf()
    {
        var ids = inbox.CurrentHouseholds().Select(r => r["household_id"]).ToList();
        var share = ids.Count(id => inbox.Generator.TruthOf(id, SampleInbox.Options.AsOf)) / (double)ids.Count;
        Assert.InRange(share, 0.02, 0.07);
    }

    [Fact]
    public void CrisisConcentratesAmongMenInTheirFiftiesAndSixtiesLivingAlone()
    {
        var asOf = SampleInbox.Options.AsOf;
        var rows = inbox.CurrentHouseholds();
        double Prevalence(IEnumerable<Dictionary<string, string>> group)
        {
            var g = group.ToList();
            return g.Count(r => inbox.Generator.TruthOf(r["household_id"], asOf)) / (double)g.Count;
        }
        var men = rows.Where(r => r["members"] == "1" && r["head_sex"] == "M" && asOf.Year - int.Parse(r["head_birth_year"]) is >= 50 and < 70);
        var young = rows.Where(r => asOf.Year - int.Parse(r["head_birth_year"]) < 35);
        Assert.True(Prevalence(men) > 2 * Prevalence(rows), $"men 50-69 alone {Prevalence(men):P1} vs all {Prevalence(rows):P1}");
        Assert.True(Prevalence(young) < Prevalence(rows));
    }

    [Fact]
    public void DongsHaveTheirOwnProfiles()
    {
        var rows = inbox.CurrentHouseholds();
        string Dong(Dictionary<string, string> r) => Dongs.Normalize(r["dong"])!;
        double Share(string dong, string housing)
        {
            var inDong = rows.Where(r => Dong(r) == dong).ToList();
            return inDong.Count(r => r["housing_type"] == housing) / (double)inDong.Count;
        }
        Assert.All(rows, r => Assert.NotNull(Dongs.Normalize(r["dong"])));
        Assert.Equal(18, rows.Select(Dong).Distinct().Count());
        Assert.True(Share("여의동", "아파트") > 0.6);
        Assert.True(Share("대림2동", "연립다세대") > 0.35);
        Assert.True(Share("신길4동", "반지하") > 3 * Math.Max(0.01, Share("여의동", "반지하")));
        Assert.Equal(["영등포동"], rows.Where(r => r["housing_type"] == "쪽방").Select(Dong).Distinct());
        var sizes = rows.GroupBy(Dong).Select(g => g.Count()).ToList();
        Assert.True(sizes.Max() > 1.5 * sizes.Min());
    }

    [Fact]
    public void SomeHouseholdsReceiveLivelihoodBenefitsAndSomeAreCaseManaged()
    {
        var rows = inbox.CurrentHouseholds();
        bool Yes(string v) => v is "Y" or "1" or "예" or "true";
        Assert.InRange(rows.Count(r => Yes(r["basic_livelihood"])) / (double)rows.Count, 0.02, 0.12);
        Assert.InRange(rows.Count(r => Yes(r["case_managed"])) / (double)rows.Count, 0.002, 0.03);
    }

    [Fact]
    public void RegistryAddressesAreRoadNameAddresses() =>
        Assert.All(inbox.CurrentHouseholds(), r => Assert.Matches(@"^서울특별시 영등포구 \S+로 \d+(-\d+)?(, .+호)?( \([^)]+\))?$", r["address"]));

    [Fact]
    public void HouseholdsMoveInAndOutBetweenSnapshots()
    {
        var current = inbox.CurrentHouseholds().Select(r => r["household_id"]).ToHashSet();
        var oldCsv = inbox.Files["households_20260430.csv"];
        var id = oldCsv.Column("세대ID");
        var old = oldCsv.Whole.Select(r => r[id]).Where(x => x.StartsWith("YDP-1")).ToHashSet();
        Assert.InRange(old.Count(x => !current.Contains(x)) / (double)old.Count, 0.03, 0.12);
        Assert.InRange(current.Count(x => !old.Contains(x)) / (double)current.Count, 0.03, 0.12);
    }

    [Fact]
    public void TipNotesCarrySignalAndNoise()
    {
        var notes = inbox.Feed(Feed.TipsOfficer).Concat(inbox.Feed(Feed.TipsHotline))
            .SelectMany(x => x.Csv.Whole.Select(r => r[x.Csv.Column("note", "내용")])).ToList();
        Assert.Contains(notes, n => n.Contains("우편물") || n.Contains("인기척") || n.Contains("악취"));
        Assert.Contains(notes, n => n.Contains("층간소음") || n.Contains("오인 신고") || n.Contains("이사 온 지"));
        Assert.Contains(notes, n => n.Contains('\n'));
        Assert.Contains(notes, n => n.Contains('"') && n.Contains(','));
    }

    [Fact]
    public void SignalNotesAreMoreCommonAboutHouseholdsInCrisis()
    {
        var signal = 0; var signalInCrisis = 0; var noise = 0; var noiseInCrisis = 0;
        foreach (var (_, csv) in inbox.Feed(Feed.TipsHotline))
        foreach (var r in csv.Whole)
        {
            if (inbox.Generator.TrueHouseholdOfTip(r[csv.Column("call_id", "접수번호")]) is not { } id) continue;
            var when = DateOnly.FromDateTime(DateTime.Parse(r[csv.Column("called_at", "접수일시")]));
            var inCrisis = inbox.Generator.TruthOf(id, when);
            var note = r[csv.Column("note", "내용")];
            if (note.Contains("층간소음") || note.Contains("오인") || note.Contains("분리배출")) { noise++; if (inCrisis) noiseInCrisis++; }
            if (note.Contains("인기척") || note.Contains("악취") || note.Contains("분유") || note.Contains("체납")) { signal++; if (inCrisis) signalInCrisis++; }
        }
        Assert.True(signalInCrisis / (double)signal > 2 * (noiseInCrisis / (double)Math.Max(1, noise)), $"{signalInCrisis}/{signal} vs {noiseInCrisis}/{noise}");
    }

    [Fact]
    public void HotlineCallsOftenLeaveTheDongOutButTheAddressShowsIt()
    {
        var withoutDong = 0; var total = 0;
        foreach (var (_, csv) in inbox.Feed(Feed.TipsHotline))
        {
            Assert.Equal(-1, csv.Column("household_id", "세대ID"));
            foreach (var r in csv.Whole)
            {
                total++;
                var address = r[csv.Column("address", "주소")];
                if (r[csv.Column("dong", "행정동")].Length > 0 || address.Length == 0) continue;
                withoutDong++;
                var compact = address.Replace(" ", "");
                var shows = Dongs.All.Any(d => compact.Contains(d) || compact.Contains(Dongs.LongForm(d)));
                Assert.True(shows || r[csv.Column("call_id", "접수번호")].Contains("-X"), "a valid hotline call without dong must show it in its address");
            }
        }
        Assert.InRange(withoutDong / (double)total, 0.4, 0.8);
    }

    [Fact]
    public void OutcomesExistOnlyForVisitedHouseholdsAndMostAreNotDiscoveries()
    {
        var results = inbox.Feed(Feed.Outcomes).SelectMany(x => x.Csv.Whole.Select(r => r[x.Csv.Column("result", "결과")])).ToList();
        var discovered = results.Count(r => r is "발굴" or "DISCOVERED") / (double)results.Count;
        Assert.InRange(discovered, 0.1, 0.45);
        Assert.Contains(results, r => r is "부재" or "ABSENT");
        Assert.Contains(results, r => r is "거부" or "REFUSED");
        Assert.Contains(results, r => r is "기존지원" or "ALREADY_SUPPORTED");
        var visited = inbox.Feed(Feed.Outcomes).SelectMany(x => x.Csv.Whole.Select(r => r[x.Csv.Column("household_id", "세대ID")])).Distinct().Count();
        Assert.True(visited < SampleInbox.Options.Households / 5, "labels must exist for a minority of households only");
    }
}
