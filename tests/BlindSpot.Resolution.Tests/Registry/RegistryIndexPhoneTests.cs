using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests.Registry;

/// <summary>
/// The index keeps a phone as its digits in one number (<see cref="Phones.Key"/>, no string per household): numbers that
/// differ only by a leading zero stay apart, the same digits written otherwise are one phone, and the households sharing
/// a phone are found in the order given.
/// </summary>
public sealed class RegistryIndexPhoneTests
{
    static readonly HouseholdRef[] Registry =
    [
        .. Some.Households,
        new("P1", "문래동", "서울특별시 영등포구 문래로 5, 101호", "강다인", Some.Snapshot, "010-9876-5432"),
        new("P2", "문래동", "서울특별시 영등포구 문래로 9, 101호", "강다은", Some.Snapshot, "10-9876-5432"),
        new("P3", "문래동", "서울특별시 영등포구 문래로 11, 101호", "강나래", Some.Snapshot, "010-5555-0000"),
        new("P4", "문래동", "서울특별시 영등포구 문래로 13, 101호", "강가람", Some.Snapshot, "01055550000"),
    ];

    [Fact]
    public void APhoneIsItsDigitsLeadingZerosIncluded()
    {
        var resolver = Some.Resolver(Registry);
        var withZero = resolver.Resolve(new TipEvidence("없는길 1", null, false, null, "010 9876 5432"));
        Assert.Equal("P1", withZero.HouseholdId);
        Assert.DoesNotContain(withZero.Candidates, c => c.HouseholdId == "P2");
        var without = resolver.Resolve(new TipEvidence("없는길 1", null, false, null, "(10) 9876-5432"));
        Assert.Equal("P2", without.HouseholdId);
        Assert.DoesNotContain(without.Candidates, c => c.HouseholdId == "P1");
    }

    [Fact]
    public void HouseholdsSharingAPhoneAreFoundInTheOrderGiven()
    {
        var index = new RegistryIndex(Registry);
        Assert.Equal(["P3", "P4"], index.WithPhone(Phones.Key("010.5555.0000")).Select(h => h.Ref.HouseholdId));
        Assert.Equal(["P4", "P3"], new RegistryIndex(Registry.Reverse()).WithPhone(Phones.Key("010 5555 0000")).Select(h => h.Ref.HouseholdId));
        Assert.Equal(2 / (double)Registry.Length, index.PhoneShare(Phones.Key("01055550000")));
        Assert.Empty(index.WithPhone(Phones.Key("010-1111-2222")));
        // Fewer than nine digits is no phone.
        Assert.Equal(UInt128.Zero, Phones.Key("010-1234"));
    }
}
