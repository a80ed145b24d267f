using BlindSpot.Core.Domain;
using BlindSpot.Core.Worklists;
using BlindSpot.Storage;

namespace BlindSpot.Simulation.Tests;

/// <summary>
/// The closed loop on a small district for a few days, every policy: structural facts only (figures belong to
/// docs/simulation.md). Real generator files, real SQLite stores, the real main job and ML.NET.
/// </summary>
public sealed class SimulationSmokeTests
{
    [Fact]
    public async Task EveryPolicyListsVisitsAndIngestsTheDaysFilesOverAWeekend()
    {
        var dir = Path.Combine(Path.GetTempPath(), "blindspot-sim-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Friday day 0, lists for Monday and Tuesday: the Monday run ingests Saturday's and Sunday's files. Mid-month, so
            // no monthly retraining (month-end files are LiveDistrictTests' business): the test stays short.
            var sim = new Simulator(2_000, 2, 42, new DateOnly(2026, 11, 13), tipRate: 1, dir, TextWriter.Null);
            var result = await sim.RunAsync(PolicyRun.Default, CancellationToken.None);

            Assert.Equal([new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 17)], result.ListDays);
            Assert.Equal(PolicyRun.Default, result.Tallies.Select(t => t.Policy));
            var capacity = 2 * 18 * 2; // 2 visits a day in each of the 18 dongs at this size
            foreach (var t in result.Tallies)
            {
                Assert.True(t.Visits >= capacity, $"{t.Policy} visited {t.Visits}");
                Assert.True(t.Discovered.Count <= t.VisitsInCrisis, $"{t.Policy}: a discovery where nobody was in crisis");
                Assert.Equal(t.Visits, t.BySelection.Values.Sum(v => v.Visits));
            }
            Assert.Contains(result.Tallies, t => t.BySelection.ContainsKey(Selection.Model));
            Assert.Equal(4, result.World.Days);
            Assert.Equal(2, result.World.WeekendDays);
            Assert.True(result.World.Tips > 0);
            Assert.Equal(0, result.World.CrisisMonths);
            Assert.True(result.Linking.AboutRegistryHouseholds > 0 && result.Linking.LinkedRight > 0);
            Assert.Contains(result.Notes, n => n.StartsWith("logreg: logreg trained", StringComparison.Ordinal));

            // The product's store holds what the loop wrote before its last run: Monday's visits as outcomes and the new tips
            // (Tuesday's outcomes file is written after the last run).
            await using var store = await StoreFactory.OpenAsync(Path.Combine(dir, "model", "store.db"), CancellationToken.None);
            var data = await store.LoadDistrictAsync(new DateOnly(2026, 11, 17), CancellationToken.None);
            var monday = new DateOnly(2026, 11, 16);
            var visits = data.Outcomes.Where(o => o.VisitedOn >= monday).ToList();
            Assert.Equal(result.Tallies[0].VisitDays.Values.Sum(days => days.Count(d => d == monday)), visits.Count);
            Assert.True(File.Exists(Path.Combine(dir, "model", "inbox", "outcomes_2026-11-17.csv")));
            Assert.Contains(data.Tips, t => t.ReceivedAt >= new DateTime(2026, 11, 14));
            Assert.Contains(visits, v => v.Result is VisitResult.Discovered or VisitResult.NotInCrisis);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
