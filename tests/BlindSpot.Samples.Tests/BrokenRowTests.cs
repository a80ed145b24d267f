using System.Globalization;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Samples.Tests.Support;

namespace BlindSpot.Samples.Tests;

/// <summary>The inbox is as messy as real district exports, and the manifest says exactly how.</summary>
public sealed class BrokenRowTests(SampleInbox inbox) : IClassFixture<SampleInbox>
{
    [Fact]
    public void EveryBrokenRowKindIsWrittenSomewhere()
    {
        foreach (var kind in Enum.GetValues<BrokenKind>())
            Assert.True(inbox.Manifest.CountOf(kind) > 0, $"no {kind} row written");
    }

    [Fact]
    public void AboutOnePercentOfRowsAreBroken()
    {
        var rows = inbox.Manifest.Files.Sum(f => f.RowsWritten);
        var broken = inbox.Manifest.Files.Sum(f => f.ExpectedDuplicates + f.ExpectedQuarantined);
        Assert.InRange(broken / (double)rows, 0.008, 0.02);
    }

    [Fact]
    public void ManifestCountsTheRecordsOfEveryFile()
    {
        foreach (var f in inbox.Manifest.Files)
        {
            var csv = inbox.Files[f.FileName];
            Assert.Equal(f.RowsWritten, csv.Records.Count);
            Assert.Equal(f.RowsWritten, f.ExpectedAccepted + f.ExpectedDuplicates + f.ExpectedQuarantined);
            Assert.Equal(f.Encoding, csv.Encoding);
            // A record cut inside its last, quoted field may still have every field: the open quote gives it away.
            var wrongCount = csv.Records.Count(r => r.Length != csv.Header.Length)
                + (csv.EndsInsideQuote && csv.Records[^1].Length == csv.Header.Length ? 1 : 0);
            Assert.Equal(f.Broken.GetValueOrDefault(BrokenKind.WrongFieldCount) + f.Broken.GetValueOrDefault(BrokenKind.TruncatedLastLine), wrongCount);
        }
    }

    [Fact]
    public void TruncatedFilesEndWithoutANewlineAndOthersWithOne()
    {
        foreach (var f in inbox.Manifest.Files)
            Assert.Equal(f.Broken.ContainsKey(BrokenKind.TruncatedLastLine), !inbox.Files[f.FileName].EndsWithNewline);
        var insideQuote = inbox.Manifest.Files.Where(f => f.Broken.ContainsKey(BrokenKind.TruncatedLastLine))
            .Select(f => File.ReadAllText(Path.Combine(inbox.Directory, f.FileName), Encoding.UTF8))
            .Count(text => text.Count(c => c == '"') % 2 == 1);
        Assert.True(insideQuote >= 1, "one file must end inside an open quote");
    }

    [Fact]
    public void RepeatedKeysAreExactlyTheDuplicatesOfTheManifest()
    {
        foreach (var (feed, key) in new (Feed, Func<CsvText, string[], string>)[]
        {
            (Feed.Crisis, (c, r) => $"{r[c.Column("household_id", "세대ID")]}|{r[c.Column("reference_month", "기준월")]}|{CrisisIndicators.Canonicalize(r[c.Column("indicator", "위기정보")], out _)}"),
            (Feed.TipsOfficer, (c, r) => r[c.Column("tip_id", "제보번호")]),
            (Feed.TipsHotline, (c, r) => r[c.Column("call_id", "접수번호")]),
            (Feed.Outcomes, (c, r) => $"{r[c.Column("household_id", "세대ID")]}|{Date(r[c.Column("visited_on", "방문일")])}"),
        })
        {
            var seen = new HashSet<string>();
            var repeated = 0;
            foreach (var (_, csv) in inbox.Feed(feed))
                foreach (var r in csv.Whole)
                    if (!seen.Add(key(csv, r))) repeated++;
            Assert.Equal(inbox.Feed(feed).Sum(x => x.File.ExpectedDuplicates), repeated);
        }
    }

