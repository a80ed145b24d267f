using System.Text;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Contract §1 encoding detection: a UTF-8 byte order mark means UTF-8; bytes that are valid UTF-8 are UTF-8;
/// anything else is CP949 (code page 949, never "euc-kr", which maps to 51949 and garbles syllables outside KS X 1001).
/// </summary>
internal static class EncodingDetector
{
    public const string Utf8BomName = "utf-8-bom", Utf8Name = "utf-8", Cp949Name = "cp949";

    static readonly Lazy<Encoding> Cp949 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(949);
    });

    /// <summary>The ledger's encoding name and the UTF-8 text (without BOM) as array + offset for the reader.</summary>
    public static (string Name, byte[] Utf8, int Offset) Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return (Utf8BomName, bytes, 3);
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return (Utf8Name, bytes, 0);
        // CP949 text is transcoded once, so the reader, its line numbers and the raw text all work on one form.
        return (Cp949Name, Encoding.UTF8.GetBytes(Cp949.Value.GetString(bytes)), 0);
    }
}
