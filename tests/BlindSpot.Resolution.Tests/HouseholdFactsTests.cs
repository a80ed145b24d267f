using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Addresses;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests;

/// <summary>
/// The facts the resolver weighs a household by (<see cref="HouseholdFacts"/>) compare as the registry's values do: a
/// packed surname is equal exactly when the letters are, a dong's number exactly when the strings are, and a household's
/// facts say what its entry says.
/// </summary>
public sealed class HouseholdFactsTests
{
    // Registry surnames (one or two letters, or none) and surnames as a tip may give them (up to a whole name).
    static readonly string[] RegistrySurnames = ["", "김", "이", "황", "황보", "남궁", "남"];
    static readonly string[] WrittenSurnames = ["", "김", "이", "황", "황보", "황보윤", "황보윤주", "남궁", "남", "궁", "보황"];

    [Fact]
    public void APackedSurnameIsEqualExactlyWhenItsLettersAre()
    {
        foreach (var registry in RegistrySurnames)
            foreach (var written in WrittenSurnames)
                Assert.Equal(registry.AsSpan().SequenceEqual(written), HouseholdFacts.SurnameKey(registry) == HouseholdFacts.SurnameKey(written));
    }

    [Fact]
    public void ADongsNumberIsTheSameForTheSameStringAndDiffersForAnother()
    {
        var codes = new DongCodes();
        var numbers = new int[4];
        // Asked from several threads at once, as a file's tips are resolved: one number per string all the same.
        Parallel.For(0, 4, i => numbers[i] = codes.Of(new string("도림동".AsSpan())));
        Assert.All(numbers, n => Assert.Equal(numbers[0], n));
        Assert.NotEqual(numbers[0], codes.Of("신길1동"));
        Assert.True(numbers[0] > 0, "0 is the number of no dong");
    }

    [Fact]
    public void AHouseholdsFactsSayWhatItsEntrySays()
    {
        var index = new RegistryIndex(
        [
            new HouseholdRef("A1", "도림동", "서울특별시 영등포구 도림로 123, 201호", "황보 윤주", Some.Snapshot, "010-1234-5678", Sex.F, 1950, 1,
                ChildrenUnder2: 1, SingleParent: true, Pregnant: false, HousingType: "아파트"),
            new HouseholdRef("A2", "도림동", "서울특별시 영등포구 도림로 123", "김영수", Some.Snapshot.AddDays(-30), null, null, 0, 0,
                HousingType: "단독"),
        ]);
        var dongs = new DongCodes();
        var first = HouseholdFacts.Of(new HouseholdEntry(index, 0), dongs);
        var second = HouseholdFacts.Of(new HouseholdEntry(index, 1), dongs);

        Assert.Equal("A1", first.Id);
        Assert.Equal(new UnitSpec(UnitKind.Unit, 0, 201), first.Unit);
        Assert.Equal(dongs.Of("도림동"), first.Dong);
        Assert.Equal(HouseholdFacts.SurnameKey("황보"), first.Surname);
        Assert.Equal(string.GetHashCode("황보윤주".AsSpan()), first.NameHash);
        Assert.True(first.HasPhone && first.Current && first.SingleParent && first.Infants && !first.Pregnant);
        Assert.Equal((Sex.F, 1950, 1, 1), (first.HeadSex!.Value, first.HeadBirthYear, first.Members, first.HousingKind));

        Assert.False(second.HasPhone || second.Current || second.Infants);
        Assert.Null(second.HeadSex);
        Assert.Equal(3, second.HousingKind);
        Assert.Equal(HouseholdFacts.SurnameKey("김"), second.Surname);
    }

    [Fact]
    public void ABuildingOfTwoDongsInfersTheDongOfTheUnitWritten()
    {
        var index = new RegistryIndex(
        [
            new HouseholdRef("B1", "대림1동", "서울특별시 영등포구 시흥대로 700, 101호", "김하나", Some.Snapshot),
            new HouseholdRef("B2", "대림2동", "서울특별시 영등포구 시흥대로 700, 102호", "이두리", Some.Snapshot),
            new HouseholdRef("B3", "대림2동", "서울특별시 영등포구 시흥대로 710, 101호", "박세나", Some.Snapshot),
        ]);

        Assert.Equal("대림1동", index.InferDong("시흥대로 700 101호"));
        Assert.Equal("대림2동", index.InferDong("시흥대로 700 102호"));
        // No unit: both dongs fit the building, and the road has both.
        Assert.Null(index.InferDong("시흥대로 700"));
        // A building of one dong: its dong for a unit it has, the building's for one it has not.
        Assert.Equal("대림2동", index.InferDong("시흥대로 710 101호"));
        Assert.Equal("대림2동", index.InferDong("시흥대로 710 909호"));
    }
}
