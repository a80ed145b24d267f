using System.Globalization;
using System.Text;
using BlindSpot.Core.Worklists;

namespace BlindSpot.Simulation;

internal sealed record SimulationResult(int Households, int Seed, DateOnly Day0, List<DateOnly> ListDays, string ModelLine, WorldTally World,
    Linking Linking, List<Tally> Tallies, List<string> Notes, double TipRate = 1)
{
    string TipWorld => TipRate == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $", tip rate x{TipRate:0.##}");

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Format()
    {
        var w = World;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(Inv, $"### {Households:N0} households{TipWorld}, seed {Seed}, day 0 {Day0:yyyy-MM-dd}, {ListDays.Count} business days {ListDays[0]:yyyy-MM-dd}..{ListDays[^1]:yyyy-MM-dd}"));
        sb.AppendLine();
        sb.AppendLine(ModelLine);
        sb.AppendLine();
        sb.AppendLine(string.Create(Inv,
            $"District over the run ({w.Days} calendar days): {w.InCrisisDay1:N0} of {w.LivingDay1:N0} households in crisis on day 1; {w.Onsets:N0} crisis onsets, {w.Endings:N0} endings; " +
            $"{w.MovedOut:N0} moved out, {w.MovedIn:N0} moved in; {w.Tips:N0} tips ({w.Tips / (double)w.Days:F1} a day, weekend days with tips {w.WeekendDaysWithTips}/{w.WeekendDays}), " +
            $"{w.UrgentTips:N0} marked urgent, {w.TipsAboutNobody:N0} about nobody in the registry; {w.TippedHouseholds:N0} households tipped, {w.TippedNotInCrisisShare:P0} of them not in crisis when tipped; " +
            $"{w.CrisisMonths} month-end crisis feed(s) and snapshot(s)."));
        sb.AppendLine(string.Create(Inv,
            $"Tip linking (tips of the run, {Tallies[0].Policy}'s store): {Linking.LinkedRight:N0} of {Linking.AboutRegistryHouseholds:N0} tips about registry households linked to the right one ({Linking.RightShare:P1}); " +
            $"{Linking.LinkedWrong:N0} wrong links (precision {Linking.Precision:P1})."));
        sb.AppendLine();
        sb.AppendLine("| policy | visits | discoveries | per 100 visits | visits in crisis | 긴급제보 slots (found) | 제보 | 모델 | 탐색 | urgent tips unvisited 14 d | seconds |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in Tallies)
        {
            string Cell(Selection s) => t.BySelection.TryGetValue(s, out var x) && x.Visits > 0 ? string.Create(Inv, $"{x.Visits} ({x.Found})") : "0";
            sb.AppendLine(string.Create(Inv,
                $"| {t.Policy} | {t.Visits:N0} | {t.Discovered.Count:N0} | {t.Per100:F1} | {t.VisitsInCrisis:N0} | {Cell(Selection.UrgentTip)} | {Cell(Selection.Tip)} | {Cell(Selection.Model)} | {Cell(Selection.Exploration)} | {t.UrgentTipsUnvisited} of {t.UrgentTips} | {t.Elapsed.TotalSeconds:F0} |"));
        }
        if (Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in Notes) sb.AppendLine("- " + n);
        }
        return sb.ToString();
    }

    /// <summary>Discoveries per 100 visits by policy (rows) and seed (columns), with the mean.</summary>
    public static string Summary(IReadOnlyList<SimulationResult> results)
    {
        var sb = new StringBuilder();
        var policies = results[0].Tallies.Select(t => t.Policy).ToList();
        sb.AppendLine(string.Create(Inv, $"### Discoveries per 100 visits, {results[0].Households:N0} households{results[0].TipWorld}, {results[0].ListDays.Count} business days"));
        sb.AppendLine();
        sb.AppendLine("| policy | " + string.Join(" | ", results.Select(r => $"seed {r.Seed}")) + " | mean | discoveries (all seeds) | visits |");
        sb.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")) + "---:|---:|---:|");
        foreach (var p in policies)
        {
            var ts = results.Select(r => r.Tallies.First(t => t.Policy == p)).ToList();
            var found = ts.Sum(t => t.Discovered.Count);
            var visits = ts.Sum(t => t.Visits);
            sb.AppendLine(string.Create(Inv, $"| {p} | {string.Join(" | ", ts.Select(t => t.Per100.ToString("F1", Inv)))} | {100.0 * found / Math.Max(1, visits):F1} | {found:N0} | {visits:N0} |"));
        }
        return sb.ToString();
    }
}
