using System.Text;
using BlindSpot.Core.Files;

namespace BlindSpot.Core.Tests.Files;

/// <summary>
/// BinaryInput reads the kept copies of a district in BinaryReader's place: every value BinaryWriter writes must come
/// back as BinaryReader gives it, from a byte array and from a stream whose buffer is smaller than the values, and a cut
/// file must fail as BinaryReader fails.
/// </summary>
public sealed class BinaryInputTests
{
    static readonly string[] Strings =
    [
        "", "a", "YDP-1000001", "서울특별시 영등포구 신길로 55-19, 301호 (대성하이츠)", new string('가', 200), new string('x', 127), new string('x', 128),
        new string('y', 16_384), new string('z', 70_000), "emoji 😀 and \uD800 a lone surrogate", "line\nbreak\0nul",
    ];

    static readonly decimal[] Decimals = [0m, 1m, 1.0m, 1.50m, 3.50m, -0.5m, 7m, decimal.MaxValue, decimal.MinValue, 0.0000000001m];

    static byte[] Written()
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var s in Strings)
            {
                w.Write(s);
                w.Write(s.Length);
                w.Write((byte)(s.Length % 251));
                w.Write(s.Length % 2 == 0);
            }
            foreach (var m in Decimals) w.Write(m);
            w.Write(int.MinValue);
            w.Write(-1);
        }
        return bytes.ToArray();
    }

    static List<object> ReadWithBinaryReader(byte[] bytes)
    {
        var values = new List<object>();
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        foreach (var _ in Strings) values.AddRange([r.ReadString(), r.ReadInt32(), r.ReadByte(), r.ReadBoolean()]);
        foreach (var _ in Decimals) values.Add(r.ReadDecimal());
        values.AddRange([r.ReadInt32(), r.ReadInt32()]);
        return values;
    }

    static List<object> ReadWithBinaryInput(BinaryInput r)
    {
        var values = new List<object>();
        foreach (var _ in Strings) values.AddRange([r.ReadString(), r.ReadInt32(), r.ReadByte(), r.ReadBoolean()]);
        foreach (var _ in Decimals) values.Add(r.ReadDecimal());
        values.AddRange([r.ReadInt32(), r.ReadInt32()]);
        return values;
    }

    [Theory]
    [InlineData(0)] // the byte array in place
    [InlineData(16)] // a stream through a buffer smaller than most values
    [InlineData(1 << 20)]
    public void EveryValueReadsBackAsBinaryReaderReadsIt(int bufferSize)
    {
        var bytes = Written();
        var expected = ReadWithBinaryReader(bytes);
        using var input = bufferSize == 0 ? new BinaryInput(bytes) : new BinaryInput(new MemoryStream(bytes), bufferSize);
        var actual = ReadWithBinaryInput(input);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetType(), actual[i].GetType());
            Assert.Equal(expected[i], actual[i]);
            if (expected[i] is decimal m) Assert.Equal(decimal.GetBits(m), decimal.GetBits((decimal)actual[i])); // the scale too
        }
        Assert.Equal(bytes.Length, input.Position);
        Assert.Contains(actual, v => v is string s && s.Contains('\uFFFD')); // the lone surrogate as BinaryWriter wrote it
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    public void TextReadsBackCharForCharWhetherAsciiOrNot(int bufferSize)
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
            foreach (var s in Strings)
            {
                w.WriteText(s);
                w.Write(s.Length);
            }
        var written = bytes.ToArray();
        using var input = bufferSize == 0 ? new BinaryInput(written) : new BinaryInput(new MemoryStream(written), bufferSize);
        foreach (var s in Strings)
        {
            Assert.Equal(s, input.ReadText()); // a lone surrogate too (UTF-8 would have replaced it)
            Assert.Equal(s.Length, input.ReadInt32());
        }
        Assert.Equal(written.Length, input.Position);
        // ASCII takes a byte a char, anything else two.
        Assert.Equal(1 + 11, Written("YDP-1000001").Length);
        Assert.Equal(1 + 2 * 3, Written("노서은").Length);

        static byte[] Written(string s)
        {
            using var one = new MemoryStream();
            using (var w = new BinaryWriter(one)) w.WriteText(s);
            return one.ToArray();
        }
    }

    [Fact]
    public void MalformedTextOrALengthBeyondTheStreamFails()
    {
        Assert.Throws<FormatException>(() => new BinaryInput([2 << 1, (byte)'a', 0xEA]).ReadText()); // a non-ASCII byte flagged ASCII
        Assert.Throws<EndOfStreamException>(() => new BinaryInput([3 << 1 | 1, 0x78, 0xB1]).ReadText()); // UTF-16 cut short
        // A damaged length (~1 GB) over a stream of a few bytes: refused before any buffer of that size is asked for.
        byte[] huge = [0xFE, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3];
        using var input = new BinaryInput(new MemoryStream(huge), 4);
        Assert.Throws<EndOfStreamException>(() => input.ReadText());
    }

    [Fact]
    public void ACutOrMalformedInputFailsAsBinaryReaderFails()
    {
        var bytes = Written();
        var cut = bytes[..(bytes.Length / 2)];
        Assert.Throws<EndOfStreamException>(() => ReadWithBinaryReader(cut));
        Assert.Throws<EndOfStreamException>(() => ReadWithBinaryInput(new BinaryInput(cut)));
        Assert.Throws<EndOfStreamException>(() => ReadWithBinaryInput(new BinaryInput(new MemoryStream(cut), 64)));

        // A string length of more than five 7-bit groups, and a decimal with an invalid scale.
        byte[] badLength = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Throws<FormatException>(() => new BinaryReader(new MemoryStream(badLength)).ReadString());
        Assert.Throws<FormatException>(() => new BinaryInput(badLength).ReadString());
        var badDecimal = new byte[16];
        badDecimal[14] = 29; // scale 29
        Assert.ThrowsAny<Exception>(() => new BinaryReader(new MemoryStream(badDecimal)).ReadDecimal());
        Assert.Throws<ArgumentException>(() => new BinaryInput(badDecimal).ReadDecimal());
    }
}
