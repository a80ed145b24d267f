using System.Text;

namespace BlindSpot.Samples.Tests.Support;

/// <summary>
/// An independent reader for what the generator wrote: detects the encoding the way the contract says (BOM, valid
/// UTF-8, else CP949) and splits RFC 4180 records, keeping a record cut off by the end of the file.
/// </summary>
internal sealed record CsvText(string Encoding, string[] Header, List<string[]> Records, bool EndsWithNewline, bool EndsInsideQuote)
{
    static CsvText() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static CsvText Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text, encoding;
        if (bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            encoding = "utf-8-bom";
            text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        }
        else
        {
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
                encoding = "utf-8";
            }
            catch (DecoderFallbackException)
            {
                text = System.Text.Encoding.GetEncoding(949, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
                encoding = "cp949";
            }
        }
        var records = Split(text, out var open);
        return new CsvText(encoding, records[0], records.Skip(1).ToList(), text.EndsWith('\n'), open);
    }

    static List<string[]> Split(string text, out bool endsInsideQuote)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; i++; break;
                case ',': fields.Add(field.ToString()); field.Clear(); i++; break;
                case '\r' or '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add([.. fields]); fields.Clear();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    break;
                default: field.Append(c); i++; break;
            }
        }
        endsInsideQuote = quoted;
        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }

    public int Column(params string[] names)
    {
        for (var i = 0; i < Header.Length; i++)
            if (names.Contains(Header[i].Trim())) return i;
        return -1;
    }

    /// <summary>Records with as many fields as the header (the others are broken on purpose).</summary>
    public IEnumerable<string[]> Whole => Records.Where(r => r.Length == Header.Length);
}
