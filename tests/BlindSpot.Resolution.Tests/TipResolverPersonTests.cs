using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests;

/// <summary>
/// What the note says of the person (혼자 사는 할머니, 아기 엄마, 중년 남성) and who reported it (관리사무소) against the
/// registry's head, members, infants, pregnancy and housing: the ties the address and the name leave.
/// </summary>
public sealed class TipResolverPersonTests
{
    static HouseholdRef H(string id, string address, string name, Sex sex, int born, int members, int infants = 0, bool singleParent = false,
        bool pregnant = false, string housing = "연립다세대", string dong = "문래동") =>
        new(id, dong, address, name, Some.Snapshot, null, sex, born, members, infants, singleParent, pregnant, housing);

    static readonly HouseholdRef[] Households =
    [
        // One floor of a 연립: three households, no unit written tells them apart.
        H("P01", "서울특별시 영등포구 문래로 50, 201호 (문래동, 소망빌라)", "김철수", Sex.M, 1988, 3, infants: 1),
        H("P02", "서울특별시 영등포구 문래로 50, 202호 (문래동, 소망빌라)", "이영수", Sex.M, 1975, 2),
        H("P03", "서울특별시 영등포구 문래로 50, 203호 (문래동, 소망빌라)", "박순자", Sex.F, 1946, 1),
        H("P04", "서울특별시 영등포구 문래로 50, 204호 (문래동, 소망빌라)", "최지영", Sex.F, 1990, 2, singleParent: true),
        // A house of two households.
        H("P05", "서울특별시 영등포구 문래로 60", "정말순", Sex.F, 1944, 1, housing: "단독"),
        H("P06", "서울특별시 영등포구 문래로 60", "한상철", Sex.M, 1972, 4, housing: "단독"),
        // The same unit on both sides of a landmark: an apartment and a 연립.
        H("P07", "서울특별시 영등포구 문래로 70, 101호 (문래동, 문래아파트)", "오민호", Sex.M, 1970, 3, housing: "아파트"),
        H("P08", "서울특별시 영등포구 문래로 73, 101호 (문래동, 해피빌)", "윤태호", Sex.M, 1971, 3),
    ];

    // Inside a district of 3,000 more households (each name its own, ten a building, on other numbers of 문래로), so that
    // units and names are as common as in a real registry.
    static readonly Lazy<TipResolver> Resolver = new(() => new TipResolver(new RegistryIndex(Households.Concat(Enumerable.Range(0, 3000).Select(i =>
        H($"F{i:D4}", $"서울특별시 영등포구 문래로 {200 + i / 10}, {i % 10 / 2 + 1}0{i % 2 + 1}호", $"박{i}수", i % 2 == 0 ? Sex.M : Sex.F,
            1940 + i % 60, 1 + i % 3))))));

    static TipResolution Resolve(string address, string? note, string? reporter = null, string? name = null) =>
        Resolver.Value.Resolve(new TipEvidence(address, "문래동", true, name, null, 2026, Note: note, ReporterType: reporter));

    static void AssertLinkedByPerson(TipResolution r, string householdId)
    {
        Assert.Equal((TipLinkStatus.Linked, householdId, MatchMethod.AddressAndPerson), (r.Status, r.HouseholdId, r.Method));
        Assert.InRange(r.Confidence, ResolutionOptions.Default.LinkThreshold, 1);
    }

    [Fact]
    public void WithoutAWordOfThePersonAFloorOfSeveralHouseholdsIsNotLinked() =>
        Assert.NotEqual(TipLinkStatus.Linked, Resolve("문래로 50 2층", "관리비가 몇 달째 밀려 있음").Status);

    [Theory]
    [InlineData("혼자 사시는 할머니, 며칠째 인기척 없음")]
    [InlineData("우편물이 쌓여 있음 (독거 80대 할머니)")]
    public void AnElderWomanLivingAloneIsTheOneOfTheFloor(string note) => AssertLinkedByPerson(Resolve("문래로 50 2층", note), "P03");

    [Fact]
    public void ABabysMotherIsTheHouseholdWithAnInfant() =>
        AssertLinkedByPerson(Resolve("문래로 50 2층", "아기 엄마, 분유와 기저귀가 없음"), "P01");

    [Fact]
    public void ASingleParentIsTheSingleParentsHousehold() =>
        AssertLinkedByPerson(Resolve("문래로 50 2층", "혼자 아이 키우는 엄마, 월세가 밀려 집주인이 나가라고 함"), "P04");

    [Fact]
    public void AnOldWomanOfAHouseIsNotTheMiddleAgedMansFamily()
    {
        AssertLinkedByPerson(Resolve("문래로 60", "독거 할머니, 문 앞에서 악취가 남"), "P05");
        AssertLinkedByPerson(Resolve("문래로 60", "중년 남성 (가족과 함께 삶), 일자리를 잃고 생활비가 없다고 함"), "P06");
    }

    [Fact]
    public void ADescriptionThatFitsNobodyThereLinksNobody() =>
        // A young pregnant woman: none of the floor's households has a pregnancy or a young woman living alone.
        Assert.NotEqual(TipLinkStatus.Linked, Resolve("문래로 50 2층", "혼자 사는 임산부, 출산이 임박했는데 병원에 다니지 않음").Status);

    [Fact]
    public void AManagementOfficeReportsWithinItsOwnComplex()
    {
        var byOffice = Resolve("문래로 71 근처 101호", "관리비 체납 3개월째", reporter: "관리사무소");
        var byNeighbour = Resolve("문래로 71 근처 101호", "관리비 체납 3개월째", reporter: "이웃");
        Assert.Equal("P07", byOffice.Candidates[0].HouseholdId);
        Assert.True(byOffice.Candidates[0].Probability > 3 * byOffice.Candidates.Single(c => c.HouseholdId == "P08").Probability);
        Assert.Equal(byNeighbour.Candidates.Single(c => c.HouseholdId == "P07").Probability,
            byNeighbour.Candidates.Single(c => c.HouseholdId == "P08").Probability, 9);
    }

    [Fact]
    public void ANameThatPicksTheHouseholdStaysTheNamesLink() =>
        Assert.Equal(MatchMethod.AddressAndName, Resolve("문래로 50 2층", "혼자 사시는 할머니", name: "박순자").Method);

    [Fact]
    public void ADescriptionThatFitsTheOnlyHouseholdAtTheUnitBadlyDoesNotUndoTheAddress() =>
        // A middle-aged man's family at 202호 described as an old woman living alone: the description may be of somebody
        // else (a visitor, a wrong door), so it lowers the household only so far and the exact unit still links.
        Assert.Equal((TipLinkStatus.Linked, "P02"), (Resolve("문래로 50, 202호", "혼자 사는 할머니, 우편물이 쌓여 있음") is var r ? (r.Status, r.HouseholdId) : default));

    [Fact]
    public void StaffReadTheMethodInKorean() => Assert.Equal("주소+인적사항", MatchMethods.Korean(MatchMethod.AddressAndPerson));
}
