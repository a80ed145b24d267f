using System.Collections.Immutable;

namespace BlindSpot.Core.Domain;

/// <summary>A row of a feed kept in <see cref="FeedRows"/>: its key says when a row repeats one already stored.</summary>
public interface IFeedRow
{
    /// <summary>The row's identity under the contract (the table's key): a row with a stored key is a duplicate.</summary>
    string Key { get; }
}

/// <summary>
/// A row that became known on a day (a dated fact, not configuration): <see cref="DistrictData.Until"/> drops the rows
/// known after the day it cuts to, so no computation sees them early.
/// </summary>
public interface IKnownOn
{
    DateOnly KnownOn { get; }
}

/// <summary>
/// The rows of the feeds that have no list of their own on <see cref="Ingest.IngestBatch"/> and
/// <see cref="DistrictData"/>, one list per row type (docs/adding-a-feed.md, ADR 0016). A feed added to the contract puts
/// its rows here: the batch carries them to the store, the store reads them back into the district by their table's
/// registration, and <c>Rows.Of&lt;TRow&gt;()</c> gives them to whoever needs them, so no record or constructor changes.
/// Immutable: <see cref="With{T}"/> returns a copy.
/// </summary>
public sealed class FeedRows
{
    public static FeedRows Empty { get; } = new(ImmutableDictionary<Type, IReadOnlyList<object>>.Empty);

    // The list of each row type, held as the IReadOnlyList<T> it was given (so Of<T> is a cast, not a copy).
    readonly ImmutableDictionary<Type, IReadOnlyList<object>> byType;

    FeedRows(ImmutableDictionary<Type, IReadOnlyList<object>> byType) => this.byType = byType;

    /// <summary>The rows of type <typeparamref name="T"/> (empty when there are none).</summary>
    public IReadOnlyList<T> Of<T>() where T : class, IFeedRow =>
        byType.TryGetValue(typeof(T), out var rows) ? (IReadOnlyList<T>)rows : [];

    /// <summary>A copy whose rows of type <typeparamref name="T"/> are <paramref name="rows"/>.</summary>
    public FeedRows With<T>(IReadOnlyList<T> rows) where T : class, IFeedRow => With(typeof(T), rows);

    /// <summary>
    /// A copy whose rows of <paramref name="rowType"/> are <paramref name="rows"/>, which must be an
    /// <c>IReadOnlyList&lt;rowType&gt;</c> (the store's generic load).
    /// </summary>
    public FeedRows With(Type rowType, IReadOnlyList<object> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!typeof(IReadOnlyList<>).MakeGenericType(rowType).IsInstanceOfType(rows))
            throw new ArgumentException($"The rows are not a list of {rowType.Name}.", nameof(rows));
        return new(rows.Count == 0 ? byType.Remove(rowType) : byType.SetItem(rowType, rows));
    }

    /// <summary>Every row type with its rows (in no particular order; the store inserts by its own registration).</summary>
    public IEnumerable<KeyValuePair<Type, IReadOnlyList<object>>> All => byType;

    /// <summary>How many rows there are, of every type.</summary>
    public int Count => byType.Values.Sum(r => r.Count);

    /// <summary>A copy without the rows that became known after <paramref name="date"/> (<see cref="IKnownOn"/>).</summary>
    public FeedRows Until(DateOnly date)
    {
        var cut = byType;
        foreach (var (type, rows) in byType)
        {
            if (!typeof(IKnownOn).IsAssignableFrom(type)) continue;
            var kept = rows.Where(r => ((IKnownOn)r).KnownOn <= date).ToList();
            if (kept.Count == rows.Count) continue;
            var typed = Array.CreateInstance(type, kept.Count);
            for (var i = 0; i < kept.Count; i++) typed.SetValue(kept[i], i);
            cut = kept.Count == 0 ? cut.Remove(type) : cut.SetItem(type, (IReadOnlyList<object>)typed);
        }
        return ReferenceEquals(cut, byType) ? this : new(cut);
    }
}
