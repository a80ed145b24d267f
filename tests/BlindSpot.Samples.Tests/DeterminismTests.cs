using BlindSpot.Samples.Tests.Support;

namespace BlindSpot.Samples.Tests;

public sealed class DeterminismTests
{
    static Dictionary<string, byte[]> Write(SampleOptions options, out string dir)
    {
        dir = Path.Combine(Path.GetTempPath(), "blindspot-samples-" + Guid.NewGuid().ToString("N"));
        new DistrictGenerator(options).WriteInbox(dir);
        return Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Fact]
    public void SameArgumentsWriteSameBytes()
    {
        var options = SampleInbox.Options with { Households = 1_500 };
        var a = Write(options, out var dirA);
        var b = Write(options, out var dirB);
        try
        {
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs between two runs");
        }
        finally
        {
            Directory.Delete(dirA, true);
            Directory.Delete(dirB, true);
        }
    }

    [Fact]
    public void WritingTheSameGeneratorTwiceGivesSameBytes()
    {
        var generator = new DistrictGenerator(SampleInbox.Options with { Households = 1_000 });
        var dirA = Path.Combine(Path.GetTempPath(), "blindspot-samples-" + Guid.NewGuid().ToString("N"));
        var dirB = dirA + "-again";
        try
        {
            generator.WriteInbox(dirA);
            generator.WriteInbox(dirB);
            foreach (var file in Directory.GetFiles(dirA))
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(dirB, Path.GetFileName(file))));
        }
        finally
        {
            Directory.Delete(dirA, true);
            Directory.Delete(dirB, true);
        }
    }

    [Fact]
    public void AnotherSeedWritesAnotherDistrict()
    {
        var a = Write(SampleInbox.Options with { Households = 1_000 }, out var dirA);
        var b = Write(SampleInbox.Options with { Households = 1_000, Seed = 7 }, out var dirB);
        try
        {
            Assert.False(a["households_20261030_part1.csv"].AsSpan().SequenceEqual(b["households_20261030_part1.csv"]));
        }
        finally
        {
            Directory.Delete(dirA, true);
            Directory.Delete(dirB, true);
        }
    }

    [Fact]
    public void RefusesATooSmallDistrict() =>
        Assert.Throws<ArgumentException>(() => new DistrictGenerator(new SampleOptions { Households = 10 }));
}
