using System.Collections.Immutable;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;
using CsvHelper;
using static BlindSpot.Csv.Ingest.FieldParsers;

namespace BlindSpot.Csv.Ingest;

/// <summary>
/// Reads and checks the fields of the current record. The first failure is kept (column + reason) and every later
/// call returns a default, so a feed reader reads a row straight down and asks <see cref="Failed"/> once at the end.
/// Reasons say what is wrong and how to fix it, never what the value was.
/// </summary>
internal sealed class RowCheck(CsvReader reader, IReadOnlyList<ColumnDef> columns, int[] fieldIndex, DateTime nowKst)
{
    readonly DateOnly today = DateOnly.FromDateTime(nowKst);
    readonly DateOnly earliestEvent = DateWindows.EarliestEvent(DateOnly.FromDateTime(nowKst));

    const string TooEarly = "날짜가 너무 이릅니다";

    public string? Column { get; private set; }
    public string? Reason { get; private set; }
    public bool Failed => Reason is not null;

    public void Reset() { Column = null; Reason = null; }

    public void Fail(int col, string reason)
    {
        if (Failed) return;
        Column = col >= 0 ? columns[col].Name : null;
        Reason = reason;
    }

    /// <summary>The trimmed value, "" when empty or when the optional column is absent.</summary>
    public string Raw(int col)
    {
        var i = fieldIndex[col];
        if (i < 0) return "";
        return (reader.GetString(i) ?? "").Trim();
    }

    /// <summary>Room for the characters of a value that is parsed and dropped (<see cref="RawChars"/>).</summary>
    const int Chars = 64;

    /// <summary>
    /// <see cref="Raw"/>'s characters, decoded into <paramref name="buffer"/> when they fit: a number, a date, a yes/no
    /// or a code is parsed from them without a string made for it (a registry snapshot has ~11 such fields a row).
    /// </summary>
    ReadOnlySpan<char> RawChars(int col, Span<char> buffer)
    {
        var i = fieldIndex[col];
        if (i < 0) return [];
        var utf8 = reader.GetSpan(i);
        if (utf8.Length > buffer.Length) return Raw(col);
        return ((ReadOnlySpan<char>)buffer[..System.Text.Encoding.UTF8.GetChars(utf8, buffer)]).Trim();
    }

    /// <summary>The value of a required column, or null (and a failure) when empty.</summary>
    string? Required(int col)
    {
        if (Failed) return null;
        var v = Raw(col);
        if (v.Length > 0) return v;
        Fail(col, Missing);
        return null;
    }

    const string Missing = "필수 값이 비어 있습니다. 값을 채워 다시 보내 주세요.";

    /// <summary><see cref="Required"/> as characters (<see cref="RawChars"/>): false (and a failure) when empty, or when a check failed before.</summary>
    bool RequiredChars(int col, Span<char> buffer, out ReadOnlySpan<char> value)
    {
        value = [];
        if (Failed) return false;
        value = RawChars(col, buffer);
        if (value.Length > 0) return true;
        Fail(col, Missing);
        return false;
    }

    public string Text(int col, int maxLength = 500) => Limit(col, Required(col), maxLength) ?? "";

    public string? OptText(int col, int maxLength = 500)
    {
        if (Failed) return null;
        var v = Raw(col);
        return v.Length == 0 ? null : Limit(col, v, maxLength);
    }

    string? Limit(int col, string? v, int maxLength)
    {
        if (v is null || v.Length <= maxLength) return v;
        Fail(col, $"값이 너무 깁니다 (최대 {maxLength}자).");
        return null;
    }

    public string Id(int col) => CheckId(col, Required(col)) ?? "";

    public string? OptId(int col)
    {
        if (Failed) return null;
        var v = Raw(col);
        return v.Length == 0 ? null : CheckId(col, v);
    }

    string? CheckId(int col, string? v)
    {
        if (v is null || IsHouseholdId(v)) return v;
        Fail(col, "세대ID 형식이 아닙니다 (영문, 숫자, '-' 1~32자).");
        return null;
    }

    public string Dong(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        return RequiredChars(col, buffer, out var v) ? CheckDong(col, v) ?? "" : "";
    }

    public string? OptDong(int col)
    {
        if (Failed) return null;
        Span<char> buffer = stackalloc char[Chars];
        var v = RawChars(col, buffer);
        return v.Length == 0 ? null : CheckDong(col, v);
    }

    string? CheckDong(int col, ReadOnlySpan<char> v)
    {
        if (Dongs.Normalize(v) is { } dong) return dong;
        Fail(col, "영등포구의 18개 행정동이 아닙니다 (법정동 이름이나 통합되어 없어진 동은 받지 않습니다). 행정동 이름으로 고쳐 주세요.");
        return null;
    }

    public int Int(int col, int min, int max)
    {
        Span<char> buffer = stackalloc char[Chars];
        return RequiredChars(col, buffer, out var v) ? CheckInt(col, v, min, max) ?? 0 : 0;
    }

    public int? OptInt(int col, int min, int max)
    {
        if (Failed) return null;
        Span<char> buffer = stackalloc char[Chars];
        var v = RawChars(col, buffer);
        return v.Length == 0 ? null : CheckInt(col, v, min, max);
    }

