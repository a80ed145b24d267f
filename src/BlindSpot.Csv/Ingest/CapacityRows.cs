using BlindSpot.Core.Domain;

namespace BlindSpot.Csv.Ingest;

/// <summary>capacity.csv (contract §2.6): daily visits per dong. A repeated dong in one file is a duplicate.</summary>
internal sealed class CapacityRows(Func<string, int> col) : IFeedRows
{
    readonly int dong = col("dong"), dailyVisits = col("daily_visits");

    public void Read(RowCheck v, FileSession s)
    {
        var row = new DongCapacity(v.Dong(dong), v.Int(dailyVisits, 0, 10_000));
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        s.Add(row, acrossFiles: false); // the newest file's figure wins: a repeat only within one file is a duplicate
    }
}
