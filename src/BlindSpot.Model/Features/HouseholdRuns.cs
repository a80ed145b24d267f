using System.Runtime.InteropServices;

namespace BlindSpot.Model.Features;

/// <summary>
/// Each household's rows of a history list (registry versions, crisis rows), in the list's order, found without indexing
/// the whole district. The store gives these lists ordered by household id (then date), so a household's rows are one
/// run: it is found by binary search, and nothing is built per household. A list in any other order (another store's
/// collation, rows made by hand) is indexed once by household, as <c>GroupBy(...).ToDictionary(g =&gt; g.ToArray())</c>
/// would, so every household gets the same rows, in the same order, either way (docs/adr/0006, twenty-eighth pass).
/// </summary>
internal sealed class HouseholdRuns<T>
{
    readonly T[]? array;
    readonly List<T>? list;
    readonly Func<T, string> key;
    readonly Dictionary<string, T[]>? indexed;

    public HouseholdRuns(IReadOnlyList<T> rows, Func<T, string> key)
    {
        this.key = key;
        if (!InOrdinalOrder(rows, key))
        {
            indexed = rows.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            return;
        }
        // The list is read in place (the district's lists are never changed once loaded); any other kind is copied once.
        if (rows is T[] a) array = a;
        else if (rows is List<T> l) list = l;
        else array = [.. rows];
    }

    /// <summary>True when the rows are read by binary search (ordered by household id), false when indexed.</summary>
    internal bool Ordered => indexed is null;

    static bool InOrdinalOrder(IReadOnlyList<T> rows, Func<T, string> key)
    {
        for (var i = 1; i < rows.Count; i++)
            if (string.CompareOrdinal(key(rows[i - 1]), key(rows[i])) > 0) return false;
        return true;
    }

    /// <summary>The rows of <paramref name="householdId"/> in the list's order (empty for none).</summary>
    public ReadOnlySpan<T> Of(string householdId)
    {
        if (indexed is not null) return indexed.TryGetValue(householdId, out var rows) ? rows : [];
        ReadOnlySpan<T> all = array ?? CollectionsMarshal.AsSpan(list);
        // The first row whose id is not before the household's, then the run of its rows.
        int lo = 0, hi = all.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (string.CompareOrdinal(key(all[mid]), householdId) < 0) lo = mid + 1;
            else hi = mid;
        }
        var end = lo;
        while (end < all.Length && string.Equals(key(all[end]), householdId, StringComparison.Ordinal)) end++;
        return all[lo..end];
    }
}
