using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;

namespace BlindSpot.Resolution.Tests;

public sealed class TipResolverTests
{
    static void AssertLinked(TipResolution r, string householdId, MatchMethod method)
    {
        Assert.Equal(TipLinkStatus.Linked, r.Status);
        Assert.Equal(householdId, r.HouseholdId);
        Assert.Equal(method, r.Method);
        Assert.InRange(r.Confidence, ResolutionOptions.Default.LinkThreshold, 1);
    }

    [Theory]
    [InlineData("서울특별시 영등포구 도림로 123, 203호")]
    [InlineData("도림로123 203")]
    [InlineData("서울시 영등포구 도림동 도림로 123, 2층 203호")]
    [InlineData("도림로 123 제203호 (도림동)")]
    public void LinksAnAddressThatNamesOneUnit(string address) => AssertLinked(Some.Resolve(address), "H03", MatchMethod.Address);

    [Fact]
    public void AFloorAloneGivesTheFloorsHouseholdsAsCandidates()
    {
        var r = Some.Resolve("도림로 123 2층");
        Assert.Equal(TipLinkStatus.Candidates, r.Status);
        Assert.Equal(["H01", "H02", "H03"], r.Candidates.Select(c => c.HouseholdId).Order());
    }

    [Theory]
    [InlineData("김영희")]
    [InlineData("김 할머니")]
    public void TheNameOrWhatTheCallerSaysOfThePersonPicksOneOfSeveral(string name) =>
        AssertLinked(Some.Resolve("도림로 123 2층", name), "H01", MatchMethod.AddressAndName);

    [Theory]
    [InlineData("황보모씨")]
    [InlineData("황보 할머니")]
    public void ATwoLetterSurnameWithATitleIsTheSurname(string name) =>
        // "황보" was read as a full name of surname 황, which fits nobody: the only household at the unit did not link.
        AssertLinked(Some.Resolve("대방천로 134, 105동 1404호", name, dong: "신길7동"), "H15", MatchMethod.Address);

    [Fact]
    public void ANameThatFitsNobodyThereDoesNotLink() =>
        Assert.NotEqual(TipLinkStatus.Linked, Some.Resolve("도림로 123 2층", "홍길동").Status);

    [Theory]
    [InlineData("도림노 123, 203호")]
    [InlineData("돌임로 123 203호")]
    [InlineData("도림림로 123 203호")] // a syllable typed twice: three jamo off, one syllable
    [InlineData("도림로로 123 203호")]
    public void LinksDespiteATypoInTheRoadName(string address) => AssertLinked(Some.Resolve(address), "H03", MatchMethod.RoadTypo);

    [Theory]
    [InlineData("행복빌라 203호")]
    [InlineData("도림동 행복빌라203호")]
    [InlineData("행복빌라 지하 1호")]
    public void LinksByABuildingNameHarvestedFromTheRegistry(string address)
    {
        var r = Some.Resolve(address);
        Assert.Equal(TipLinkStatus.Linked, r.Status);
        Assert.Equal(MatchMethod.BuildingName, r.Method);
    }

    [Theory]
    [InlineData("장미맨션 202", "H12")]
    [InlineData("영등포구 장미맨션202 (당산1동)", "H12")]
    [InlineData("수정하이츠2차 3층 303호", "H14")]
    public void ABuildingNameFollowedByANumberIsTheUnitNotARoad(string address, string householdId) =>
        AssertLinked(Some.Resolve(address, dong: null, dongGiven: false), householdId, MatchMethod.BuildingName);

    [Theory]
    [InlineData("레미안아파트 101동 1203호", "H06")] // ㅐ written ㅔ
    [InlineData("레미안 101-1203", "H06")]
    [InlineData("행복빌리 203호", "H03")]
    public void ABuildingNameOneLetterOffStillFindsTheBuilding(string address, string householdId) =>
        AssertLinked(Some.Resolve(address, dong: null, dongGiven: false), householdId, MatchMethod.BuildingName);

    [Fact]
    public void ABuildingNameTwoLettersOffFindsNothing() =>
        Assert.Equal(TipLinkStatus.Unresolved, Some.Resolve("혱복빌리 203호", dong: null, dongGiven: false).Status);

