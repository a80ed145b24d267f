using System.Text;
using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;

namespace BlindSpot.Csv.Tests.Ingest;

/// <summary>
/// A large household or crisis file is read in two stretches side by side (IngestFileReader.Read): whatever the line it
/// is split at, the batch is the one reading it whole gives: rows, quarantine with lines and reasons, counts, keys, notes.
/// </summary>
public sealed class SplitReadTests
{
    static IngestBatch Read(string name, byte[] bytes, IngestContext context, int? splitFrom, bool justWritten = false) =>
        IngestFileReader.Read(name, bytes, IngestFileReader.Sha256Hex(bytes), context, Some.Now, justWritten, null, splitFrom);

    /// <summary>Every offset that starts a line (the split is at the end of the line it falls in) and one inside each line.</summary>
    static IEnumerable<int> Offsets(byte[] bytes)
    {
        for (var i = 1; i < bytes.Length; i++)
            if (bytes[i - 1] == '\n' || bytes[i - 1] == '"') yield return i;
        yield return bytes.Length / 2;
    }

    static void AssertSame(IngestBatch whole, IngestBatch split, string because)
    {
        var (a, b) = (whole.File, split.File);
        Assert.Equal((a.RowsRead, a.Accepted, a.Duplicate, a.Quarantined, a.RejectedReason, a.Encoding),
                    (b.RowsRead, b.Accepted, b.Duplicate, b.Quarantined, b.RejectedReason, b.Encoding));
        Assert.True(a.Notes.SequenceEqual(b.Notes), because);
        Assert.True(whole.Households.SequenceEqual(split.Households), because);
        Assert.True(whole.Crisis.SequenceEqual(split.Crisis), because);
        Assert.True(whole.Quarantine.SequenceEqual(split.Quarantine), because);
        Assert.Equal(whole.AcceptedKeys is null, split.AcceptedKeys is null);
        if (whole.AcceptedKeys is not null) Assert.True(whole.AcceptedKeys.SetEquals(split.AcceptedKeys!), because);
    }

    static void AssertEverySplitReadsAsWhole(string name, byte[] bytes, Func<IngestContext> context, bool justWritten = false)
    {
        var whole = Read(name, bytes, context(), -1, justWritten);
        foreach (var at in Offsets(bytes)) AssertSame(whole, Read(name, bytes, context(), at, justWritten), $"{name} split from byte {at}");
    }

    [Theory]
    [InlineData("households_20240430.csv")]
    [InlineData("households_20240430_broken.csv")] // a duplicate, a quote rule broken, a line break in quotes, a short row
    [InlineData("households_20240430_part2.csv")] // CP949
    [InlineData("households_bom.csv")]
    [InlineData("households_rrn_header.csv")]
    [InlineData("households_20240430_crlf.csv")] // CRLF, a stray quote, an empty line, a CRLF in quotes, no line break at the end
    public void AHouseholdFileSplitAtAnyLineReadsAsWhole(string name)
    {
        AssertEverySplitReadsAsWhole(name, Some.Bytes(name), () => new IngestContext());
        AssertEverySplitReadsAsWhole(name, Some.Bytes(name), () => new IngestContext(), justWritten: true);
    }

    [Theory]
    [InlineData("crisis_202403.csv")]
    [InlineData("crisis_truncated.csv")]
    public void ACrisisFileSplitAtAnyLineReadsAsWhole(string name) =>
        AssertEverySplitReadsAsWhole(name, Some.Bytes(name), Some.Registry);

    [Fact]
    public void AResidentNumberInTheSecondStretchRefusesTheFileNamingItsLine()
    {
        var bytes = Concat(Some.Bytes("households_20240430.csv"),
            "H007,신길1동,신길로 7,가나다 900101-1234567,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N\nH008,신길1동,신길로 8,가나다,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N\n");
        var whole = Read("households_20240430.csv", bytes, new IngestContext(), -1);
        Assert.Contains("줄 8에", whole.File.RejectedReason);
        AssertEverySplitReadsAsWhole("households_20240430.csv", bytes, () => new IngestContext());
    }

