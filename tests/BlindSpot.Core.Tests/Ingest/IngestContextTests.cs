using BlindSpot.Core.Ingest;

namespace BlindSpot.Core.Tests.Ingest;

public sealed class IngestContextTests
{
    [Fact]
    public async Task DroppedCrisisKeysAreReadAgainWhenAFileNeedsThemAndAFullContextKeepsThem()
    {
        var reads = new List<IngestContextParts>();
        var lazy = new IngestContext((ctx, parts, _) =>
        {
            reads.Add(parts);
            if (parts.HasFlag(IngestContextParts.CrisisKeys)) ctx.CrisisKeys.Add("H1|2026-09-01|ELEC_CUTOFF");
            return Task.CompletedTask;
        });
        await lazy.EnsureAsync(IngestContextParts.CrisisKeys, default);

        lazy.Drop(IngestContextParts.CrisisKeys);

        Assert.Empty(lazy.CrisisKeys);
        Assert.False(lazy.Holds(IngestContextParts.CrisisKeys));
        await lazy.EnsureAsync(IngestContextParts.CrisisKeys, default);
        Assert.Equal([IngestContextParts.CrisisKeys, IngestContextParts.CrisisKeys], reads);
        Assert.Equal(["H1|2026-09-01|ELEC_CUTOFF"], lazy.CrisisKeys);

        var full = new IngestContext();
        full.CrisisKeys.Add("H1|2026-09-01|ELEC_CUTOFF");
        full.Drop(IngestContextParts.CrisisKeys); // nothing could read them again
        Assert.Single(full.CrisisKeys);
        Assert.Throws<ArgumentException>(() => full.Drop(IngestContextParts.Registry));
    }
}
