using BlindSpot.Core.Domain;
using BlindSpot.Csv.Output;
using BlindSpot.Pipeline.Ingest;
using BlindSpot.Pipeline.Resolution;
using BlindSpot.Pipeline.Tests.Ingest;
using BlindSpot.Pipeline.Worklists;

namespace BlindSpot.Pipeline.Tests.Resolution;

public sealed class TipResolutionServiceTests : IDisposable
{
    const string Header = "household_id,dong,address,head_name,phone,head_birth_year,head_sex,members,children_under_2,single_parent,pregnant,disability,housing_type,tenure,moved_in,basic_livelihood,case_managed\n";
    const string April = Header +
        "H001,도림동,서울특별시 영등포구 도림로 123 201호 (도림동 행복빌라),김영희,,1941,F,1,0,N,N,N,연립다세대,월세,2020-03-01,N,N\n" +
        "H002,도림동,서울특별시 영등포구 도림로 123 202호 (도림동 행복빌라),박철수,,1960,M,1,0,N,N,N,연립다세대,월세,2020-03-01,N,N\n" +
        "H003,도림동,서울특별시 영등포구 도림로 123 203호 (도림동 행복빌라),최민수,,1970,M,1,0,N,N,N,연립다세대,월세,2020-03-01,N,N\n";
    // A month later the registry has a household in 301호, which the tips below are about.
    const string May = April + "H004,도림동,서울특별시 영등포구 도림로 123 301호 (도림동 행복빌라),정미자,,1950,F,1,0,N,N,N,연립다세대,월세,2024-05-10,N,N\n";
    const string Tips = "tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note\n" +
        "T1,2024-05-20 10:00,OF1,도림동,도림로 123 301호,,,,고립,Y,\"며칠째 인기척이 없음\n문 앞에 우편물\"\n" +
        "T2,2024-05-20 11:00,OF1,도림동,행복빌라 2층,,,,경제,N,월세 밀림\n" +
        "T3,2024-05-20 12:00,OF1,도림동,도림로 123 201호,,,,건강,N,거동 불편\n";

    readonly IngestFixture fx = new();

