namespace BlindSpot.Core.Time;

/// <summary>Korea Standard Time (Asia/Seoul, UTC+9, no DST): every date and time in BlindSpot is one.</summary>
public static class Kst
{
    /// <summary>The IANA zone; Hangfire schedules use it too (never the Windows id).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateTime Now(TimeProvider clock) => TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));
}
