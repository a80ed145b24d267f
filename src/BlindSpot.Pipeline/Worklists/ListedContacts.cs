using BlindSpot.Core.Domain;
using BlindSpot.Core.Storage;

namespace BlindSpot.Pipeline.Worklists;

/// <summary>
/// The contact details of listed households (a few hundred of the district's), of the versions the district resolved for
/// them: a district does not carry them (<see cref="Household"/>), the store reads them by version.
/// </summary>
internal static class ListedContacts
{
    public static Task<IReadOnlyDictionary<string, HouseholdContact>> LoadAsync(IDistrictReader store, IReadOnlyList<Household> households,
        IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return store.LoadContactsAsync(households.Where(h => wanted.Contains(h.HouseholdId)).ToList(), ct);
    }
}
