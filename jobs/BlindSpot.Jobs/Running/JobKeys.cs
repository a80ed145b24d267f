using System.Globalization;

namespace BlindSpot.Jobs.Running;

/// <summary>The keys a job is idempotent by in the job-run ledger.</summary>
public static class JobKeys
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A district's day, e.g. d07|2026-10-30 (the national jobs' key, in the district's own ledger).</summary>
    public static string District(string district, DateOnly d) => District(district, Date(d));

    /// <summary>A district's day or slot, e.g. d07|2026-10-30 or d07|2026-10-30T09:40.</summary>
    public static string District(string district, string period) => $"{district}|{period}";

    /// <summary>A 10-minute slot of KST time, e.g. 2026-10-30T09:40 (the inbox ingest's key).</summary>
    public static string Slot(DateTime kst, int minutes = 10) =>
        new DateTime(kst.Year, kst.Month, kst.Day, kst.Hour, kst.Minute / minutes * minutes, 0).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
