using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Hosting.Composition;

/// <summary>Business days (no worklists on weekends and public holidays). Section "BlindSpot:Calendar".</summary>
public sealed class CalendarOptions
{
    public const string Section = "BlindSpot:Calendar";

    /// <summary>A file of extra holidays (election days, temporary holidays; one yyyy-MM-dd a line, # comments) added to the computed Korean public holidays and KoreanHolidays.Announced.</summary>
    public string? HolidaysFile { get; set; }

    /// <summary>The holidays this configuration names; <see cref="Validate"/> first.</summary>
    public IReadOnlyList<DateOnly> Holidays() =>
        string.IsNullOrWhiteSpace(HolidaysFile) ? KoreanHolidays.Announced : [.. KoreanHolidays.Announced, .. KoreanHolidays.Parse(File.ReadLines(HolidaysFile), out _)];

    public BusinessCalendar Calendar() => new(Holidays());

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(HolidaysFile)) return null;
        if (!File.Exists(HolidaysFile)) return $"{Section}:{nameof(HolidaysFile)} 파일이 없습니다: {HolidaysFile}";
        KoreanHolidays.Parse(File.ReadLines(HolidaysFile), out var bad);
        return bad is { } line ? $"{Section}:{nameof(HolidaysFile)} {HolidaysFile}의 {line}번째 줄이 yyyy-MM-dd 형식의 날짜가 아닙니다." : null;
    }
}
