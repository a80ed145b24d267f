using BlindSpot.Core.Domain;

namespace BlindSpot.Csv.Ingest;

/// <summary>targets_baseline.csv (contract §2.6): last year's discoveries per dong. A repeated dong + year in one file is a duplicate.</summary>
internal sealed class BaselineRows(Func<string, int> col) : IFeedRows
{
    readonly int dong = col("dong"), year = col("year"), discoveries = col("discoveries");

    public void Read(RowCheck v, FileSession s)
    {
        var row = new TargetBaseline(v.Dong(dong), v.Int(year, 2000, s.NowKst.Year), v.Int(discoveries, 0, 1_000_000));
        if (v.Failed) { s.QuarantineRow(v.Column, v.Reason!); return; }
        s.Add(row, acrossFiles: false); // the newest file's figure wins: a repeat only within one file is a duplicate
    }
}
