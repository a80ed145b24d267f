using BlindSpot.Core.Contract;
using BlindSpot.Samples.Population;
using static BlindSpot.Core.Contract.CrisisIndicators;

namespace BlindSpot.Samples.World;

/// <summary>One crisis-information row of the simulation (before any formatting or breaking).</summary>
internal readonly record struct CrisisRow(int Household, int Month, string Code, decimal Value);

/// <summary>
/// Crisis indicators that follow the truth imperfectly: a crisis leaves arrears runs and events only when its
/// episode is "visible" (about 60%), and fine households fall behind on bills too (a "sloppy" minority most),
/// so the feed has many false positives and many crises without a row.
/// </summary>
internal static class CrisisFeed
{
    /// <summary>A code the contract does not list yet, arriving in the last months (upstream adds types every year).</summary>
    public const string NewCode = "PRIVATE_RENT_ARREARS";

    static readonly (string, double)[] CrisisArrears =
    [
        (MgmtFeeArrears, 14), (ElecArrears, 14), (GasArrears, 10), (WaterArrears, 8), (HealthInsArrears, 14), (TelecomArrears, 12),
        (PensionArrears, 5), (FinDelinquency, 12), (PublicRentArrears, 4), (DebtAdjSuspended, 2),
    ];

    static readonly (string, double)[] FineArrears =
    [
        (TelecomArrears, 30), (HealthInsArrears, 22), (FinDelinquency, 16), (PensionArrears, 10), (MgmtFeeArrears, 8),
        (ElecArrears, 5), (GasArrears, 4), (WaterArrears, 3), (PublicRentArrears, 2),
    ];

    internal sealed class Run(string code, decimal value, int left)
    {
        public string Code { get; } = code;
        public decimal Value { get; set; } = value;
        public int Left { get; set; } = left;
    }

    /// <summary>What a household's crisis rows carry over from one month to the next: its arrears runs and last episode.</summary>
    internal sealed class State
    {
        public List<Run> Runs { get; } = [];
        public Episode? Previous { get; set; }
    }

    /// <summary>Rows by simulation month (index = <see cref="SimCalendar.MonthOf"/>), households in index order.</summary>
    public static List<CrisisRow>[] Draw(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households) => Draw(rng, cal, households, out _);

    /// <summary>As above, and each household's state after the last month, so that later months can be drawn (<see cref="DrawMonth"/>).</summary>
    public static List<CrisisRow>[] Draw(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households, out State[] states)
    {
        var byMonth = new List<CrisisRow>[cal.Months];
        for (var m = 0; m < cal.Months; m++) byMonth[m] = [];
        states = new State[households.Count];
        foreach (var h in households)
        {
            var state = states[h.Index] = new State();
            for (var m = 0; m < cal.Months; m++) Month(rng, cal, h, m, state, byMonth[m]);
        }
        foreach (var rows in byMonth) Sort(rows);
        return byMonth;
    }

    /// <summary>One later month's rows for every household (households without a state start with none), sorted.</summary>
    public static List<CrisisRow> DrawMonth(Rng rng, SimCalendar cal, IReadOnlyList<SimHousehold> households, List<State> states, int m)
    {
        var rows = new List<CrisisRow>();
        foreach (var h in households)
        {
            while (states.Count <= h.Index) states.Add(new State());
            Month(rng, cal, h, m, states[h.Index], rows);
        }
        Sort(rows);
        return rows;
    }

    static void Sort(List<CrisisRow> rows) =>
        rows.Sort((a, b) => a.Household != b.Household ? a.Household.CompareTo(b.Household) : string.CompareOrdinal(a.Code, b.Code));

