using BlindSpot.Resolution.Addresses;

namespace BlindSpot.Resolution.Tests.Addresses;

public sealed class WrittenAddressTests
{
    static (string?, int, int, UnitSpec) Key(string written)
    {
        var a = WrittenAddress.Parse(written);
        return (a.Road, a.Number, a.Sub, a.Unit);
    }

    [Theory]
    [InlineData("서울특별시 영등포구 가마산로 339-22, 101동 1801호")]
    [InlineData("서울시 영등포구 신길 1동 가마산로 339-22, 101동 1801호")]
    [InlineData("영등포구 신길제1동 가마산로339-22 101동 1801")]
    [InlineData("가마산로 339-22 101동 1801호")]
    [InlineData("영등포구 가마산로 339-22 101-1801")]
    [InlineData("가마산로 339-22, 18층 101동 1801호")]
    [InlineData("서울특별시 영등포구 가마산로 339-22, 101동 1801호 (신길동, 래미안아파트)")]
    public void SpellingsOfOneApartmentMeet(string written) =>
        Assert.Equal(Key("서울특별시 영등포구 가마산로 339-22, 101동 1801호"), Key(written));

    [Theory]
    [InlineData("서울특별시 영등포구 도영로 327-26, 302호", "영등포구 도영로 327-26 3층 302호")]
    [InlineData("서울특별시 영등포구 대방천로 143-4, B02호", "대방천로 143-4, 지하 2호")]
    [InlineData("서울특별시 영등포구 대방천로 143-4, B02호", "대방천로 143-4 지하1층 B02호")]
    [InlineData("서울특별시 영등포구 신길로 222-36, 101호", "서울 영등포구신길5동 신길로222-36 1층 101호")]
    [InlineData("서울특별시 영등포구 신길로 12, 203호", "신길로12 203")]
    [InlineData("서울 영등포구 신길로 12 제203호", "신길로 12, 203")]
    [InlineData("영등포구 신길로 12 203호 (신길동)", "서울시 신길로12 203")]
    [InlineData("신길5동 도림로12번길 3 B01호", "도림로12번길 3 b01")]
    [InlineData("서울특별시 영등포구 도림로 88, 203호", "도림로 88번지 203호")]
    [InlineData("서울특별시 영등포구 도림로 88, 203호", "도림로88번지203호")] // 번지 glued to the unit
    [InlineData("서울특별시 영등포구 도림로 88, 203호", "도림로 ８８, ２０３호")] // full-width digits (Korean input method)
    [InlineData("서울특별시 영등포구 도림로 88, 203호", "도림 로 88 203호")] // the road's last word apart
    [InlineData("서울특별시 영등포구 가마산로 339-22, 101동 1801호", "가마산로 339-22 제101동 제1801호")]
    [InlineData("서울특별시 영등포구 가마산로 339-22, 101동 1801호", "가마산로 339-22 101동 18층 1801호")] // not 101동 18호
    public void FloorsBasementsAndGluedWordsDoNotHideAnAddress(string registry, string written) =>
        Assert.Equal(Key(registry), Key(written));

    [Fact]
    public void DifferentUnitsAndNumbersStayDifferent()
    {
        Assert.NotEqual(Key("도영로 327-26, 302호"), Key("도영로 327-26, 301호"));
        Assert.NotEqual(Key("대방천로 143-4, B02호"), Key("대방천로 143-4, 102호"));
        Assert.NotEqual(Key("가마산로 339-22, 101동 1801호"), Key("가마산로 339-22, 102동 1801호"));
        Assert.NotEqual(Key("신길로 12 203호"), Key("신길로 122 03호"));
        Assert.Equal(("영등포로3길", 5), (WrittenAddress.Parse("영등포로3길 5").Road, WrittenAddress.Parse("영등포로3길 5").Number));
    }

    [Theory]
    [InlineData("2층", UnitKind.Floor, 0, 2)]
    [InlineData("반지하", UnitKind.AnyBasement, 0, 0)]
    [InlineData("지층", UnitKind.AnyBasement, 0, 0)]
    [InlineData("B01호", UnitKind.Basement, 0, 1)]
    [InlineData("지하 1호", UnitKind.Basement, 0, 1)]
    [InlineData("101동 1203호", UnitKind.BlockUnit, 101, 1203)]
    [InlineData("101-1203", UnitKind.BlockUnit, 101, 1203)]
    [InlineData("101동", UnitKind.BlockOnly, 101, 0)]
    [InlineData("제201호", UnitKind.Unit, 0, 201)]
    [InlineData("B1층", UnitKind.AnyBasement, 0, 0)] // the first basement floor, not the first floor
    [InlineData("지하1층", UnitKind.AnyBasement, 0, 0)]
    [InlineData("", UnitKind.None, 0, 0)]
    public void ReadsEveryUnitForm(string written, UnitKind kind, int block, int number) =>
        Assert.Equal(new UnitSpec(kind, block, number), WrittenAddress.ParseUnit(written));

