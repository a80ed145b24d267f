using System.Globalization;
using System.Text;
using BlindSpot.Core.Contract;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>
/// A small synthetic inbox under the data contract (English headers, UTF-8): capacity, baselines, one registry
/// snapshot, crisis months, tips from officers and the hotline, and visit outcomes, with a few duplicates and broken
/// rows. Deterministic per seed. <see cref="WriteDay"/> adds one more simulated day of tips and visits.
/// Values hold no commas or quotes, so <see cref="ReadColumn"/> can read them back with a plain split.
/// </summary>
internal static class InboxWriter
{
    static readonly string[] Surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "권", "황"];
    static readonly string[] Given = ["민", "서", "지", "현", "우", "준", "영", "수", "하", "은", "예", "도", "진", "혜", "경", "숙", "철", "호"];
    static readonly string[] Roads = ["도신로", "영중로", "국회대로", "신풍로", "대림로", "당산로", "문래로", "양평로", "여의대방로", "가마산로"];
    static readonly string[] Housing = ["아파트", "연립다세대", "단독", "반지하", "고시원", "쪽방", "기타"];
    static readonly string[] Tenure = ["자가", "전세", "월세", "무상", "기타"];
    static readonly string[] Signs = ["우편물이 문 앞에 쌓여 있음", "며칠째 불이 꺼져 있음", "관리비가 석 달째 밀렸다고 함", "끼니를 거르는 것 같음",
        "아기 우는 소리가 오래 들림", "술병이 복도에 쌓여 있음", "도시가스가 끊겼다고 들음", "병원에 못 가고 혼자 누워 있음"];
    static readonly string[] Categories = ["경제", "주거", "건강", "고립", "돌봄", "기타"];
    static readonly string[] Reporters = ["관리사무소", "부동산", "편의점", "약국", "이웃", "본인", "기타"];
    static readonly string[] Indicators = [CrisisIndicators.MgmtFeeArrears, CrisisIndicators.ElecArrears, CrisisIndicators.GasCutoff, CrisisIndicators.HealthInsArrears];

    internal sealed record Person(string Id, string Dong, string Address, string Name, string Phone, bool InCrisis);

    /// <summary>Writes the base inbox (history up to <paramref name="lastDay"/>) and returns the households.</summary>
    public static IReadOnlyList<Person> WriteBase(string dir, int households, DateOnly lastDay, int seed = 7)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        var people = new List<Person>(households);
        var usedNames = new HashSet<string>();
        for (var i = 0; i < households; i++)
        {
            string name;
            do name = Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)] + Given[rng.Next(Given.Length)];
            while (!usedNames.Add(name));
            var dong = Dongs.All[i % Dongs.All.Count];
            var address = $"서울특별시 영등포구 {Roads[rng.Next(Roads.Length)]} {10 + i}길 {rng.Next(1, 90)}";
            people.Add(new Person($"H{i + 1:D5}", dong, address, name, $"010-{rng.Next(2000, 9999)}-{rng.Next(1000, 9999)}", rng.NextDouble() < 0.3));
        }

        Write(dir, "capacity.csv", "dong,daily_visits", Dongs.All.Select(d => $"{d},3"));
        Write(dir, "targets_baseline.csv", "dong,year,discoveries", Dongs.All.Select((d, i) => $"{d},{lastDay.Year - 1},{2 + i % 5}"));

        var snapshot = new DateOnly(lastDay.Year, 6, 1);
        Write(dir, $"households_{snapshot:yyyyMMdd}.csv",
            "household_id,dong,address,head_name,phone,head_birth_year,head_sex,members,children_under_2,single_parent,pregnant,disability,housing_type,tenure,moved_in,basic_livelihood,case_managed",
            people.Select((p, i) => string.Join(',', p.Id, p.Dong, p.Address, p.Name, p.Phone, rng.Next(1940, 2001), i % 2 == 0 ? "M" : "F",
                rng.Next(1, 5), i % 17 == 0 ? 1 : 0, i % 11 == 0 ? "Y" : "N", "", i % 13 == 0 ? "Y" : "N", Housing[rng.Next(Housing.Length)],
                Tenure[rng.Next(Tenure.Length)], new DateOnly(2010, 1, 1).AddDays(rng.Next(5000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                i % 9 == 0 ? "Y" : "N", i % 29 == 0 ? "Y" : "N")));

        var crisis = new List<string>();
        for (var m = new DateOnly(lastDay.Year, 1, 1); m.AddMonths(1) <= lastDay; m = m.AddMonths(1))
            foreach (var p in people)
                if (p.InCrisis ? rng.NextDouble() < 0.6 : rng.NextDouble() < 0.05)
                    crisis.Add($"{p.Id},{m:yyyy-MM},{Indicators[rng.Next(Indicators.Length)]},{rng.Next(1, 5)}");
        crisis.Add(crisis[0]); // a repeated key: duplicate
        crisis.Add("H99999,2026-01,ELEC_CUTOFF,1"); // unknown household: quarantined
        Write(dir, $"crisis_{lastDay:yyyyMM}.csv", "household_id,reference_month,indicator,value", crisis);

        var first = lastDay.AddDays(-200);
        Write(dir, "tips_officer_base.csv", OfficerHeader, Enumerable.Range(0, households / 2).Select(i =>
            OfficerRow(rng, $"O-B{i:D5}", first.AddDays(rng.Next(200)), people[rng.Next(people.Count)])).Append("O-BAD,2026-13-40 09:00,OF1,신길2동,x,,,,경제,N,잘못된 줄"));
        Write(dir, "tips_hotline_base.csv", HotlineHeader, Enumerable.Range(0, households / 4).Select(i =>
            HotlineRow(rng, $"C-B{i:D5}", first.AddDays(rng.Next(200)), people[rng.Next(people.Count)])));
        Write(dir, "outcomes_base.csv", "household_id,visited_on,result,services,worker_id", OutcomeRows(rng, people, first, lastDay, perDay: 3));
        return people;
    }

    /// <summary>One more simulated day: a few tips and visit results dated <paramref name="day"/>.</summary>
    public static void WriteDay(string dir, IReadOnlyList<Person> people, DateOnly day, int seed)
    {
        var rng = new Random(seed);
        Write(dir, $"tips_officer_{day:yyyyMMdd}.csv", OfficerHeader, Enumerable.Range(0, 6).Select(i =>
            OfficerRow(rng, $"O-{day:yyyyMMdd}-{i}", day, people[rng.Next(people.Count)], urgent: i == 0)));
        Write(dir, $"tips_hotline_{day:yyyyMMdd}.csv", HotlineHeader, Enumerable.Range(0, 4).Select(i =>
            HotlineRow(rng, $"C-{day:yyyyMMdd}-{i}", day, people[rng.Next(people.Count)])));
        Write(dir, $"outcomes_{day:yyyyMMdd}.csv", "household_id,visited_on,result,services,worker_id", OutcomeRows(rng, people, day, day, perDay: 5));
    }

    const string OfficerHeader = "tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note";
    const string HotlineHeader = "call_id,called_at,reporter_type,dong,address,subject_name,urgent,note";

    static string OfficerRow(Random rng, string id, DateOnly day, Person p, bool urgent = false) =>
        string.Join(',', id, At(rng, day), $"OF{rng.Next(1, 40)}", p.Dong, p.Address, p.Name, p.Phone, rng.NextDouble() < 0.3 ? p.Id : "",
            Categories[rng.Next(Categories.Length)], urgent ? "Y" : "N", Note(rng, id));

    static string HotlineRow(Random rng, string id, DateOnly day, Person p) =>
        string.Join(',', id, At(rng, day), Reporters[rng.Next(Reporters.Length)], rng.NextDouble() < 0.7 ? p.Dong : "", p.Address,
            rng.NextDouble() < 0.5 ? p.Name : "", "N", Note(rng, id));

    static IEnumerable<string> OutcomeRows(Random rng, IReadOnlyList<Person> people, DateOnly from, DateOnly to, int perDay)
    {
        var seen = new HashSet<string>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            for (var i = 0; i < perDay; i++)
            {
                var p = people[rng.Next(people.Count)];
                if (!seen.Add($"{p.Id}|{d}")) continue;
                var roll = rng.NextDouble();
                var result = roll < 0.1 ? "부재" : (p.InCrisis ? rng.NextDouble() < 0.6 : rng.NextDouble() < 0.1) ? "발굴" : "비해당";
                yield return string.Join(',', p.Id, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result, result == "발굴" ? "긴급지원;기초생활보장" : "", $"W{rng.Next(1, 30)}");
            }
        }
    }

    static string At(Random rng, DateOnly day) => day.ToDateTime(new TimeOnly(rng.Next(9, 18), rng.Next(0, 60))).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    static string Note(Random rng, string id) => $"{Signs[rng.Next(Signs.Length)]} 그리고 {Signs[rng.Next(Signs.Length)]} 메모{id[^3..]}호";

    static void Write(string dir, string name, string header, IEnumerable<string> rows) =>
        File.WriteAllText(Path.Combine(dir, name), header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));

    /// <summary>The values of <paramref name="column"/> in every inbox file that has it (empty values left out).</summary>
    public static IEnumerable<string> ReadColumn(string dir, string column)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            var index = Array.IndexOf(lines[0].Split(','), column);
            if (index < 0) continue;
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                if (index < cells.Length && cells[index].Length > 0) yield return cells[index];
            }
        }
    }
}
