using System.Buffers;
using System.Text;

namespace BlindSpot.Core.Text;

/// <summary>
/// Characters no contract value may hold (NUL and the other control characters, except tab and the line breaks of
/// quoted fields; U+FFFD, which stands for bytes that were not valid in the file's encoding), and how a value or a
/// file name is shown when it must be shown at all.
/// </summary>
public static class TextGuard
{
    public const string InvalidCharacterReason =
        "잘못된 문자가 있습니다 (NUL 같은 제어 문자, 또는 파일의 인코딩으로 읽을 수 없는 바이트). 원본 시스템에서 값을 고쳐 다시 보내 주세요.";

    /// <summary>True when the UTF-8 record holds a control character (other than tab, CR, LF) or U+FFFD.</summary>
    public static bool HasInvalidCharacter(ReadOnlySpan<byte> utf8)
    {
        // Every CSV row passes here: the bytes that can start an invalid character are searched for with vector
        // instructions, and only those few are looked at (most rows have none).
        for (var i = 0; ; i++)
        {
            var next = utf8[i..].IndexOfAny(InvalidLeadBytes);
            if (next < 0) return false;
            i += next;
            var b = utf8[i];
            if (b is < 0x20 or 0x7F) return true; // a control character (tab, CR and LF are not searched for)
            if (b == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] is >= 0x80 and <= 0x9F) return true; // C1 controls
            if (b == 0xEF && i + 2 < utf8.Length && utf8[i + 1] == 0xBF && utf8[i + 2] == 0xBD) return true; // U+FFFD
        }
    }

    /// <summary>The bytes an invalid character's UTF-8 starts with: controls but tab, CR and LF; DEL; C2 (C1 controls); EF (U+FFFD).</summary>
    static readonly SearchValues<byte> InvalidLeadBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\r' or '\n')).Select(b => (byte)b), 0x7F, 0xC2, 0xEF]);

    public static bool HasInvalidCharacter(string s)
    {
        foreach (var c in s)
            if ((char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || c == '\uFFFD') return true;
        return false;
    }

    /// <summary>
    /// The text with every control character except tab and line breaks written as its visible symbol (NUL as ␀),
    /// so it can be stored by both engines (PostgreSQL refuses NUL in text) and read by a clerk.
    /// </summary>
    public static string Storable(string s)
    {
        if (!HasInvalidCharacter(s)) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\t' or '\r' or '\n' => c,
                < ' ' => (char)(0x2400 + c),
                '\u007F' => '\u2421',
                >= '\u0080' and <= '\u009F' => '\uFFFD',
                _ => c,
            });
        return sb.ToString();
    }

    /// <summary>
    /// A file name as it may be printed, logged and stored: control characters and characters that could not be
    /// decoded (a name that is not UTF-8) become '?', and the digits of a resident-number-shaped part become '*'.
    /// </summary>
    public static string SafeFileName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c) ? '?' : c);
        return ResidentNumberGuard.Mask(sb.ToString());
    }

    /// <summary>True when the name can be printed as it is (valid UTF-8, no control characters, no resident number).</summary>
    public static bool IsSafeFileName(string name) => SafeFileName(name) == name;

    /// <summary>
    /// A header is shown in the ledger notes only when it looks like a column name: letters (ASCII or Hangul), digits,
    /// '_', '-', '.', spaces and brackets, no run of five digits (a phone, an id), at most 40 characters.
    /// </summary>
    public static bool LooksLikeHeader(string header) =>
        header.Length is > 0 and <= 40 && (char.IsAsciiLetter(header[0]) || IsHangul(header[0]))
        && header.All(c => char.IsAsciiLetterOrDigit(c) || IsHangul(c) || c is '_' or ' ' or '-' or '.' or '(' or ')')
        && !ResidentNumberGuard.ContainsResidentNumber(header) && !HasLongDigitRun(header) && header.Count(char.IsAsciiDigit) < 7;

    static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3';

    /// <summary>A code shown in the ledger notes only when it looks like a code: upper-case ASCII letters, digits and '_'.</summary>
    public static bool LooksLikeCode(string code) =>
        code.Length is > 0 and <= 40 && char.IsAsciiLetter(code[0])
        && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') && !HasLongDigitRun(code);

    static bool HasLongDigitRun(string s)
    {
        var run = 0;
        foreach (var c in s) { run = char.IsAsciiDigit(c) ? run + 1 : 0; if (run >= 5) return true; }
        return false;
    }
}