    [Theory]
    [InlineData("반지하", "H04")]
    [InlineData("지층", "H04")]
    [InlineData("B01호", "H04")]
    public void BasementSpellingsMeetTheBasementUnit(string unit, string householdId) =>
        AssertLinked(Some.Resolve("도림로 123 " + unit), householdId, MatchMethod.Address);

    [Fact]
    public void ARoadNameWrittenInTwoWordsIsOneRoad()
    {
        // 대방로 is no road of the registry (and one jamo from none): 여의 + 대방로 is 여의대방로.
        var registry = Some.Households.Append(new HouseholdRef("H20", "신길7동", "서울특별시 영등포구 여의대방로 88, 203호", "문수진", Some.Snapshot, null, Sex.F, 1961));
        var r = Some.Resolver(registry).Resolve(new TipEvidence("여의 대방로 88 203호", null, false, null, null, 2026));
        AssertLinked(r, "H20", MatchMethod.Address);
    }

    [Theory]
    [InlineData("도림로 123 B101호")] // first basement floor, unit 01: the registry's B01호
    [InlineData("도림로 123 지하101호")]
    public void ABasementUnitWrittenWithItsFloorMeetsTheRegistrysNumber(string address) =>
        AssertLinked(Some.Resolve(address), "H04", MatchMethod.Address);

    [Theory]
    [InlineData("신길래미안 101동 1203호")] // the area added to the registry's 래미안아파트
    [InlineData("신길동 래미안아파트 101동 1203호")]
    public void ABuildingNameWithTheAreaAddedFindsTheRegistrysName(string address) =>
        AssertLinked(Some.Resolve(address, dong: "신길1동"), "H06", MatchMethod.BuildingName);

    [Fact]
    public void AWordThatIsOnlyAKindOfBuildingNamesNoBuilding() =>
        Assert.Equal(TipLinkStatus.Unresolved, Some.Resolve("아파트 101동 1203호", dong: null, dongGiven: false).Status);

    [Fact]
    public void ApartmentBlockAndUnitInBothSpellings()
    {
        AssertLinked(Some.Resolve("신길로 40 101-1203", dong: "신길1동"), "H06", MatchMethod.Address);
        AssertLinked(Some.Resolve("신길로 40, 102동 1203호", dong: "신길1동"), "H07", MatchMethod.Address);
        var noBlock = Some.Resolve("신길로 40 1203호", dong: "신길1동");
        Assert.Equal(TipLinkStatus.Candidates, noBlock.Status);
        Assert.Equal(["H06", "H07"], noBlock.Candidates.Select(c => c.HouseholdId).Order());
    }

    [Fact]
    public void AWrongBuildingNumberFindsTheUnitNearbyWhenTheNameAgrees()
    {
        var r = Some.Resolve("도림로 124, 201호", "김영희");
        AssertLinked(r, "H01", MatchMethod.NearbyNumber);
        Assert.NotEqual(TipLinkStatus.Linked, Some.Resolve("도림로 124, 203호").Status);
    }

    [Fact]
    public void ANameThatFitsANeighbourNotTheNumberWrittenFindsTheNeighbour()
    {
        // 도림로 125 has a 203호 (최지훈), but the caller named 김민수 of 도림로 123, 203호: a slip of the number.
        AssertLinked(Some.ResolveInDistrict("도림로 125, 203호", "김민수"), "H03", MatchMethod.NearbyNumber);
        AssertLinked(Some.ResolveInDistrict("도림로 125, 203호"), "H05", MatchMethod.Address);
        AssertLinked(Some.ResolveInDistrict("도림로 125, 203호", "최지훈"), "H05", MatchMethod.Address);
        // Two digits swapped: 132 for 123.
        AssertLinked(Some.ResolveInDistrict("도림로 132, 201호", "김영희"), "H01", MatchMethod.NearbyNumber);
    }

    [Fact]
    public void ANameThatFitsNobodyAtTheNumberOrNearbyKeepsTheTipFromLinking()
    {
        // Somebody the registry does not have (a new tenant), or a wrong address: not 최지훈's door.
        Assert.NotEqual(TipLinkStatus.Linked, Some.ResolveInDistrict("도림로 125, 203호", "홍길동").Status);
        Assert.NotEqual(TipLinkStatus.Linked, Some.ResolveInDistrict("도림로 125, 203호", "김길동").Status);
    }