    static readonly DateTimeOffset Later = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TriesOpenTipsAgainWhenANewRegistrySnapshotArrives()
    {
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        fx.Write("households_20240430.csv", April);
        fx.Write("tips_officer_202405.csv", Tips);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));
        var open = await store.LoadOpenTipsAsync("도림동", default);
        Assert.Equal(["T1", "T2"], open.Select(t => t.TipId).Order());
        Assert.Equal(TipLinkStatus.Unresolved, open.Single(t => t.TipId == "T1").LinkStatus);
        Assert.Equal(["H001", "H002", "H003"], open.Single(t => t.TipId == "T2").Candidates.Order());

        fx.Write("households_20240531.csv", May);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));

        var t1 = await store.FindTipAsync(TipSource.Officer, "T1", default);
        Assert.Equal(("H004", MatchMethod.Address, new DateOnly(2024, 5, 31)), (t1!.HouseholdId, t1.Match, t1.ResolvedAgainst));
        // An exact address and unit with no name: about 95% (the rest: somebody the registry does not have there, or a
        // wrong address altogether; ADR 0008).
        Assert.InRange(t1.LinkConfidence, 0.9, 1);
        var t3 = await store.FindTipAsync(TipSource.Officer, "T3", default);
        Assert.Equal(("H001", new DateOnly(2024, 4, 30)), (t3!.HouseholdId, t3.ResolvedAgainst)); // linked tips are not tried again
        Assert.Equal(["T2"], (await store.LoadOpenTipsAsync(null, default)).Select(t => t.TipId));
    }

    [Fact]
    public async Task StaffConfirmOrRejectACandidateAndARejectedOneNeverComesBack()
    {
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        fx.Write("households_20240430.csv", April);
        fx.Write("tips_officer_202405.csv", Tips);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));
        var service = new TipResolutionService(store, new ListLogger(), Parts.Tips);

        Assert.Equal(TipDecision.Rejected, await service.RejectAsync(TipSource.Officer, "T2", "H002", default));
        var t2 = await store.FindTipAsync(TipSource.Officer, "T2", default);
        Assert.Equal(["H001", "H003"], t2!.Candidates.Order());
        Assert.Equal(["H002"], t2.RejectedCandidates);

        // A new snapshot makes the tip be tried again: the rejected household stays out.
        fx.Write("households_20240531.csv", May);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));
        Assert.DoesNotContain("H002", (await store.FindTipAsync(TipSource.Officer, "T2", default))!.Candidates);

        Assert.Equal(TipDecision.UnknownHousehold, await service.ConfirmAsync(TipSource.Officer, "T2", "H999", default));
        Assert.Equal(TipDecision.UnknownTip, await service.ConfirmAsync(TipSource.Hotline, "T2", "H001", default));
        Assert.Equal(TipDecision.Linked, await service.ConfirmAsync(TipSource.Officer, "T2", "H003", default));
        var confirmed = await store.FindTipAsync(TipSource.Officer, "T2", default);
        Assert.Equal(("H003", MatchMethod.Confirmed, 1.0), (confirmed!.HouseholdId, confirmed.Match, confirmed.LinkConfidence));
        Assert.Empty(await service.ListOpenAsync("도림동", default));
    }

    [Fact]
    public async Task DongStaffDecideOnlyTheirOwnDongsTipsAndLinkThemOnlyToTheirOwnDongsHouseholds()
    {
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        fx.Write("households_20240430.csv", April + "H101,대림2동,서울특별시 영등포구 대림로 5 101호,이순자,,1945,F,1,0,N,N,N,연립다세대,월세,2020-03-01,N,N\n");
        fx.Write("tips_officer_202405.csv", Tips);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));
        var service = new TipResolutionService(store, new ListLogger(), Parts.Tips);

        Assert.Equal(TipDecision.OtherDong, await service.ConfirmAsync("대림2동", TipSource.Officer, "T2", "H101", default));
        Assert.Equal(TipDecision.OtherDong, await service.RejectAsync("대림2동", TipSource.Officer, "T2", "H001", default));
        Assert.Equal(TipDecision.HouseholdOfOtherDong, await service.ConfirmAsync("도림동", TipSource.Officer, "T1", "H101", default));
        Assert.Equal(["T1", "T2"], (await service.ListOpenAsync("도림동", default)).Select(t => t.TipId).Order());
        Assert.Equal(["H001", "H002", "H003"], (await store.FindTipAsync(TipSource.Officer, "T2", default))!.Candidates.Order());

        // A household staff found themselves (not a candidate) in their own dong.
        Assert.Equal(TipDecision.Linked, await service.ConfirmAsync("도림동", TipSource.Officer, "T1", "H002", default));
        var t1 = await store.FindTipAsync(TipSource.Officer, "T1", default);
        Assert.Equal(("H002", MatchMethod.Confirmed), (t1!.HouseholdId, t1.Match));

        var view = await new DongTipsQuery(service, store, WorklistSettings.Default, new FakeTimeProvider(Later)).LoadAsync("도림동", all: true, default);
        var t2 = Assert.Single(view.Lines);
        Assert.Equal(["H001", "H002", "H003"], t2.Candidates.Where(c => c.InDong).Select(c => c.HouseholdId).Order());
        Assert.Equal("김영희", t2.Candidates.Single(c => c.HouseholdId == "H001").Name);
    }

    [Fact]
    public async Task WritesTheUnlinkedTipsOfEachDongBesideTheWorklists()
    {
        await using var store = await IngestFixture.OpenAsync(fx.Db());
        fx.Write("households_20240430.csv", April);
        fx.Write("tips_officer_202405.csv", Tips);
        await fx.IngestAsync(store, clock: new FakeTimeProvider(Later));
        var outDir = Path.Combine(fx.Root, "out");

        var result = await new WorklistService(store, new Microsoft.Extensions.Logging.Abstractions.NullLogger<WorklistService>(), WorklistSettings.Default, Parts.Output)
            .BuildAsync(new DateOnly(2024, 5, 21), outDir, default);

        Assert.Equal(2, result.TipsToResolve);
        var path = TipsToResolveCsvWriter.PathFor(outDir, new DateOnly(2024, 5, 21), "도림동");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = File.ReadAllLines(path);
        Assert.Equal("제보번호,경로,접수일시,긴급,유형,제보자,주소(적힌 그대로),대상자,내용 요약,상태,후보세대ID", lines[0].TrimStart('\uFEFF'));
        // The urgent tip first, its two-line note on one line; then the tip with candidates.
        Assert.Equal("T1,명예사회복지공무원,2024-05-20 10:00,Y,고립,OF1,도림로 123 301호,,며칠째 인기척이 없음 문 앞에 우편물,주소 확인,", lines[1]);
        Assert.Equal("T2,명예사회복지공무원,2024-05-20 11:00,,경제,OF1,행복빌라 2층,,월세 밀림,후보 확인,H001 H002 H003", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    public void Dispose() => fx.Dispose();
}
