namespace BlindSpot.Csv.Ingest;

/// <summary>Turns one checked record of a feed into an accepted, duplicate or quarantined row of the session.</summary>
internal interface IFeedRows
{
    void Read(RowCheck v, FileSession s);
}
