using System.Globalization;
using System.Text;
using BlindSpot.Core.Domain;
using Microsoft.Data.Sqlite;

namespace BlindSpot.Bench;

/// <summary>
/// A simple day generator for `play-district` until the sample generator continues a district day by day: for one
/// calendar day it writes the officer tips (with household id), the hotline calls (by the registry's address) and the
/// visit results of the households listed on that day's stored worklist, into the inbox. Volumes follow the generated
/// district's own last 30 days of tips. Reads the registry straight from the SQLite file (read-only, outside the clock).
/// </summary>
internal sealed class DayFiles
{
    static readonly string[] Signal = ["현관 앞에 우편물이 쌓여 있음", "며칠째 인기척이 없음", "관리비가 몇 달째 밀려 있음", "끼니를 거른다고 함", "악취가 남"];
    static readonly string[] Noise = ["층간소음 민원", "이사 온 지 얼마 안 된 세입자, 확인 요청", "여행 중이라 우편물이 쌓였다고 함"];
    static readonly string[] Reporters = ["관리사무소", "부동산", "편의점", "약국", "이웃", "본인"];
    static readonly string[] Categories = ["경제", "주거", "건강", "고립", "돌봄"];

    readonly (string Id, string Dong, string Address)[] registry;
    readonly string db;
    readonly Random rng;
    public int OfficerPerDay { get; }
    public int HotlinePerDay { get; }

    public DayFiles(string db, int seed)
    {
        this.db = db;
        rng = new Random(seed);
        using var c = Open();
        var rows = new List<(string, string, string)>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT household_id, dong, address FROM household_versions v WHERE snapshot_date = (SELECT MAX(snapshot_date) FROM household_versions) ORDER BY household_id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        }
        registry = rows.ToArray();
        int Count(string source)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM tips WHERE source = $s AND received_at >= (SELECT datetime(MAX(received_at), '-30 days') FROM tips)";
            cmd.Parameters.AddWithValue("$s", source);
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        OfficerPerDay = Math.Max(1, Count(nameof(TipSource.Officer)) / 30);
        HotlinePerDay = Math.Max(1, Count(nameof(TipSource.Hotline)) / 30);
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        return c;
    }

    /// <summary>Writes the day's files; returns (tips, visits) written.</summary>
    public (int Tips, int Visits) Write(DateOnly day, string inbox)
    {
        var inv = CultureInfo.InvariantCulture;
        var officer = new StringBuilder("tip_id,received_at,officer_id,dong,address,subject_name,phone,household_id,category,urgent,note\n");
        for (var i = 0; i < OfficerPerDay; i++)
        {
            var h = registry[rng.Next(registry.Length)];
            officer.Append(inv, $"OT-B{day:yyyyMMdd}-{i:D4},{day:yyyy-MM-dd} {rng.Next(9, 18):D2}:{rng.Next(60):D2},OF-B-{rng.Next(1, 40):D3},{h.Dong},{Csv(h.Address)},,,{h.Id},")
                .Append(Categories[rng.Next(Categories.Length)]).Append(',').Append(rng.NextDouble() < 0.08 ? "Y" : "N").Append(',')
                .Append(rng.NextDouble() < 0.5 ? Signal[rng.Next(Signal.Length)] : Noise[rng.Next(Noise.Length)]).Append('\n');
        }
        var hotline = new StringBuilder("call_id,called_at,reporter_type,dong,address,subject_name,urgent,note\n");
        for (var i = 0; i < HotlinePerDay; i++)
        {
            var h = registry[rng.Next(registry.Length)];
            hotline.Append(inv, $"HL-B{day:yyyyMMdd}-{i:D4},{day:yyyy-MM-dd} {rng.Next(9, 18):D2}:{rng.Next(60):D2},{Reporters[rng.Next(Reporters.Length)]},{h.Dong},{Csv(h.Address)},,")
                .Append(rng.NextDouble() < 0.05 ? "Y" : "N").Append(',')
                .Append(rng.NextDouble() < 0.5 ? Signal[rng.Next(Signal.Length)] : Noise[rng.Next(Noise.Length)]).Append('\n');
        }
        File.WriteAllText(Path.Combine(inbox, $"tips_officer_{day:yyyyMMdd}.csv"), officer.ToString());
        File.WriteAllText(Path.Combine(inbox, $"tips_hotline_{day:yyyyMMdd}.csv"), hotline.ToString());

        // The day's visits: the households listed for it (a worklist is built the evening before).
        var listed = new List<string>();
        using (var c = Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT household_id FROM worklist_entries WHERE list_date = $d ORDER BY dong, rank";
            cmd.Parameters.AddWithValue("$d", day.ToString("yyyy-MM-dd", inv));
            using var r = cmd.ExecuteReader();
            while (r.Read()) listed.Add(r.GetString(0));
        }
        if (listed.Count > 0)
        {
            var outcomes = new StringBuilder("household_id,visited_on,result,services,worker_id\n");
            foreach (var id in listed.Distinct(StringComparer.Ordinal))
            {
                var x = rng.NextDouble();
                var result = x < 0.12 ? "부재" : x < 0.15 ? "거부" : x < 0.45 ? "발굴" : "비해당";
                outcomes.Append(inv, $"{id},{day:yyyy-MM-dd},{result},,W-B-{rng.Next(1, 40):D3}\n");
            }
            File.WriteAllText(Path.Combine(inbox, $"outcomes_{day:yyyyMMdd}.csv"), outcomes.ToString());
        }
        return (OfficerPerDay + HotlinePerDay, listed.Count);
    }

    static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