    [Fact]
    public void ALoneSlipWithNothingToBackItIsNotLinked()
    {
        // 도림로 124 has no building; 123's 201호 is the only 201호 a slip away, but nothing says it is them.
        Assert.NotEqual(TipLinkStatus.Linked, Some.ResolveInDistrict("도림로 124, 201호").Status);
        AssertLinked(Some.ResolveInDistrict("도림로 124, 201호", "김영희"), "H01", MatchMethod.NearbyNumber);
    }

    [Fact]
    public void ASlipOntoARareUnitLinksWithoutAName()
    {
        // 신길로 41 does not exist; 신길로 40 next door has a 101동 1203호, a unit only a few households of a district have:
        // a slip of the number is far likelier than somebody the registry does not have at a 101동 1203호 of 41.
        AssertLinked(Some.ResolveInDistrict("신길로 41, 101동 1203호", dong: "신길1동"), "H06", MatchMethod.NearbyNumber);
        AssertLinked(Some.ResolveInDistrict("신길로 41 102-1203", dong: "신길1동"), "H07", MatchMethod.NearbyNumber);
        // 1203호 alone fits two households there: candidates, not a link.
        var noBlock = Some.ResolveInDistrict("신길로 41, 1203호", dong: "신길1동");
        Assert.Equal(TipLinkStatus.Candidates, noBlock.Status);
        Assert.Equal(["H06", "H07"], noBlock.Candidates.Select(c => c.HouseholdId).Order());
        // 201호 is in nearly every building of the district: a slip onto the one next door needs the name
        // (ALoneSlipWithNothingToBackItIsNotLinked).
        Assert.InRange(Some.District.UnitShare(new UnitSpec(UnitKind.Unit, 0, 201)), 0.09, 0.11);
        Assert.InRange(Some.District.UnitShare(new UnitSpec(UnitKind.BlockUnit, 101, 1203)), 0.0003, 0.0004);
    }

    [Fact]
    public void AHouseIsLikelierThanAUnitWhenNoUnitIsWritten()
    {
        Assert.Equal(1, UnitSpec.None.Fit(UnitSpec.None));
        Assert.Equal(UnitSpec.UnitLeftOut, UnitSpec.None.Fit(new UnitSpec(UnitKind.Unit, 0, 203)));
        Assert.True(UnitSpec.UnitLeftOut < 0.5);
        // 도신로 8 does not exist: 도신로 7 is a house of two households; with the name, 박미자.
        AssertLinked(Some.Resolve("도신로 8", "박미자"), "H10", MatchMethod.NearbyNumber);
    }

    [Fact]
    public void ADongThatRulesOutTheOtherBuildingsOfTheSameNameLinksTheOneInIt()
    {
        // 다온빌라 is a common name: six of them in six dongs, each with a 303호; the tip's dong (written) picks one.
        string[] dongs = ["도림동", "문래동", "신길1동", "신길3동", "대림1동", "양평1동"];
        var registry = dongs.Select((d, i) => new HouseholdRef($"D{i}", d, $"서울특별시 영등포구 도림로 {300 + 20 * i}, 303호 (다온빌라)",
            $"김{i}수", Some.Snapshot, null, Sex.M, 1970)).ToArray();
        var r = Some.Resolver(registry).Resolve(new TipEvidence("다온빌라 303호", "신길3동", true, null, null, 2026));
        AssertLinked(r, "D3", MatchMethod.BuildingName);
        Assert.NotEqual(TipLinkStatus.Linked, Some.Resolver(registry).Resolve(new TipEvidence("다온빌라 303호", null, false, null, null, 2026)).Status);
    }