    [Fact]
    public void HarvestsBuildingNamesFromTheRegistryBracketAndFromWhatCallersWrite()
    {
        Assert.Contains("행복빌라", WrittenAddress.Parse("서울특별시 영등포구 도림로 123, 203호 (도림동, 행복빌라)").Words);
        var byName = WrittenAddress.Parse("신길동 행복빌라203호");
        Assert.Null(byName.Road);
        Assert.Contains("행복빌라", byName.Words);
        Assert.Equal(new UnitSpec(UnitKind.Unit, 0, 203), byName.Unit);
    }

    [Theory]
    [InlineData("서울특별시 영등포구 도림로 123, 203호")]
    [InlineData("서울특별시영등포구도림로 123 203호")]
    [InlineData("서울시영등포구 도림로123, 203호")]
    public void TheCityAndDistrictAreNeverTakenForABuildingName(string written)
    {
        var a = WrittenAddress.Parse(written);
        Assert.Empty(a.Words); // not "특별시" (서울 + 특별시), which the registry writes before every building
        Assert.Equal(("도림로", 123, new UnitSpec(UnitKind.Unit, 0, 203)), (a.Road, a.Number, a.Unit));
    }

    [Theory]
    [InlineData("장미맨션 202", "장미맨션", UnitKind.Unit, 0, 202)]
    [InlineData("영등포구 은하고시텔 201 (영등포본동)", "은하고시텔", UnitKind.Unit, 0, 201)]
    [InlineData("수정하이츠2차 3층 303호", "수정하이츠2차", UnitKind.Unit, 0, 303)]
    [InlineData("새롬빌3차203", "새롬빌3차", UnitKind.Unit, 0, 203)]
    [InlineData("스카이하이츠4차1층", "스카이하이츠4차", UnitKind.Floor, 0, 1)]
    [InlineData("63래미안아파트102동601호", "63래미안아파트", UnitKind.BlockUnit, 102, 601)]
    [InlineData("양평SK뷰아파트 101-101 (당산제2동)", "양평SK뷰아파트", UnitKind.BlockUnit, 101, 101)]
    [InlineData("해피맨션제303호", "해피맨션", UnitKind.Unit, 0, 303)]
    public void ReadsABuildingNameAndItsUnitWithoutARoad(string written, string name, UnitKind kind, int block, int number)
    {
        var a = WrittenAddress.ParseWithoutRoad(written);
        Assert.Null(a.Road);
        Assert.Equal([name], a.Words);
        Assert.Equal(new UnitSpec(kind, block, number), a.Unit);
    }

    [Fact]
    public void ABuildingNameWithItsBlockGluedOnIsNotALegalDong()
    {
        var a = WrittenAddress.Parse("도림삼성102동 2202호");
        Assert.Equal(["도림삼성"], a.Words);
        Assert.Equal(new UnitSpec(UnitKind.BlockUnit, 102, 2202), a.Unit);
        Assert.Empty(WrittenAddress.Parse("신길동 당산동3가 여의도동").Words);
    }

    [Theory]
    [InlineData("신길동")]
    [InlineData("여의도동")]
    [InlineData("당산동3가")]
    [InlineData("신길동\n")] // a quoted field's line break: the patterns' $ matches before it
    [InlineData("당산동3가\n")]
    [InlineData("102동")]
    [InlineData("102동\n")]
    [InlineData("도림로")]
    [InlineData("301호")]
    [InlineData("동")]
    [InlineData("\n")]
    [InlineData("")]
    public void TheQuickChecksPassEveryWordTheDongPatternsMatch(string word)
    {
        // The parser runs the legal-dong and block patterns only on the words these checks pass.
        if (WrittenAddress.LegalDong().IsMatch(word)) Assert.True(WrittenAddress.MayBeLegalDong(word));
        if (WrittenAddress.BlockWord().IsMatch(word)) Assert.True(WrittenAddress.EndsInDong(word));
        Assert.Equal(word.TrimEnd('\n').EndsWith('동') || word.TrimEnd('\n').EndsWith('가'), WrittenAddress.MayBeLegalDong(word));
    }

    [Fact]
    public void ReadsTheDongACallerPutInBrackets() =>
        Assert.Equal("당산2동", WrittenAddress.Parse("양평로 22 (당산제2동)").Dong);

    [Theory]
    [InlineData("도림로 123 근처 편의점 옆 건물 2층", "도림로", 123, UnitKind.Floor)]
    [InlineData("영등포구 신길로 40 옆 반지하", "신길로", 40, UnitKind.AnyBasement)]
    [InlineData("도림로123근처 빌라 3층", "도림로", 123, UnitKind.Floor)]
    public void TellsALandmarkFromTheAddressItself(string written, string road, int number, UnitKind unit)
    {
        var a = WrittenAddress.Parse(written);
        Assert.True(a.Landmark);
        Assert.Equal((road, number, unit), (a.Road, a.Number, a.Unit.Kind));
        Assert.False(WrittenAddress.Parse("도림로 123 2층").Landmark);
    }

    [Fact]
    public void ReadsAMisspeltRoadThatNoLongerEndsInRo() =>
        Assert.Equal(("도림노", 123), (WrittenAddress.Parse("도림노 123, 203호").Road, WrittenAddress.Parse("도림노 123, 203호").Number));
}
