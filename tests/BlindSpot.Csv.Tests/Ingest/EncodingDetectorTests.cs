using System.Text;
using BlindSpot.Csv.Ingest;

namespace BlindSpot.Csv.Tests.Ingest;

/// <summary>
/// The encoding detector's shortcuts give what the plain conversions give: CP949 is transcoded to exactly the bytes of
/// <c>UTF8.GetBytes(cp949.GetString(..))</c>, and the evidence count that stops early decides as the whole count does.
/// </summary>
public sealed class EncodingDetectorTests
{
    static readonly Encoding Cp949 = CodePage949();

    static Encoding CodePage949()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(949);
    }

    static byte[] Reference(byte[] bytes) => Encoding.UTF8.GetBytes(Cp949.GetString(bytes));

    [Fact]
    public void TranscodesEveryAsciiByteAndEveryPairOfCodePage949AsItsOwnDecoderDoes()
    {
        // Every byte below 0x80 once, then every lead-and-trail pair the code page maps, each followed by an ASCII byte.
        var text = new List<byte>();
        for (var b = 0; b < 0x80; b++) text.Add((byte)b);
        var mapped = 0;
        for (var lead = 0x81; lead <= 0xFE; lead++)
            for (var trail = 0; trail <= 0xFF; trail++)
            {
                var pair = new[] { (byte)lead, (byte)trail };
                var chars = Cp949.GetChars(pair);
                if (chars.Length != 1 || chars[0] == '\uFFFD' || chars[0] == '?' || !Cp949.GetBytes(chars).SequenceEqual(pair)) continue;
                text.AddRange(pair);
                text.Add((byte)',');
                mapped++;
            }
        Assert.True(mapped > 17_000, $"{mapped} pairs"); // UHC: 8,822 KS X 1001 + 8,822 extended syllables and symbols
        var bytes = text.ToArray();
        Assert.Equal(Reference(bytes), EncodingDetector.Cp949ToUtf8(bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0xB0 })] // a lead byte at the end
    [InlineData(new byte[] { 0xB0, 0x41, 0x42 })] // a lead byte before a byte the code page does not pair with it
    [InlineData(new byte[] { 0x41, 0x80, 0x42 })] // a byte that is neither ASCII nor a lead byte
    [InlineData(new byte[] { 0x41, 0xFF, 0xFF, 0x42 })]
    [InlineData(new byte[] { 0xC9, 0xA1, 0xB0, 0xA1 })] // a user-defined pair, then 가
    public void LeavesWhatItCannotMapToTheCodePagesDecoder(byte[] bytes) =>
        Assert.Equal(Reference(bytes), EncodingDetector.Cp949ToUtf8(bytes));

    [Fact]
    public void TranscodesARegistryFileAsTheCodePageDoes()
    {
        var utf8 = Some.Bytes("households_20240430.csv");
        var bytes = Cp949.GetBytes(Encoding.UTF8.GetString(utf8).TrimStart('\uFEFF'));
        Assert.Equal(Reference(bytes), EncodingDetector.Cp949ToUtf8(bytes));
        var decoded = EncodingDetector.Decode(bytes);
        Assert.Equal(EncodingDetector.Cp949Name, decoded.Name);
        Assert.Equal(Reference(bytes), decoded.Utf8);
    }

    /// <summary>CP949 bytes of up to <paramref name="pieces"/> random pieces: ASCII, any Hangul syllable, line breaks, quotes.</summary>
    static byte[] RandomKoreanText(Random random, int pieces)
    {
        var sb = new StringBuilder();
        var n = random.Next(0, pieces);
        for (var i = 0; i < n; i++)
            sb.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0xAC00, 0xD7A4), // any Hangul syllable: KS X 1001's and the extended ones (똠)
                2 => "\r\n,\"",
                _ => "김똠순 서울특별시 영등포구 ",
            });
        return Cp949.GetBytes(sb.ToString());
    }

    [Fact]
    public void RandomKoreanTextTranscodesAsTheCodePageDoes()
    {
        var random = new Random(949);
        for (var round = 0; round < 200; round++)
        {
            var bytes = RandomKoreanText(random, 400);
            Assert.Equal(Reference(bytes), EncodingDetector.Cp949ToUtf8(bytes));
        }
    }

    [Fact]
    public void ATextTranscodedInTwoHalvesSideBySideIsTheTextTranscodedWhole()
    {
        var random = new Random(4949);
        for (var round = 0; round < 100; round++)
        {
            var bytes = RandomKoreanText(random, 300);
            // Now and then a lead byte right before a line break: not a pair, so the code page's decoder does the whole text.
            if (round % 10 == 9 && Array.IndexOf(bytes, (byte)'\n') is > 0 and var lf) bytes[lf - 1] = 0xB0;
            var whole = Reference(bytes);
            for (var from = 1; from < bytes.Length; from += 1 + bytes.Length / 17)
                Assert.Equal(whole, EncodingDetector.Cp949ToUtf8(bytes, from));
        }
    }

    [Fact]
    public void TheEvidenceCountThatStopsEarlyDecidesAsTheWholeCount()
    {
        var random = new Random(20);
        var multiByte = "가나다é€"u8.ToArray(); // valid sequences of 3, 3, 3, 2 and 3 bytes
        var decisions = new HashSet<bool>();
        for (var round = 0; round < 400; round++)
        {
            var bytes = new List<byte>();
            // Around the threshold of 20 valid sequences per invalid byte, and far from it on both sides.
            var invalidShare = random.Next(3) switch { 0 => random.NextDouble() * 0.02, 1 => 0.03 + random.NextDouble() * 0.04, _ => random.NextDouble() };
            var n = random.Next(1, 6000);
            for (var i = 0; i < n; i++)
            {
                if (random.NextDouble() < invalidShare) bytes.Add((byte)random.Next(0x80, 0xC0)); // a stray continuation byte
                else if (random.Next(3) == 0) bytes.Add((byte)random.Next(0x20, 0x7F));
                else bytes.AddRange(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(multiByte).Substring(random.Next(5), 1)));
            }
            var span = bytes.ToArray();
            var (valid, invalid) = EncodingDetector.Count(span);
            var (partValid, partInvalid) = EncodingDetector.Count(span, stopWhenCp949: true);
            var whole = (long)invalid * EncodingDetector.Utf8EvidenceRatio <= valid;
            var early = (long)partInvalid * EncodingDetector.Utf8EvidenceRatio <= partValid;
            Assert.Equal(whole, early);
            if (whole) Assert.Equal((valid, invalid), (partValid, partInvalid));
            decisions.Add(whole);
        }
        Assert.Equal(2, decisions.Count); // both answers were tried
    }

    [Fact]
    public void StopsEarlyOnlyWhenTheRestCannotTurnTheDecision()
    {
        // 2,048 bad bytes first, then enough valid sequences to outweigh them: UTF-8 with a few bad bytes, although the
        // first part alone looks like CP949.
        var bytes = Enumerable.Repeat((byte)0xB0, 2048).Concat(Enumerable.Repeat("가"u8.ToArray(), 2048 * 21).SelectMany(b => b)).ToArray();
        Assert.Equal((2048 * 21, 2048), EncodingDetector.Count(bytes, stopWhenCp949: true));
        Assert.Equal(EncodingDetector.Utf8Name, EncodingDetector.Decode(bytes).Name);

        // A CP949 registry: decided long before its end.
        var registry = Cp949.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(Some.Bytes("households_20240430.csv")).TrimStart('\uFEFF'), 40)));
        var whole = EncodingDetector.Count(registry);
        var early = EncodingDetector.Count(registry, stopWhenCp949: true);
        Assert.True(early.Invalid < whole.Invalid / 4, $"{early} of {whole}");
        Assert.Equal(EncodingDetector.Cp949Name, EncodingDetector.Decode(registry).Name);
    }
}
