using System.Text.Json;
using BlindSpot.Core.Domain;
using BlindSpot.Core.Ingest;
using BlindSpot.Resolution.Registry;

namespace BlindSpot.Resolution.Tests.Registry;

public sealed class KeptRegistryTests
{
    // Every shape the registry writes (unit, floor, basement, block and unit, house without a unit, no bracket) and a
    // district around them, so that names, units and buildings are as rare as in a real registry.
    static readonly HouseholdRef[] Registry = Some.Households.Concat(Enumerable.Range(0, 3000).Select(i =>
        new HouseholdRef($"F{i:D4}", "문래동", i % 7 == 0 ? $"서울특별시 영등포구 문래로 {100 + i / 10}" : $"서울특별시 영등포구 문래로 {100 + i / 10}, {i % 10 / 2 + 1}0{i % 2 + 1}호",
            $"박{i}수", Some.Snapshot, i % 3 == 0 ? $"010-5555-{i:D4}" : null, i % 2 == 0 ? Sex.F : Sex.M, 1940 + i % 60, 1 + i % 4,
            i % 11 == 0 ? 1 : 0, i % 13 == 0, i % 17 == 0, i % 5 == 0 ? "아파트" : "연립다세대"))).ToArray();

    static readonly TipEvidence[] Tips =
    [
        new("도림로 123 201호", "도림동", true, null, null, 2026),
        new("행복빌라 2층", "도림동", true, "김씨", null, 2026),
        new("도림로 123", "도림동", true, "김 할머니", null, 2026),
        new("도림루 123 203호", "도림동", true, null, null, 2026),
        new("래미안 101동 1203호", null, false, null, null, 2026),
        new("신길로 40 1203호", "신길1동", true, "한지민", null, 2026),
        new("도신로 7", "도림동", true, "박미자", null, 2026),
        new("장미맨션 202", "당산1동", true, null, null, 2026),
        new("선유로 306 근처 편의점 옆", "당산1동", true, null, null, 2026),
        new("수정하이츠 303호", "양평1동", true, null, null, 2026),
        new("어딘가", "도림동", true, null, "010-1234-5678", 2026),
        new("문래로 105 301호", "문래동", true, "박52수", null, 2026),
        new("문래로 104", "문래동", true, null, "010-5555-0042", 2026),
        new("문래로 250 201호", "문래동", true, null, null, 2026),
        new("문래로 103", "문래동", true, null, null, 2026, Note: "혼자 사는 할머니, 우편물이 쌓여 있음", ReporterType: "관리사무소"),
        new("문래로 110 2층", "문래동", true, null, null, 2026, Note: "아기 엄마, 분유와 기저귀가 없음"),
    ];

    [Fact]
    public void TheKeptRegistryReadsBackAsTheSameHouseholdsInTheSameOrderAndResolvesEveryTipAlike()
    {
        var index = new RegistryIndex(Registry);
        var blob = KeptRegistry.Write(Registry, index);

        // The index built from the parts kept with the households (a day's run), and one built anew from the households
        // with the addresses kept (a context whose households changed after the copy was read).
        Assert.True(KeptRegistry.TryReadIndexed(blob, out var households, out KeptIndex parts, out _));
        Assert.Equal(Registry, households);
        var fromParts = new TipResolver(RegistryIndex.FromKept(households, parts));
        Assert.Equal(index.Addresses.Count, parts.Addresses.Count);
        var fromAddresses = new TipResolver(new RegistryIndex(households, parts.Addresses));
        Assert.Equal(index.Addresses.Count, fromAddresses.Index.Addresses.Count); // nothing had to be parsed again
        var fresh = new TipResolver(index);
        foreach (var fromKept in new[] { fromParts, fromAddresses })
        {
            foreach (var tip in Tips)
                Assert.Equal(JsonSerializer.Serialize(fresh.Resolve(tip)), JsonSerializer.Serialize(fromKept.Resolve(tip)));
            Assert.Equal(fresh.Index.InferDong("신길로 40 1203호"), fromKept.Index.InferDong("신길로 40 1203호"));
            Assert.Equal(fresh.Index.InferDong("장미맨션 202"), fromKept.Index.InferDong("장미맨션 202"));
            Assert.Equal(fresh.Index.HouseholdsPerBuilding, fromKept.Index.HouseholdsPerBuilding);
        }
        Assert.Contains(Tips, t => fresh.Resolve(t).Status == TipLinkStatus.Linked);
        Assert.Contains(Tips, t => fresh.Resolve(t).Status == TipLinkStatus.Candidates);
        // The copy written from the index built of its parts is the copy it was read from, byte for byte.
        Assert.Equal(blob, KeptRegistry.Write(households, fromParts.Index));
    }