    static void Month(Rng rng, SimCalendar cal, SimHousehold h, int m, State state, List<CrisisRow> rows)
    {
        var runs = state.Runs;
        var from = cal.MonthStart(m);
        var to = cal.MonthEnd(m);
        if (!h.LivesHereDuring(from, to)) { runs.Clear(); return; }
        var age = h.AgeOn(to);
        var newCodeFrom = cal.LastFeedMonth - 3;
        Episode? e = null;
        foreach (var x in h.Episodes) if (x.Overlaps(from, to)) { e = x; break; }

        if (e is not null)
        {
            var first = e != state.Previous;
            if (e.Visible)
            {
                if (first) Trigger(rng, h, e, age, m, rows);
                if (rng.Chance(e.Kind == CrisisKind.Financial ? 0.42 : 0.27)) StartRun(rng, runs, CrisisArrears, crisis: true, h);
                if (runs.Any(r => IsArrears(r.Code) && r.Value >= 3) && rng.Chance(0.12))
                    rows.Add(new(h.Index, m, rng.Pick([ElecCutoff, GasCutoff, GasCutoff, WaterCutoff]), 1));
                if (e.Kind == CrisisKind.Isolation && age >= 60 && rng.Chance(0.03)) rows.Add(new(h.Index, m, PensionEmergencyLoan, 1));
            }
            else if (rng.Chance(0.05)) StartRun(rng, runs, CrisisArrears, crisis: true, h);
            if (m >= newCodeFrom && h.Tenure == "월세" && rng.Chance(e.Visible ? 0.12 : 0.02))
                rows.Add(new(h.Index, m, NewCode, rng.Int(1, 4)));
            state.Previous = e;
        }
        else
        {
            foreach (var r in runs) if (r.Left > 3) r.Left = rng.Int(0, 2);
            if (rng.Chance(0.02 + 0.12 * h.Sloppy)) StartRun(rng, runs, FineArrears, crisis: false, h);
            if (age is >= 25 and < 65 && rng.Chance(0.0015)) rows.Add(new(h.Index, m, JobLoss, 1));
            if (rng.Chance(0.0008)) rows.Add(new(h.Index, m, CatastrophicMedical, 1));
            if (age is >= 30 and < 70 && rng.Chance(0.0005)) rows.Add(new(h.Index, m, BizClosure, 1));
            if (age >= 60 && rng.Chance(0.0005)) rows.Add(new(h.Index, m, PensionEmergencyLoan, 1));
            if (m >= newCodeFrom && h.Tenure == "월세" && rng.Chance(0.003)) rows.Add(new(h.Index, m, NewCode, 1));
        }

        for (var i = runs.Count - 1; i >= 0; i--)
        {
            var r = runs[i];
            if (r.Left <= 0) { runs.RemoveAt(i); continue; }
            rows.Add(new(h.Index, m, r.Code, r.Value));
            r.Value = r.Code == FinDelinquency ? Math.Round(r.Value * 1.04m / 1000m) * 1000m : IsArrears(r.Code) ? r.Value + 1 : r.Value;
            r.Left--;
        }
    }

    static void Trigger(Rng rng, SimHousehold h, Episode e, int age, int m, List<CrisisRow> rows)
    {
        if (age is >= 25 and < 65 && rng.Chance(e.Kind == CrisisKind.Financial ? 0.3 : 0.1)) rows.Add(new(h.Index, m, JobLoss, 1));
        if (age is >= 30 and < 70 && rng.Chance(0.05)) rows.Add(new(h.Index, m, BizClosure, 1));
        if (rng.Chance(e.Kind == CrisisKind.Health ? 0.35 : 0.04)) rows.Add(new(h.Index, m, CatastrophicMedical, 1));
        if (h.Members > 1 && rng.Chance(0.01)) rows.Add(new(h.Index, m, HeadDeath, 1));
        if (rng.Chance(0.004)) rows.Add(new(h.Index, m, FireDamage, 1));
        if (rng.Chance(e.Kind == CrisisKind.Isolation ? 0.02 : 0.008)) rows.Add(new(h.Index, m, SelfHarm, 1));
    }

    static void StartRun(Rng rng, List<Run> runs, (string, double)[] weights, bool crisis, SimHousehold h)
    {
        var code = rng.Weighted(weights);
        if (code == MgmtFeeArrears && h.Housing is not (Housing.Apartment or Housing.Other)) code = ElecArrears;
        if (code == PublicRentArrears && h.Tenure is "자가") code = HealthInsArrears;
        foreach (var r in runs) if (r.Code == code) return;
        var value = code == FinDelinquency
            ? rng.Int(crisis ? 20 : 5, crisis ? 400 : 150) * 10_000m
            : code == DebtAdjSuspended ? 1 : rng.Int(crisis ? 2 : 1, 3);
        runs.Add(new Run(code, value, crisis ? 99 : rng.Int(1, 3)));
    }
}
