using BlindSpot.Core.Time;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Core.Tests.Worklists;

/// <summary>
/// The computed public holidays against the official calendars: 한국천문연구원 (KASI) 월력요항 for 2024, 2025 and 2026
/// (as the shipped lists held them, plus 제헌절, a public holiday again from 2026), and for 2027 the lunar days of
/// KASI's lunar-solar table (astro.kasi.re.kr: lunar 1/1 = 2027-02-07, 4/1 = 05-06, 8/1 = 09-01, no leap month)
/// with the substitute rules of 관공서의 공휴일에 관한 규정.
/// </summary>
public sealed class KoreanHolidaysTests
{
    static DateOnly[] Days(params string[] days) => [.. days.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd"))];

    [Fact]
    public void Computes2024AsAnnounced()
    {
        Assert.Equal(Days(
            "2024-01-01", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-03-01", "2024-04-10",
            "2024-05-05", "2024-05-06", "2024-05-15", "2024-06-06", "2024-08-15", "2024-09-16", "2024-09-17",
            "2024-09-18", "2024-10-01", "2024-10-03", "2024-10-09", "2024-12-25"), KoreanHolidays.WithAnnounced(2024));
    }

    [Fact]
    public void Computes2025AsAnnounced()
    {
        // 어린이날 and 부처님오신날 both on 5/5: one substitute day (5/6). 추석 on Sunday 10/5: substitute 10/8.
        Assert.Equal(Days(
            "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-03-01", "2025-03-03",
            "2025-05-05", "2025-05-06", "2025-06-03", "2025-06-06", "2025-08-15", "2025-10-03", "2025-10-05",
            "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-12-25"), KoreanHolidays.WithAnnounced(2025));
    }

    [Fact]
    public void Computes2026AsAnnouncedWithConstitutionDay()
    {
        Assert.Equal(Days(
            "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-01", "2026-03-02", "2026-05-05",
            "2026-05-24", "2026-05-25", "2026-06-03", "2026-06-06", "2026-07-17", "2026-08-15", "2026-08-17",
            "2026-09-24", "2026-09-25", "2026-09-26", "2026-10-03", "2026-10-05", "2026-10-09", "2026-12-25"),
            KoreanHolidays.WithAnnounced(2026));
    }

    [Fact]
    public void Computes2027FromTheLunarTableAndTheSubstituteRules()
    {
        // 설날 2/6-2/8 with Sunday 2/7 -> 2/9; 제헌절 Sat 7/17 -> 7/19; 광복절 Sun -> 8/16; 개천절 Sun -> 10/4;
        // 한글날 Sat -> 10/11; 성탄절 Sat -> 12/27; 현충일 Sun has no substitute. No election in 2027.
        Assert.Equal(Days(
            "2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-03-01", "2027-05-05",
            "2027-05-13", "2027-06-06", "2027-07-17", "2027-07-19", "2027-08-15", "2027-08-16", "2027-09-14",
            "2027-09-15", "2027-09-16", "2027-10-03", "2027-10-04", "2027-10-09", "2027-10-11", "2027-12-25",
            "2027-12-27"), KoreanHolidays.WithAnnounced(2027));
    }

    [Fact]
    public void StaffWorkFromTodaysListOnABusinessDayAndFromTheNextOneOtherwise()
    {
        // The morning job builds a business day's list as of the day before: on that day it is the list to work from.
        var calendar = new BusinessCalendar();
        Assert.Equal(new DateOnly(2026, 12, 4), calendar.ListDayOn(new DateOnly(2026, 12, 4)));  // a Friday
        Assert.Equal(new DateOnly(2026, 12, 7), calendar.ListDayOn(new DateOnly(2026, 12, 5)));  // Saturday -> Monday
        Assert.Equal(new DateOnly(2026, 12, 7), calendar.ListDayOn(new DateOnly(2026, 12, 6)));  // Sunday -> Monday
        Assert.Equal(new DateOnly(2026, 12, 28), calendar.ListDayOn(new DateOnly(2026, 12, 25))); // 성탄절 (a Friday) -> Monday
        Assert.Equal(new DateOnly(2027, 2, 10), calendar.ListDayOn(new DateOnly(2027, 2, 8)));   // 설날 연휴 -> Wednesday
    }

    [Fact]
    public void NoWorklistOn2027NewYearOrSeollalAndClearFailureOutsideTheRange()
    {
        var calendar = new BusinessCalendar();
        Assert.False(calendar.IsBusinessDay(new DateOnly(2027, 1, 1)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2027, 2, 8)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2027, 2, 9)));
        Assert.Equal(new DateOnly(2027, 2, 10), calendar.NextBusinessDay(new DateOnly(2027, 2, 5)));
        Assert.Equal(new DateOnly(2050, 12, 27), calendar.NextBusinessDay(new DateOnly(2050, 12, 23))); // 성탄절 on Sunday -> Monday 26
        var e = Assert.Throws<CalendarRangeException>(() => calendar.IsBusinessDay(new DateOnly(2051, 1, 3)));
        Assert.Contains("2022-2050", e.Message);
        Assert.Throws<CalendarRangeException>(() => calendar.IsBusinessDay(new DateOnly(1, 1, 1)));
    }

    [Fact]
    public void EveryYearOfTheRangeHasItsFixedHolidaysAndThreeDaySeollalAndChuseok()
    {
        for (var y = KoreanHolidays.FirstYear; y <= KoreanHolidays.LastYear; y++)
        {
            var days = KoreanHolidays.For(y);
            Assert.Contains(new DateOnly(y, 1, 1), days);
            Assert.Contains(new DateOnly(y, 12, 25), days);
            Assert.InRange(days.Count, 15, 26);
            Assert.All(days, d => Assert.Equal(y, d.Year));
        }
    }

    [Fact]
    public void ExtraHolidaysFromAFileAreAdded()
    {
        var parsed = KoreanHolidays.Parse(["2027-03-03 # 임시공휴일", "", "bad"], out var bad);
        Assert.Equal(3, bad);
        Assert.Empty(parsed);
        var extra = KoreanHolidays.Parse(["2027-03-03 # 임시공휴일"], out bad);
        Assert.Null(bad);
        Assert.False(new BusinessCalendar(extra).IsBusinessDay(new DateOnly(2027, 3, 3)));
        Assert.True(new BusinessCalendar().IsBusinessDay(new DateOnly(2027, 3, 3)));
    }
}
