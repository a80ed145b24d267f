using BlindSpot.Core.Contract;
using BlindSpot.Csv.Ingest;

namespace BlindSpot.Csv.Tests.Ingest;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("서울특별시 영등포구 가마산로 339-22, 101동 1801호")]
    [InlineData("서울시 영등포구 신길 1동 가마산로 339-22, 101동 1801호")]
    [InlineData("영등포구 신길제1동 가마산로339-22 101동 1801")]
    [InlineData("가마산로 339-22 101동 1801호")]
    [InlineData("영등포구 가마산로 339-22 101-1801")]
    [InlineData("가마산로 339-22, 18층 101동 1801호")]
    public void SpellingsOfOneAddressMeet(string written) =>
        Assert.Equal(AddressKey.Of("서울특별시 영등포구 가마산로 339-22, 101동 1801호"), AddressKey.Of(written));

    [Theory]
    [InlineData("서울특별시 영등포구 도영로 327-26, 302호", "영등포구 도영로 327-26 3층 302호")]
    [InlineData("서울특별시 영등포구 대방천로 143-4, B02호", "대방천로 143-4, 지하 2호")]
    [InlineData("서울특별시 영등포구 대방천로 143-4, B02호", "대방천로 143-4 지하1층 B02호")]
    [InlineData("서울특별시 영등포구 신길로 222-36, 101호", "서울 영등포구신길5동 신길로222-36 1층 101호")]
    public void FloorsBasementsAndGluedWordsDoNotHideAnAddress(string registry, string written) =>
        Assert.Equal(AddressKey.Of(registry), AddressKey.Of(written));

    [Fact]
    public void DifferentUnitsStayDifferent()
    {
        Assert.NotEqual(AddressKey.Of("도영로 327-26, 302호"), AddressKey.Of("도영로 327-26, 301호"));
        Assert.NotEqual(AddressKey.Of("대방천로 143-4, B02호"), AddressKey.Of("대방천로 143-4, 102호"));
        Assert.NotEqual(AddressKey.Of("가마산로 339-22, 101동 1801호"), AddressKey.Of("가마산로 339-22, 102동 1801호"));
    }

    [Theory]
    [InlineData("서울시 영등포구 신길 1동 가마산로 339", "신길1동")]
    [InlineData("영등포구 양평 2동 선유동로 491 207호", "양평2동")]
    [InlineData("당산제2동 당산로 12", "당산2동")]
    [InlineData("영등포본동 영등포로 1", "영등포본동")]
    public void FindsTheAdministrativeDongNamedInAnAddress(string address, string dong) =>
        Assert.Equal(dong, Assert.Single(Dongs.Mentions(address)).Dong);

    [Theory]
    [InlineData("서울시 영등포구 여의도동 국제금융로 10")]
    [InlineData("서울시 영등포구 신길동 123번지")]
    [InlineData("영등포구 신길2동 가마산로 1")]
    [InlineData("영등포구 당산로 12 3층")]
    public void LegalDongsAndTheMergedDongAreNotMentions(string address) => Assert.Empty(Dongs.Mentions(address));
}
