using BlindSpot.Core.Storage;
using BlindSpot.Pipeline.Run;
using BlindSpot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlindSpot.Hosting.Composition;

/// <summary>
/// The use cases over one district's own database (the national fan-out, docs/adr/0007-national-fan-out-database-per-district.md),
/// composed here with the host's bound settings, loggers and clock, so a district job constructs nothing itself.
/// </summary>
public sealed class DistrictStores(IOptions<BlindSpotOptions> options, PipelineSettings settings, ILoggerFactory loggers, TimeProvider clock)
{
    /// <summary>Opens (and migrates) the database of <paramref name="district"/> on the configured server, created first when
    /// the district is new (a code added to <c>BlindSpot:Jobs:Districts</c>).</summary>
    public async Task<DistrictScope> OpenAsync(string district, CancellationToken ct)
    {
        var o = options.Value;
        await DistrictDatabases.EnsureCreatedAsync(o.Db, district, ct);
        var store = await StoreFactory.OpenAsync(DistrictDatabases.ConnectionString(o.Db, district), ct, o.DistrictCache);
        var folders = new DistrictFolders(Directory.CreateDirectory(Path.Combine(o.Inbox, district)).FullName,
            Path.Combine(o.Out, district), Path.Combine(o.QuarantineDir, district));
        return new DistrictScope(store, new PipelineServices(store, loggers, clock, settings), folders);
    }
}

/// <summary>A district's own folders under the configured ones: &lt;inbox&gt;/&lt;district&gt; (created when missing), &lt;out&gt;/&lt;district&gt;, &lt;quarantine&gt;/&lt;district&gt;.</summary>
public sealed record DistrictFolders(string Inbox, string Out, string Quarantine);

/// <summary>One district's store, its folders and its use cases; disposing it closes the store.</summary>
public sealed class DistrictScope(IBlindSpotStore store, PipelineServices services, DistrictFolders folders) : IAsyncDisposable
{
    public IBlindSpotStore Store => store;

    public DistrictFolders Folders => folders;

    /// <summary>The district's ingest of new files (its daytime slots).</summary>
    public Pipeline.Ingest.IngestService Ingest() => services.Ingest();

    /// <summary>The district's main job (ingest -> first model -> score -> worklists -> targets).</summary>
    public RunService Run() => services.Run();

    /// <summary>The district's training (its weekly challenger).</summary>
    public Model.UseCases.TrainService Train() => services.Train();

    /// <summary>The district's retention purge.</summary>
    public Pipeline.Retention.RetentionService Retention() => services.Retention();

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
