using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Simulation.Logistic;

/// <summary>
/// The independent baseline's features, written here from the data contract alone (no product feature code): what a
/// careful analyst would compute from the same store in an afternoon. Crisis rows of the known months, tips by
/// recency, urgency, channel and a few note words, past visits, and the registry's household facts. Every value is
/// as of a day (tips and visits up to its end, crisis months ended by then): no look-ahead.
/// </summary>
internal sealed class LogisticFeatures
{
    public const int Count = 48;

    static readonly string[] HousingTypes = ["아파트", "연립다세대", "단독", "반지하", "고시원", "쪽방", "기타"];
    static readonly string[] Tenures = ["자가", "전세", "월세", "무상", "기타"];
    static readonly string[] CrisisWords = ["체납", "끊", "악취", "냄새", "인기척", "우편물", "쌓", "분유", "기저귀", "외상", "독촉", "라면", "못 먹",
        "병원비", "거동", "우울", "극단", "혼자", "쫓겨", "난방", "밀려"];
    static readonly string[] NoiseWords = ["소음", "민원", "오인", "여행", "출장", "분쟁", "주차", "공사", "가족과 함께", "담배", "짖는", "잘 모름"];

    readonly Dictionary<string, List<Tip>> tips = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<CrisisRecord>> crisis = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<Outcome>> visits = new(StringComparer.Ordinal);

    public LogisticFeatures(DistrictData data)
    {
        foreach (var t in data.Tips) if (t.HouseholdId is { } id) Add(tips, id, t);
        foreach (var c in data.Crisis) Add(crisis, c.HouseholdId, c);
        foreach (var o in data.Outcomes) Add(visits, o.HouseholdId, o);
    }

    static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    public IReadOnlyList<Outcome> VisitsOf(string id) => visits.TryGetValue(id, out var v) ? v : [];

    public float[] Of(Household h, DateOnly asOf)
    {
        var f = new float[Count];
        var id = h.HouseholdId;
        var endOfDay = asOf.ToDateTime(TimeOnly.MaxValue);

        // Crisis rows of the months known by the end of asOf (a month is known once it is over).
        var lastKnown = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(asOf.AddDays(1).Day == 1 ? 0 : -1);
        var recentFrom = lastKnown.AddMonths(-2);
        var sixFrom = lastKnown.AddMonths(-5);
        var yearFrom = lastKnown.AddMonths(-11);
        if (crisis.TryGetValue(id, out var rows))
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            float maxArrears = 0;
            foreach (var c in rows)
            {
                if (c.Month > lastKnown || c.Month < yearFrom) continue;
                if (c.Month >= recentFrom)
                {
                    distinct.Add(c.Indicator);
                    f[1]++;
                    if (CrisisIndicators.IsArrears(c.Indicator)) maxArrears = Math.Max(maxArrears, (float)Math.Min(c.Value, 24m));
                    if (CrisisIndicators.IsCutoff(c.Indicator)) f[4] = 1;
                    if (!c.KnownCode) f[6]++;
                    if (c.Indicator == CrisisIndicators.FinDelinquency) f[7] = 1;
                }
                else f[2]++;
                if (c.Month >= sixFrom && !CrisisIndicators.IsArrears(c.Indicator) && !CrisisIndicators.IsCutoff(c.Indicator)
                    && c.Indicator != CrisisIndicators.FinDelinquency && c.KnownCode) f[5] = 1;
            }
            f[0] = distinct.Count;
            f[3] = maxArrears;
        }

        // Visits up to asOf.
        DateOnly? lastCompleted = null;
        if (visits.TryGetValue(id, out var vs))
        {
            foreach (var o in vs)
            {
                if (o.VisitedOn > asOf) continue;
                var age = asOf.DayNumber - o.VisitedOn.DayNumber;
                if (o.Result != VisitResult.Absent && (lastCompleted is null || o.VisitedOn > lastCompleted)) lastCompleted = o.VisitedOn;
                if (age <= 365 && o.Result != VisitResult.Absent) f[8]++;
                if (age <= 365 && o.Result == VisitResult.Discovered) f[9] = 1;
                if (age <= 90 && o.Result == VisitResult.Absent) f[10]++;
                if (age <= 365 && o.Result == VisitResult.Refused) f[11] = 1;
            }
        }

        // Tips up to the end of asOf.
        var lastTipDays = 730;
        if (tips.TryGetValue(id, out var ts))
        {
            foreach (var t in ts)
            {
                if (t.ReceivedAt > endOfDay) continue;
                var day = DateOnly.FromDateTime(t.ReceivedAt);
                var age = asOf.DayNumber - day.DayNumber;
                if (age > 365) continue;
                lastTipDays = Math.Min(lastTipDays, age);
                if (age <= 7) f[12]++;
                if (age <= 30) f[13]++;
                if (age <= 90) f[14]++;
                f[15]++;
                if (t.Urgent && age <= 14) f[16] = 1;
                if (age <= 30 && (lastCompleted is null || day > lastCompleted)) f[17] = 1;
                if (age <= 90)
                {
                    if (t.Source == TipSource.Officer) f[18] = 1; else f[19] = 1;
                    if (CrisisWords.Any(w => t.Note.Contains(w, StringComparison.Ordinal))) f[20]++;
                    if (NoiseWords.Any(w => t.Note.Contains(w, StringComparison.Ordinal))) f[21]++;
                    if (t.SourceDetail is "이웃" or "관리사무소" or "편의점" or "약국") f[22] = 1;
                }
            }
        }
        f[23] = (float)Math.Log(1 + lastTipDays);

        // Household facts of the registry.
        var ageNow = h.AgeOn(asOf);
        f[24] = h.Members == 1 ? 1 : 0;
        f[25] = ageNow / 100f;
        f[26] = ageNow >= 65 ? 1 : 0;
        f[27] = h.Members == 1 && h.HeadSex == Sex.M && ageNow is >= 50 and < 70 ? 1 : 0;
        f[28] = h.HeadSex == Sex.F ? 1 : 0;
        f[29] = Math.Min(h.Members, 8);
        f[30] = h.ChildrenUnder2 > 0 ? 1 : 0;
        f[31] = h.SingleParent == true ? 1 : 0;
        f[32] = h.Pregnant == true ? 1 : 0;
        f[33] = h.Disability == true ? 1 : 0;
        var hi = Array.IndexOf(HousingTypes, h.HousingType);
        f[34 + (hi < 0 ? HousingTypes.Length - 1 : hi)] = 1;               // 34..40
        var ti = Array.IndexOf(Tenures, h.Tenure);
        f[41 + (ti < 0 ? Tenures.Length - 1 : ti)] = 1;                     // 41..45
        f[46] = h.BasicLivelihood ? 1 : 0;
        var years = Math.Max(0, asOf.DayNumber - h.MovedIn.DayNumber) / 365.25;
        f[47] = (float)Math.Log(1 + years);
        return f;
    }
}
