using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;

namespace BlindSpot.Samples;

/// <summary>
/// Writes a day's visit results as <c>outcomes_&lt;date&gt;.csv</c> in the contract's format (§2.5), UTF-8, English headers: the
/// results of visits to a continued district (<see cref="DistrictView.Visit"/>) for the simulation and the tests.
/// </summary>
public static class OutcomeFile
{
    public static string Write(string inbox, DateOnly day, IEnumerable<(string HouseholdId, string Dong, VisitResult Result)> visits)
    {
        var path = Path.Combine(inbox, string.Create(CultureInfo.InvariantCulture, $"outcomes_{day:yyyy-MM-dd}.csv"));
        var sb = new StringBuilder("household_id,visited_on,result,services,worker_id\r\n");
        foreach (var v in visits.OrderBy(v => v.HouseholdId, StringComparer.Ordinal))
        {
            var services = v.Result == VisitResult.Discovered ? "긴급지원" : "";
            sb.Append(CultureInfo.InvariantCulture, $"{v.HouseholdId},{day:yyyy-MM-dd},{VisitResults.Korean(v.Result)},{services},SIM-{v.Dong}\r\n");
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }
}