    [Fact]
    public void ARecordTooLongInTheSecondStretchRefusesTheFileNamingItsLine()
    {
        var bytes = Concat(Some.Bytes("households_20240430.csv"),
            "H007,신길1동,\"신길로 7" + new string('가', IngestFileReader.MaxRecordBytes) + "\",가나다,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N\n" +
            "H008,신길1동,신길로 8,가나다,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N\n");
        var whole = Read("households_20240430.csv", bytes, new IngestContext(), -1);
        Assert.Contains("줄 8의 행이 너무 깁니다", whole.File.RejectedReason);
        foreach (var line in new[] { 1, 3, 6 })
            AssertSame(whole, Read("households_20240430.csv", bytes, new IngestContext(), LineStart(bytes, line)), $"split after line {line}");
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\r\n", true)] // CP949, as the generated district's April snapshot
    public void ALargeHouseholdFileIsReadInTwoStretchesAsItIsReadWhole(string lineBreak, bool cp949)
    {
        // ~60,000 households (~6 MB): every 997th row breaks a rule, every 1,999th repeats a row of the other half.
        var template = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Files", "households_20240430.csv"));
        var text = new StringBuilder(template[0]).Append('\n');
        const int rows = 60_000;
        for (var i = 0; i < rows; i++)
        {
            var line = template[1 + i % 6];
            var id = i % 1999 == 1998 ? (i + rows / 2) % rows : i;
            line = $"H{id:D6}" + line[4..];
            if (i % 997 == 996) line = line.Replace(",M,", ",X,").Replace(",F,", ",X,").Replace(",남,", ",X,").Replace(",여,", ",X,");
            text.Append(line).Append('\n');
        }
        byte[] Encode(string s) => cp949 ? Cp949.GetBytes(s.Replace("\n", lineBreak)) : Encoding.UTF8.GetBytes(s.Replace("\n", lineBreak));
        var bytes = Encode(text.ToString());
        Assert.True(bytes.Length >= IngestFileReader.SplitReadBytes);

        var whole = Read("households_20240430.csv", bytes, new IngestContext(), -1);
        Assert.True(whole.File.Duplicate > 0 && whole.File.Quarantined > 0);
        // With repeats across the halves the split read is not used (a second-stretch row that repeats a first-stretch one
        // is a duplicate only when read whole): read whole instead, the same batch.
        var before = IngestFileReader.SplitReads;
        AssertSame(whole, Read("households_20240430.csv", bytes, new IngestContext(), null), "with repeats across the halves");
        Assert.Equal(before, IngestFileReader.SplitReads);

        // Without them, read in two stretches: the same batch.
        var unique = Encode(string.Join('\n', text.ToString().Split('\n').Where((l, i) => i == 0 || (i - 1) % 1999 != 1998)));
        var wholeUnique = Read("households_20240430.csv", unique, new IngestContext(), -1);
        AssertSame(wholeUnique, Read("households_20240430.csv", unique, new IngestContext(), null), "read in two stretches");
        Assert.Equal(before + 1, IngestFileReader.SplitReads);
    }

    /// <summary>A households file of the template's rows with unique ids, and <paramref name="at"/>'s rows replaced (a 1-based row number).</summary>
    static byte[] Households(int rows, Func<int, string?> at)
    {
        var template = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Files", "households_20240430.csv"));
        var text = new StringBuilder(template[0]).Append('\n');
        for (var i = 1; i <= rows; i++) text.Append(at(i) ?? $"H{i:D6}" + template[1 + i % 6][4..]).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string LongAddressRow(int id, string address) => $"H{id:D6},신길1동,\"{address}\",가나다,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N";

    [Fact]
    public void RecordsLongerThanTheLimitAreReadAsAWholeReadReadsThem()
    {
        // Whether a reader refuses a record over the limit depends on where it falls in its buffer (a stretch's buffer is
        // not the whole read's): such a file is read whole. Here the whole read refuses the file at its second long row.
        var longRows = Households(5_402, i => i is 101 or 5_302 ? LongAddressRow(i, new string('a', 1_900_000)) : null);
        var whole = Read("households_20240430.csv", longRows, new IngestContext(), -1);
        Assert.NotNull(whole.File.RejectedReason);
        AssertSame(whole, Read("households_20240430.csv", longRows, new IngestContext(), null), "two rows over the limit");

        // A stray quote makes the quote count lie, and the split falls inside a quoted value over the limit: the first
        // stretch's reader refuses it where it is cut, which the whole read, reading the record whole, does not.
        var cut = Households(33_001, i => i == 1 ? $"H{i:D6},신길1동,신길로 1,가\"나,,1970,M,1,0,N,N,N,아파트,자가,2020-01-01,N,N"
            : i == 22_002 ? LongAddressRow(i, new string('a', 1_500_000) + "\nb") : null);
        whole = Read("households_20240430.csv", cut, new IngestContext(), -1);
        Assert.Null(whole.File.RejectedReason);
        AssertSame(whole, Read("households_20240430.csv", cut, new IngestContext(), null), "a split inside a value over the limit");
    }

    static readonly Encoding Cp949 = CodePagesEncodingProvider.Instance.GetEncoding(949)!;

    static byte[] Concat(byte[] bytes, string more) => [.. bytes, .. Encoding.UTF8.GetBytes(more)];

    static int LineStart(byte[] bytes, int line)
    {
        var at = 0;
        for (var l = 1; l < line; l++) at = Array.IndexOf(bytes, (byte)'\n', at) + 1;
        return at;
    }
}