    int? CheckInt(int col, ReadOnlySpan<char> v, int min, int max)
    {
        if (!TryInt(v, out var n)) { Fail(col, "정수가 아닙니다."); return null; }
        if (n < min || n > max) { Fail(col, $"허용 범위({min}~{max})를 벗어났습니다."); return null; }
        return n;
    }

    public decimal NonNegativeDecimal(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return 0;
        if (!TryDecimal(v, out var d)) { Fail(col, "숫자가 아닙니다."); return 0; }
        if (d < 0) { Fail(col, "0 이상이어야 합니다."); return 0; }
        return d;
    }

    public bool Bool(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        return RequiredChars(col, buffer, out var v) && (CheckBool(col, v) ?? false);
    }

    public bool? OptBool(int col)
    {
        if (Failed) return null;
        Span<char> buffer = stackalloc char[Chars];
        var v = RawChars(col, buffer);
        return v.Length == 0 ? null : CheckBool(col, v);
    }

    bool? CheckBool(int col, ReadOnlySpan<char> v)
    {
        if (TryBool(v, out var b)) return b;
        Fail(col, "예/아니오 값이 아닙니다 (Y/N, 예/아니오, 1/0, true/false).");
        return null;
    }

    /// <summary>A date of the contract: not before 1900, not after the day of ingest.</summary>
    public DateOnly Date(int col) => Date(col, DateWindows.Earliest);

    /// <summary>The day of an event (a visit): at most <see cref="DateWindows.EventYearsBack"/> years before the day of ingest.</summary>
    public DateOnly EventDate(int col) => Date(col, earliestEvent);

    DateOnly Date(int col, DateOnly earliest)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return default;
        switch (TryDate(v, out var d))
        {
            case DateStatus.NotADate: Fail(col, "날짜 형식이 아닙니다 (yyyy-MM-dd, yyyy.MM.dd, yyyy/MM/dd, yyyyMMdd)."); return default;
            case DateStatus.Impossible: Fail(col, "존재하지 않는 날짜입니다."); return default;
        }
        if (d > today) { Fail(col, "미래 날짜입니다 (수집 시점보다 늦음)."); return default; }
        if (d < earliest) { Fail(col, $"{TooEarly} ({earliest:yyyy-MM-dd} 이전). 날짜를 확인해 주세요."); return default; }
        return d;
    }

    public DateTime DateTime(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return default;
        switch (TryDateTime(v, out var t))
        {
            case DateStatus.NotADate: Fail(col, "일시 형식이 아닙니다 (yyyy-MM-dd HH:mm 또는 yyyy-MM-dd HH:mm:ss, 한국 시간)."); return default;
            case DateStatus.Impossible: Fail(col, "존재하지 않는 일시입니다."); return default;
        }
        if (t > nowKst) { Fail(col, "미래 일시입니다 (수집 시점보다 늦음)."); return default; }
        if (DateOnly.FromDateTime(t) < earliestEvent) { Fail(col, $"{TooEarly} ({earliestEvent:yyyy-MM-dd} 이전). 일시를 확인해 주세요."); return default; }
        return t;
    }

    public DateOnly Month(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return default;
        switch (TryMonth(v, out var m))
        {
            case DateStatus.NotADate: Fail(col, "기준월 형식이 아닙니다 (yyyy-MM)."); return default;
            case DateStatus.Impossible: Fail(col, "존재하지 않는 월입니다."); return default;
        }
        if (m > today) { Fail(col, "미래의 월입니다 (수집 시점보다 늦음)."); return default; }
        if (m.AddMonths(1) <= earliestEvent) { Fail(col, $"{TooEarly} ({earliestEvent:yyyy-MM} 이전). 기준월을 확인해 주세요."); return default; }
        return m;
    }

    public string OneOf(int col, ImmutableArray<string> allowed)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return "";
        foreach (var a in allowed) if (a.AsSpan().Equals(v, StringComparison.OrdinalIgnoreCase)) return a;
        Fail(col, $"허용된 값이 아닙니다 ({string.Join(", ", allowed)}).");
        return "";
    }

    public Sex Sex(int col)
    {
        Span<char> buffer = stackalloc char[Chars];
        if (!RequiredChars(col, buffer, out var v)) return default;
        // The registry's own spellings first: upper-casing Hangul (a no-op) costs an ICU call per row.
        if (v.SequenceEqual("남")) return Core.Domain.Sex.M;
        if (v.SequenceEqual("여")) return Core.Domain.Sex.F;
        Span<char> upper = stackalloc char[Chars];
        var n = v.ToUpperInvariant(upper); // -1: longer than any spelling
        switch (n < 0 ? [] : upper[..n])
        {
            case "M" or "남": return Core.Domain.Sex.M;
            case "F" or "여": return Core.Domain.Sex.F;
            default: Fail(col, "성별 값이 아닙니다 (M/F 또는 남/여)."); return default;
        }
    }

    public string? Phone(int col)
    {
        if (Failed) return null;
        Span<char> buffer = stackalloc char[Chars];
        var v = RawChars(col, buffer);
        if (v.Length == 0) return null;
        if (NormalizePhone(v) is { } phone) return phone;
        Fail(col, "전화번호 형식이 아닙니다 (예: 010-1234-5678).");
        return null;
    }
}