    [Fact]
    public void AKeptIndexOfADistrictMadeSideBySideResolvesAsTheIndexBuiltOneHouseholdAfterAnother()
    {
        // More households than one block of the kept index's entries (16,384), names shared by ~57 households each, and
        // phones shared by ~9 (a phone's households are chained in household order): the lookups the kept index fills
        // side by side must hold what one pass in household order gave.
        var registry = Enumerable.Range(0, 40_000).Select(i => new HouseholdRef($"M{i:D5}", "문래동",
            $"서울특별시 영등포구 문래로 {100 + i / 40}, {i % 40 / 4 + 1}0{i % 4 + 1}호", $"김{i % 700}순", Some.Snapshot,
            i % 5 == 0 ? $"010-7777-{i % 900:D4}" : null, i % 2 == 0 ? Sex.F : Sex.M, 1940 + i % 60, 1 + i % 4)).ToArray();
        var index = new RegistryIndex(registry);
        var blob = KeptRegistry.Write(registry, index);
        Assert.True(KeptRegistry.TryReadIndexed(blob, out var households, out KeptIndex parts, out _));
        var fromParts = new TipResolver(RegistryIndex.FromKept(households, parts));
        var fresh = new TipResolver(index);
        TipEvidence[] tips =
        [
            new("어딘가", "문래동", true, null, "010-7777-0005", 2026),
            new("문래로 300", "문래동", true, null, "010-7777-0890", 2026),
            new("문래로 150 302호", "문래동", true, "김609순", null, 2026),
            new("문래로 150", "문래동", true, "김609순", null, 2026),
            new("문래로 150", "문래동", true, "김 할머니", null, 2026),
            new("문래로 612", "문래동", true, "김 할머니", null, 2026),
            new("문래로 1099 1004호", "문래동", true, "김699순", "010-7777-0400", 2026),
            new("문래로 444", "문래동", true, null, null, 2026, Note: "혼자 사는 할머니"),
        ];
        foreach (var tip in tips)
            Assert.Equal(JsonSerializer.Serialize(fresh.Resolve(tip)), JsonSerializer.Serialize(fromParts.Resolve(tip)));
        Assert.Contains(tips, t => fresh.Resolve(t).Status != TipLinkStatus.Unresolved);
        Assert.Equal(fresh.Index.HouseholdsPerBuilding, fromParts.Index.HouseholdsPerBuilding);
        // How common a name and a surname are (the weight a name match carries), for every name.
        foreach (var name in registry.Select(h => h.HeadName).Distinct())
        {
            var squeezed = BlindSpot.Resolution.Text.SubjectName.Squeeze(name);
            Assert.Equal(fresh.Index.NameShare(squeezed), fromParts.Index.NameShare(squeezed));
            Assert.Equal(fresh.Index.SurnameShare(squeezed[..1]), fromParts.Index.SurnameShare(squeezed[..1]));
        }
        Assert.Equal(blob, KeptRegistry.Write(households, fromParts.Index));
    }

    [Fact]
    public void TheKeptPartsBuildAnIndexOnlyOfTheHouseholdsReadWithThem()
    {
        var blob = KeptRegistry.Write(Registry, new RegistryIndex(Registry));
        Assert.True(KeptRegistry.TryReadIndexed(blob, out var households, out KeptIndex parts, out _));

        // Equal households that are not the ones read (another read of the copy), or in another order: not taken.
        Assert.True(KeptRegistry.TryReadIndexed(blob, out var again, out KeptIndex _, out _));
        Assert.Equal(households, again);
        Assert.False(parts.Matches(again));
        Assert.False(parts.Matches(households.AsEnumerable().Reverse()));
        Assert.False(parts.Matches(households.Skip(1)));
        Assert.Throws<ArgumentException>(() => RegistryIndex.FromKept(again, parts));
        // An index of other households is not written as theirs.
        Assert.Throws<ArgumentException>(() => KeptRegistry.Write(again, RegistryIndex.FromKept(households, parts)));
    }

    [Fact]
    public void ADamagedOrForeignBlobOrOneOfAnotherParserBuildIsNotTakenForTheRegistry()
    {
        var blob = KeptRegistry.Write(Registry, new RegistryIndex(Registry).Addresses);

        // Damaged: said (for the caller's warning), never with the content. Cut, one byte more, or one bit flipped anywhere
        // after the build (a household's text, an index number, the addresses, the checksum itself).
        Assert.False(KeptRegistry.TryRead(blob[..(blob.Length / 2)], out _, out _, out var damage));
        Assert.Equal("a checksum that does not match", damage);
        Assert.False(KeptRegistry.TryRead([.. blob, 0], out _, out _, out damage));
        Assert.Equal("a checksum that does not match", damage);
        foreach (var at in new[] { 45, blob.Length / 3, blob.Length / 2, blob.Length * 3 / 4, blob.Length - 40, blob.Length - 1 })
        {
            var flipped = blob.ToArray();
            flipped[at] ^= 0x04;
            Assert.False(KeptRegistry.TryRead(flipped, out _, out _, out damage));
            Assert.Equal("a checksum that does not match", damage);
        }
        // Another format, or none: expected (nothing to warn about).
        Assert.False(KeptRegistry.TryRead("not a registry"u8.ToArray(), out _, out _, out damage));
        Assert.Null(damage);
        Assert.False(KeptRegistry.TryRead([], out _, out _, out damage));
        Assert.Null(damage);
        // Written by another build of the address parser (after the format's magic and version): parsed again instead.
        var otherBuild = blob.ToArray();
        otherBuild[9] ^= 0xFF;
        Assert.False(KeptRegistry.TryRead(otherBuild, out _, out _, out damage));
        Assert.Null(damage);
        Assert.True(KeptRegistry.TryRead(blob, out _, out _, out damage));
        Assert.Null(damage);
    }
}
