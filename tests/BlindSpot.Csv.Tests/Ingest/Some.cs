using BlindSpot.Core.Ingest;
using BlindSpot.Csv.Ingest;
using BlindSpot.Resolution;

namespace BlindSpot.Csv.Tests.Ingest;

/// <summary>Test data: the files under Files/ and a fixed moment of ingest.</summary>
internal static class Some
{
    /// <summary>The moment of ingest in KST: 2024-05-01 09:00.</summary>
    public static readonly DateTime Now = new(2024, 5, 1, 9, 0, 0);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Files", name));

    public static IngestBatch Read(string name, IngestContext? context = null, string? asName = null)
    {
        var bytes = Bytes(name);
        context ??= new IngestContext();
        return IngestFileReader.Read(asName ?? name, bytes, IngestFileReader.Sha256Hex(bytes), context, Now, tips: ResolverCache.Linker(context));
    }

    /// <summary>A context that knows the households of households_20240430.csv, as after committing it.</summary>
    public static IngestContext Registry()
    {
        var context = new IngestContext();
        context.Include(Read("households_20240430.csv", context));
        return context;
    }

    public static void AssertLedgerBalances(IngestBatch batch)
    {
        var f = batch.File;
        Assert.Null(f.RejectedReason);
        Assert.Equal(f.RowsRead, f.Accepted + f.Duplicate + f.Quarantined);
        Assert.Equal(f.Quarantined, batch.Quarantine.Count);
        var stored = batch.Households.Count + batch.Crisis.Count + batch.Tips.Count + batch.Outcomes.Count + batch.OutcomeCorrections.Count + batch.Rows.Count;
        Assert.Equal(f.Accepted, stored);
    }

    public static void AssertRejectedWithNothingStored(IngestBatch batch)
    {
        Assert.NotNull(batch.File.RejectedReason);
        Assert.Empty(batch.Households); Assert.Empty(batch.Crisis); Assert.Empty(batch.Tips); Assert.Empty(batch.Outcomes);
        Assert.Equal(0, batch.Rows.Count); Assert.Empty(batch.Quarantine);
        Assert.Equal(0, batch.File.Accepted);
    }
}
