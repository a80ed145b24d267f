using System.Globalization;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Samples.Population;

namespace BlindSpot.Samples.Writing;

internal enum FileEncoding { Utf8Bom, Utf8, Cp949 }
internal enum DateForm { Iso, Dots, Slashes, Compact }
internal enum BoolForm { YesNo, Korean, OneZero, TrueFalse }
internal enum DongForm { Short, Long, SomeSpaced }

/// <summary>
/// How one file is exported: the ways real district systems differ (encoding and BOM, Korean or English headers,
/// column order, date, boolean and dong spellings, line ends, an extra column nobody asked for).
/// </summary>
internal sealed record FileFormat(
    FileEncoding Encoding,
    bool KoreanHeaders = false,
    bool Shuffle = false,
    DateForm Dates = DateForm.Iso,
    BoolForm Bools = BoolForm.YesNo,
    DongForm Dongs = DongForm.Short,
    bool Crlf = false,
    string? ExtraColumn = null,
    bool KoreanValues = false,
    bool Seconds = true)
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Plain UTF-8, ISO dates: for values the contract allows in one form only (date-times).</summary>
    public static readonly FileFormat Plain = new(FileEncoding.Utf8);

    static FileFormat() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The ledger's name for the encoding.</summary>
    public string EncodingName => Encoding switch { FileEncoding.Utf8Bom => "utf-8-bom", FileEncoding.Utf8 => "utf-8", _ => "cp949" };

    public Encoding TextEncoding => Encoding switch
    {
        FileEncoding.Utf8Bom => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true),
        FileEncoding.Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        // Code page 949 (CP949/UHC), never "euc-kr" (51949), which lacks syllables such as 똠.
        _ => System.Text.Encoding.GetEncoding(949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
    };

    public string NewLine => Crlf ? "\r\n" : "\n";

    public string Date(DateOnly d) => Dates switch
    {
        DateForm.Dots => d.ToString("yyyy'.'MM'.'dd", Inv),
        DateForm.Slashes => d.ToString("yyyy'/'MM'/'dd", Inv),
        DateForm.Compact => d.ToString("yyyyMMdd", Inv),
        _ => d.ToString("yyyy'-'MM'-'dd", Inv),
    };

    /// <summary>A date that cannot exist (the 30th of February, the 31st of April ...) in this file's date form.</summary>
    public string ImpossibleDate(int year, Rng rng)
    {
        var (m, d) = rng.Pick([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)]);
        var sep = Dates switch { DateForm.Dots => ".", DateForm.Slashes => "/", DateForm.Compact => "", _ => "-" };
        return $"{year:D4}{sep}{m:D2}{sep}{d:D2}";
    }

    public DateOnly ParseDate(string text) => DateOnly.ParseExact(text, Dates switch
    {
        DateForm.Dots => "yyyy'.'MM'.'dd",
        DateForm.Slashes => "yyyy'/'MM'/'dd",
        DateForm.Compact => "yyyyMMdd",
        _ => "yyyy'-'MM'-'dd",
    }, Inv);

    public string DateTime(DateTime t) => t.ToString(Seconds ? "yyyy'-'MM'-'dd HH':'mm':'ss" : "yyyy'-'MM'-'dd HH':'mm", Inv);

    public string Bool(bool b) => Bools switch
    {
        BoolForm.Korean => b ? "예" : "아니오",
        BoolForm.OneZero => b ? "1" : "0",
        BoolForm.TrueFalse => b ? "true" : "false",
        _ => b ? "Y" : "N",
    };

    public string Bool(bool? b) => b is { } v ? Bool(v) : "";

    public string Sex(BlindSpot.Core.Domain.Sex s) => KoreanValues ? (s == BlindSpot.Core.Domain.Sex.M ? "남" : "여") : s.ToString();

    public string Dong(string dong, Rng rng) => Dongs switch
    {
        DongForm.Long => Core.Contract.Dongs.LongForm(dong),
        DongForm.SomeSpaced when rng.Chance(0.3) && char.IsAsciiDigit(dong[^2]) => dong[..^2] + " " + dong[^2..],
        _ => dong,
    };

    public static string Int(int n) => n.ToString(Inv);
    public static string Decimal(decimal n) => n.ToString(Inv);
}
