using System.Text;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Contract §1 encoding detection, by evidence: a UTF-8 byte order mark means UTF-8; bytes that are valid UTF-8 are
/// UTF-8; bytes that are mostly valid UTF-8 (at least <see cref="Utf8EvidenceRatio"/> valid multi-byte sequences for
/// each invalid one) are UTF-8 with a few bad bytes, which become U+FFFD and their rows are quarantined as
/// <c>잘못된 문자</c>; anything else is CP949 (code page 949, never "euc-kr", which maps to 51949 and garbles
/// syllables outside KS X 1001).
/// </summary>
internal static class EncodingDetector
{
    public const string Utf8BomName = "utf-8-bom", Utf8Name = "utf-8", Cp949Name = "cp949";

    /// <summary>Valid multi-byte UTF-8 sequences needed per invalid byte to keep UTF-8 (CP949 text has far fewer).</summary>
    public const int Utf8EvidenceRatio = 20;

    static readonly Lazy<Encoding> Cp949 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(949);
    });

    /// <summary>
    /// Why bytes that are not CSV text in UTF-8 or CP949 at all are refused, and the name the ledger gives them, or null:
    /// text saved as UTF-16 (Excel's "유니코드 텍스트", with or without its byte order mark) and Excel workbooks or other
    /// archives renamed to .csv. Read as UTF-8 or CP949 they decode to a header that matches nothing, and the clerk
    /// would be told that columns are missing which Excel shows right there.
    /// </summary>
    public static (string Name, string Reason)? NotCsvText(ReadOnlySpan<byte> bytes)
    {
        const string saveAs = "엑셀에서 '다른 이름으로 저장' → 'CSV UTF-8(쉼표로 분리)'로 저장해 다시 보내 주세요.";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || LooksLikeUtf16(bytes))
            return ("utf-16", "UTF-16(유니코드 텍스트)으로 저장된 파일이라 읽지 않았습니다. " + saveAs);
        if (bytes.StartsWith("PK\u0003\u0004"u8))
            return ("zip", "CSV가 아니라 엑셀 통합 문서(.xlsx)나 압축 파일이라 읽지 않았습니다. " + saveAs);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return ("xls", "CSV가 아니라 엑셀 97-2003 통합 문서(.xls)라 읽지 않았습니다. " + saveAs);
        return null;
    }

    /// <summary>
    /// UTF-16 without a byte order mark: in the first 64 characters (at least 4), nearly every other byte is zero and
    /// the bytes beside them are not (a header of ASCII names in UTF-16); UTF-8 and CP949 text has no zero bytes.
    /// </summary>
    static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        var pairs = Math.Min(bytes.Length / 2, 64);
        if (pairs < 4) return false;
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i < pairs; i++)
        {
            byte a = bytes[2 * i], b = bytes[2 * i + 1];
            if (a == 0 && b != 0) evenZero++;
            else if (b == 0 && a != 0) oddZero++;
        }
        return Math.Max(evenZero, oddZero) * 10 >= pairs * 9;
    }

    /// <summary>The ledger's encoding name, the UTF-8 text as array + offset for the reader, and how many invalid bytes were replaced.</summary>
    public static (string Name, byte[] Utf8, int Offset, int Invalid) Decode(byte[] bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var offset = bom ? 3 : 0;
        var body = bytes.AsSpan(offset);
        if (System.Text.Unicode.Utf8.IsValid(body)) return (bom ? Utf8BomName : Utf8Name, bytes, offset, 0);
        var (valid, invalid) = Count(body);
        if (bom || (long)invalid * Utf8EvidenceRatio <= valid)
        {
            // UTF-8 with a few bad bytes: each becomes U+FFFD, and the rows holding one are quarantined.
            var text = Encoding.UTF8.GetString(body);
            return (bom ? Utf8BomName : Utf8Name, Encoding.UTF8.GetBytes(text), 0, invalid);
        }
        // CP949 text is transcoded once, so the reader, its line numbers and the raw text all work on one form.
        return (Cp949Name, Encoding.UTF8.GetBytes(Cp949.Value.GetString(bytes)), 0, 0);
    }

    /// <summary>Valid multi-byte UTF-8 sequences and invalid bytes (each invalid sequence counted once).</summary>
    static (int Valid, int Invalid) Count(ReadOnlySpan<byte> s)
    {
        int valid = 0, invalid = 0;
        while (!s.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(s, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done) { if (rune.Value >= 0x80) valid++; }
            else invalid++;
            s = s[Math.Max(consumed, 1)..];
        }
        return (valid, invalid);
    }
}
