using System.Globalization;
using System.Text;
using BlindSpot.Core.Text;

namespace BlindSpot.Pipeline.Ingest;

/// <summary>
/// What a visit note typed on the web may be (docs/web.md): at most <see cref="MaxLength"/> characters of plain text
/// (line breaks and tabs kept, other control and invisible format characters dropped, ends trimmed), empty meaning no
/// note, and never a value shaped like a resident registration number (the same guard as the feeds). Messages are one
/// Korean line and never quote the note.
/// </summary>
public static class VisitNoteRules
{
    /// <summary>A short memo beside the result, not a case file (the case record lives in 행복e음): 500 characters.</summary>
    public const int MaxLength = 500;

    /// <summary>The note as it will be stored (null for none), or the reason it is refused.</summary>
    public static (string? Text, string? Problem) Check(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return (null, null);
        var sb = new StringBuilder(typed.Length);
        foreach (var ch in typed.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            var category = char.GetUnicodeCategory(ch);
            if (ch is '\n' or '\t' || (category != UnicodeCategory.Control && category != UnicodeCategory.Format)) sb.Append(ch);
        }
        var text = sb.ToString().Trim();
        if (text.Length == 0) return (null, null);
        if (text.Length > MaxLength)
            return (null, string.Create(CultureInfo.InvariantCulture, $"메모는 {MaxLength}자까지 적을 수 있습니다 (지금 {text.Length}자). 줄여서 다시 저장하세요."));
        if (ResidentNumberGuard.ContainsResidentNumber(text))
            return (null, "메모에 주민등록번호로 보이는 값이 있어 저장하지 않았습니다. 주민등록번호는 적지 마세요.");
        return (text, null);
    }
}
