using System.Globalization;
using System.Text.Json;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Targets;
using BlindSpot.Pipeline.Dashboard;

namespace BlindSpot.Web.Dashboard;

/// <summary>
/// A table of the dashboard: shown on the page beside its chart, and downloadable as CSV with the same cells. A cell
/// without a value (a pace before any target, a rate without visits) is null: the page shows it as "-" (<see cref="Shown"/>),
/// the download leaves it blank (a "-" there would be written "'-" against formula injection, and a spreadsheet shows the quote).
/// </summary>
public sealed record DashboardTable(string Id, string Title, IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows, string? ChartJson);

/// <summary>The dashboard's tables and charts, built in one place for the page and the downloads.</summary>
public static class DashboardTables
{
    /// <summary>A cell as the page shows it: "-" for a cell without a value.</summary>
    public static string Shown(string? cell) => cell ?? "-";

    public static readonly string[] Ids = ["targets", "trend", "yields", "tips", "completion", "behind"];

    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string StatusKorean(TargetStatus s) => s switch
    {
        TargetStatus.Ahead => "앞섬",
        TargetStatus.OnTrack => "정상",
        TargetStatus.Behind => "뒤처짐",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    static string N(decimal d, int places = 1) => Math.Round(d, places, MidpointRounding.AwayFromZero).ToString(places == 0 ? "0" : "0." + new string('0', places), Inv);
    static string I(int i) => i.ToString(Inv);

    public static IReadOnlyList<DashboardTable> All(Pipeline.Dashboard.Dashboard d) => Ids.Select(id => Build(id, d)).ToList();

    public static DashboardTable Build(string id, Pipeline.Dashboard.Dashboard d) => id switch
    {
        "targets" => Targets(d),
        "trend" => Trend(d),
        "yields" => Yields(d),
        "tips" => Tips(d),
        "completion" => Completion(d),
        "behind" => Behind(d),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    static string?[] TargetCells(DongTarget t) =>
        [t.Dong, I(t.Baseline), I(t.Target), I(t.DiscoveriesYtd), N(t.ExpectedYtd), t.Pace is { } p ? N(p * 100) + "%" : null, N(t.Projected, 0), StatusKorean(t.Status)];

    static readonly string[] TargetHeaders = ["동", "전년 발굴(기준)", "올해 목표(+10%)", "발굴 누계", "기대 누계", "진도율", "연말 예상", "상태"];

    static DashboardTable Targets(Pipeline.Dashboard.Dashboard d)
    {
        var r = d.Targets;
        var rows = r.Dongs.Select(TargetCells).Append(TargetCells(r.Total)).ToList();
        var chart = Chart("bar", r.Dongs.Select(x => x.Dong),
            ("발굴 누계", r.Dongs.Select(x => (decimal)x.DiscoveriesYtd), "#1f77b4"),
            ("기대 누계", r.Dongs.Select(x => Math.Round(x.ExpectedYtd, 1)), "#ff7f0e"),
            ("올해 목표", r.Dongs.Select(x => (decimal)x.Target), "#c7c7c7"));
        return new DashboardTable("targets", $"{r.Year}년 동별 목표 대비 발굴 ({r.AsOf:yyyy-MM-dd} 기준, 연중 {N(r.ShareElapsed * 100)}% 경과)", TargetHeaders, rows, chart);
    }

    static DashboardTable Behind(Pipeline.Dashboard.Dashboard d)
    {
        var rows = d.Targets.Dongs.Where(t => t.Status == TargetStatus.Behind).OrderBy(t => t.Pace ?? 0).Select(TargetCells).ToList();
        return new DashboardTable("behind", "진도가 뒤처진 동", TargetHeaders, rows, null);
    }

    static DashboardTable Trend(Pipeline.Dashboard.Dashboard d)
    {
        var headers = new List<string> { "월", "구 전체 발굴 누계", "목표선(기대 누계)" };
        headers.AddRange(Dongs.All);
        var rows = d.Trend.Select(p => new[] { $"{p.Month}월", I(p.Discoveries), N(p.ExpectedTarget) }.Concat(p.Dongs.Select(I)).Select(s => (string?)s).ToArray()).ToList();
        var chart = Chart("line", d.Trend.Select(p => $"{p.Month}월"),
            ("구 전체 발굴 누계", d.Trend.Select(p => (decimal)p.Discoveries), "#1f77b4"),
            ("목표선", d.Trend.Select(p => p.ExpectedTarget), "#d62728"));
        return new DashboardTable("trend", "월별 발굴 추이 (누계, 목표선 대비)", headers, rows, chart);
    }

    static DashboardTable Yields(Pipeline.Dashboard.Dashboard d)
    {
        var rows = d.Yields.Select(y => new string?[] { y.Selection, I(y.Visits), I(y.Discoveries), y.Per100Visits is { } p ? N(p) : null }).ToList();
        var chart = Chart("bar", d.Yields.Select(y => y.Selection), ("방문 100건당 발굴", d.Yields.Select(y => y.Per100Visits ?? 0), "#2ca02c"));
        return new DashboardTable("yields", $"선정구분별 방문 100건당 발굴 ({d.AsOf.Year}년)", ["선정구분", "방문", "발굴", "방문 100건당 발굴"], rows, chart);
    }

    static DashboardTable Tips(Pipeline.Dashboard.Dashboard d)
    {
        var rows = d.TipWeeks.Select(w => new string?[] { w.WeekStart.ToString("yyyy-MM-dd", Inv), I(w.Officer), I(w.OfficerResolved), I(w.Hotline), I(w.HotlineResolved) }).ToList();
        var chart = Chart("bar", d.TipWeeks.Select(w => w.WeekStart.ToString("MM-dd", Inv)),
            ("명예사회복지공무원", d.TipWeeks.Select(w => (decimal)w.Officer), "#9467bd"),
            ("메모지 핫라인", d.TipWeeks.Select(w => (decimal)w.Hotline), "#8c564b"));
        return new DashboardTable("tips", "주별 제보 (경로별, 세대 확인 건수)", ["주 시작(월)", "명예사회복지공무원", "그중 세대 확인", "메모지 핫라인", "그중 세대 확인"], rows, chart);
    }

    static DashboardTable Completion(Pipeline.Dashboard.Dashboard d)
    {
        var rows = d.Completion.Select(c => new string?[] { c.Dong, I(c.Listed), I(c.Completed), c.Percent is { } p ? N(p) : null }).ToList();
        var chart = Chart("bar", d.Completion.Select(c => c.Dong), ("완료율(%)", d.Completion.Select(c => c.Percent ?? 0), "#17becf"));
        return new DashboardTable("completion", $"방문 목록 완료 ({d.CompletionFrom:yyyy-MM-dd} 이후 목록)", ["동", "목록 세대", "방문 결과 있음", "완료율(%)"], rows, chart);
    }

    static string Chart(string type, IEnumerable<string> labels, params (string Label, IEnumerable<decimal> Values, string Color)[] series) =>
        JsonSerializer.Serialize(new
        {
            type,
            data = new
            {
                labels = labels.ToArray(),
                datasets = series.Select(s => new { label = s.Label, data = s.Values.ToArray(), backgroundColor = s.Color, borderColor = s.Color }).ToArray(),
            },
        }, Json);
}