    [Fact]
    public void AsRarePhoneFindsItsHouseholdInALargeApartment()
    {
        // 800 households at one apartment, 4,000 elsewhere; the tip gives no unit but the subject's phone.
        var registry = Enumerable.Range(0, 800).Select(i => new HouseholdRef($"A{i}", "당산2동",
                $"서울특별시 영등포구 국회대로 186, {101 + i / 100}동 {(i % 100) / 4 + 1}0{i % 4 + 1}호 (국회래미안아파트)", $"이{i}민", Some.Snapshot,
                i == 417 ? "010-4170-0417" : null, Sex.F, 1960))
            .Concat(Enumerable.Range(0, 4000).Select(i => new HouseholdRef($"E{i}", "문래동", $"서울특별시 영등포구 문래로 {i / 10 + 1}, {i % 10 + 101}호",
                $"박{i}수", Some.Snapshot, null, Sex.M, 1970)))
            .ToArray();
        var r = Some.Resolver(registry).Resolve(new TipEvidence("국회대로 186", "당산2동", true, null, "01041700417", 2026));
        AssertLinked(r, "A417", MatchMethod.AddressAndName);
    }

    [Fact]
    public void ALandmarkLooksAroundThePlaceNamed()
    {
        AssertLinked(Some.Resolve("도림로 121 근처 편의점 옆 건물 201호", "김영희"), "H01", MatchMethod.Landmark);
        var unnamed = Some.Resolve("도림로 121 근처 편의점 옆 건물 203호");
        Assert.Equal(TipLinkStatus.Candidates, unnamed.Status);
        Assert.Equal(["H03", "H05"], unnamed.Candidates.Select(c => c.HouseholdId).Order());
    }

    [Theory]
    [InlineData("도림로 121 옆집 201호")]
    [InlineData("도림로 121 근처에 201호")]
    [InlineData("도림로 121 옆에 있는 빌라 201호")]
    [InlineData("도림로 121 앞집 2층 201호")]
    [InlineData("도림로 121 건너편집 201호")]
    [InlineData("도림로 121 근방 201호")]
    [InlineData("도림로 121 주변 201호")]
    public void EveryLandmarkPhrasingLooksAround(string address)
    {
        // 도림로 121 has no building; read as an exact address (옆집 taken for a building name, 근처에 for nothing) the
        // tip found nobody at 121 or only the slips of its number.
        Assert.True(WrittenAddress.Parse(address).Landmark);
        AssertLinked(Some.Resolve(address, "김영희"), "H01", MatchMethod.Landmark);
    }

    [Fact]
    public void TheSubjectsPhonePicksTheHousehold() =>
        AssertLinked(Some.Resolve("도림로 123", phone: "01012345678"), "H03", MatchMethod.AddressAndName);

    [Fact]
    public void AHouseWithoutUnitsNeedsTheName()
    {
        var r = Some.Resolve("도신로 7");
        Assert.Equal(TipLinkStatus.Candidates, r.Status);
        AssertLinked(Some.Resolve("도신로 7", "박미자"), "H10", MatchMethod.AddressAndName);
    }

    [Fact]
    public void AnAddressTheRegistryDoesNotKnowIsUnresolved()
    {
        Assert.Equal(TipLinkStatus.Unresolved, Some.Resolve("없는길 5 101호").Status);
        Assert.Equal(TipLinkStatus.Unresolved, Some.Resolve("어딘가 편의점 옆").Status);
    }

    [Fact]
    public void MoreThanFivePlausibleHouseholdsAreNotCandidates()
    {
        var many = Enumerable.Range(1, 8).Select(i => new HouseholdRef($"G{i}", "도림동", $"서울특별시 영등포구 도림로 9, {200 + i}호", $"이{i}수", Some.Snapshot, null, Sex.M, 1970)).ToArray();
        var r = Some.Resolver(many).Resolve(new TipEvidence("도림로 9 2층", "도림동", true, null, null, 2026));
        Assert.Equal(TipLinkStatus.Unresolved, r.Status);
        Assert.Empty(r.Candidates);
    }

    [Fact]
    public void AGivenDongThatDisagreesKeepsTheTipFromLinking()
    {
        var r = Some.Resolve("도림로 123, 203호", dong: "여의동");
        Assert.NotEqual(TipLinkStatus.Linked, r.Status);
    }

    [Fact]
    public void InfersTheDongFromTheAddress()
    {
        var index = Some.Resolver().Index;
        Assert.Equal("도림동", index.InferDong("도림로 123 203호"));
        Assert.Equal("신길1동", index.InferDong("래미안아파트 101동 1203호"));
        Assert.Equal("신길5동", index.InferDong("신길5동 어딘가"));
        Assert.Null(index.InferDong("없는길 5"));
    }
}
