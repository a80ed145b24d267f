using BlindSpot.Core.Contract;

namespace BlindSpot.Csv.Ingest;

/// <summary>How a feed is read: its columns (header names and aliases) and its row reader over them.</summary>
/// <param name="Create">Makes the reader, given the index of each column by its English name.</param>
internal sealed record FeedReader(IReadOnlyList<ColumnDef> Columns, Func<Func<string, int>, IFeedRows> Create);

/// <summary>
/// The registration of every feed's reader: one line per feed (docs/adding-a-feed.md). The file-name prefix is
/// registered in <see cref="Feeds"/> (BlindSpot.Core), the table in BlindSpot.Storage's <c>FeedTables</c>.
/// </summary>
internal static class FeedReaders
{
    static readonly Dictionary<Feed, FeedReader> ByFeed = new()
    {
        [Feed.Households] = new(FeedSchema.Households, col => new HouseholdRows(col)),
        [Feed.Crisis] = new(FeedSchema.Crisis, col => new CrisisRows(col)),
        [Feed.TipsOfficer] = new(FeedSchema.TipsOfficer, col => new OfficerTipRows(col)),
        [Feed.TipsHotline] = new(FeedSchema.TipsHotline, col => new HotlineTipRows(col)),
        [Feed.Outcomes] = new(FeedSchema.Outcomes, col => new OutcomeRows(col)),
        [Feed.TargetsBaseline] = new(FeedSchema.TargetsBaseline, col => new BaselineRows(col)),
        [Feed.Capacity] = new(FeedSchema.Capacity, col => new CapacityRows(col)),
    };

    /// <summary>The reader of <paramref name="feed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A feed of the contract with no reader registered (a bug).</exception>
    public static FeedReader For(Feed feed) =>
        ByFeed.TryGetValue(feed, out var reader) ? reader : throw new ArgumentOutOfRangeException(nameof(feed), feed, "No reader is registered for this feed.");

    /// <summary>Whether <paramref name="feed"/> has a reader (a test holds every feed of the contract to it).</summary>
    public static bool IsRegistered(Feed feed) => ByFeed.ContainsKey(feed);
}