    [Fact]
    public void TheContractsNamedOddValuesAreInTheFiles()
    {
        var all = string.Join('\n', inbox.Files.Values.SelectMany(c => c.Records).Select(r => string.Join(',', r)));
        Assert.Contains("신길2동", all);
        var fields = inbox.Files.Values.SelectMany(c => c.Records).SelectMany(r => r).ToHashSet();
        Assert.Contains(fields, f => f is "여의도동" or "당산동" or "신길동" or "대림동" or "양평동" or "영등포동3가" or "당산동4가");
        Assert.Contains("제", string.Join(',', inbox.Files["households_20260430.csv"].Whole.Select(r => r[inbox.Files["households_20260430.csv"].Column("행정동")])));
        Assert.Matches(@"신길 \d동", all);
        Assert.Contains(CrisisIndicatorsNew, all);
        Assert.True(inbox.Manifest.Files.Sum(f => f.UnknownCodeRows) > 0);
    }

    const string CrisisIndicatorsNew = "PRIVATE_RENT_ARREARS";

    [Fact]
    public void NoFileRefusesWhole()
    {
        foreach (var csv in inbox.Files.Values)
        {
            Assert.DoesNotContain(csv.Header, h => h.Contains("주민") || h.Contains("resident", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotMatch(@"\d{6}-\d{7}", string.Join(',', csv.Records.SelectMany(r => r)));
        }
    }

    [Fact]
    public void FilesComeInEveryEncodingAndHeaderLanguage()
    {
        var files = inbox.Manifest.Files;
        Assert.Contains(files, f => f.Encoding == "cp949");
        Assert.Contains(files, f => f.Encoding == "utf-8-bom");
        Assert.Contains(files, f => f.Encoding == "utf-8");
        Assert.Contains(files, f => f.KoreanHeaders && f.Encoding == "cp949");
        Assert.Contains(files, f => f.ExtraColumns.Count > 0);
        foreach (var feed in new[] { Feed.Crisis, Feed.TipsHotline, Feed.Outcomes })
            Assert.True(inbox.Feed(feed).Count() > 3, $"{feed} comes in several periodic files");
    }

    [Fact]
    public void Cp949FilesDecodeWithCodePage949AndAreNotUtf8()
    {
        var cp949 = Encoding.GetEncoding(949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        foreach (var f in inbox.Manifest.Files.Where(f => f.Encoding == "cp949"))
        {
            var bytes = File.ReadAllBytes(Path.Combine(inbox.Directory, f.FileName));
            Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
            var text = cp949.GetString(bytes);
            Assert.Matches("세대ID|제보번호|접수번호", text.Split('\n')[0]);
            Assert.DoesNotContain('\uFFFD', text);
        }
    }

    [Fact]
    public void NoDateIsLaterThanAsOfExceptTheDeliberatelyFutureRows()
    {
        var asOf = SampleInbox.Options.AsOf;
        var future = 0;
        foreach (var (f, csv) in inbox.Manifest.Files.Select(f => (f, inbox.Files[f.FileName])))
        {
            var columns = new[] { "moved_in", "전입일", "visited_on", "방문일", "received_at", "called_at", "접수일시", "reference_month", "기준월" }
                .Select(n => csv.Column(n)).Where(i => i >= 0).ToArray();
            foreach (var r in csv.Records)
                if (columns.Any(i => i < r.Length && Date(r[i]) is { } d && d > asOf)) future++;
        }
        Assert.Equal(inbox.Manifest.CountOf(BrokenKind.FutureDate), future);
    }

    /// <summary>Parses every date form of the contract (date, date-time, month); null when not one.</summary>
    internal static DateOnly? Date(string text)
    {
        string[] forms = ["yyyy-MM-dd", "yyyy.MM.dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM"];
        return DateTime.TryParseExact(text.Trim(), forms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DateOnly.FromDateTime(d) : null;
    }
}
