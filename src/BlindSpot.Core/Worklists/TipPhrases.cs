using System.Globalization;
using System.Text;
using BlindSpot.Core.Contract;
using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// The tip phrases of 선정사유: the tip that put a household on the list, described for the worker who will knock
/// (when, relative to the worklist day; who called; the warning signs of <see cref="WarningSigns"/>; a short excerpt
/// of the note), and the model's summary of a household's tip history. The worklist file is the dong's own list with
/// names and addresses: the excerpt belongs there and nowhere else (never in logs, cards or analysts' views).
/// </summary>
public static partial class TipPhrases
{
    /// <summary>How every model reason about a household's tips starts ("제보 이력 2건: 악취"); one fact, never repeated beside the tip itself.</summary>
    public const string HistoryPrefix = "제보 이력";

    /// <summary>Characters of the note shown in the excerpt (then "…").</summary>
    public const int ExcerptChars = 40;

    static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["경제"] = "경제적 어려움", ["주거"] = "주거 위기", ["건강"] = "건강 문제",
        [Vocabulary.Isolation] = "사회적 고립", ["돌봄"] = "돌봄 공백", ["기타"] = "기타",
    };

    static readonly string[] Weekdays = ["일", "월", "화", "수", "목", "금", "토"];

    /// <summary>"명예사회복지공무원(사회적 고립)" for an officer's tip, "편의점 신고" for a hotline call.</summary>
    public static string Source(Tip tip) =>
        tip.Source == TipSource.Officer
            ? tip.Category is { } c && Categories.TryGetValue(c.Trim(), out var k) ? $"명예사회복지공무원({k})" : "명예사회복지공무원"
            : $"{tip.SourceDetail.Trim()} 신고";

    /// <summary>When the tip came, in words relative to the worklist day: "어제(11/29 일)", "3일 전(11/27 금)".</summary>
    public static string When(Tip tip, DateOnly worklistDay)
    {
        var day = DateOnly.FromDateTime(tip.ReceivedAt);
        var ago = worklistDay.DayNumber - day.DayNumber;
        var date = string.Create(CultureInfo.InvariantCulture, $"{day.Month}/{day.Day} {Weekdays[(int)day.DayOfWeek]}");
        return ago switch
        {
            <= 0 => $"오늘({date})",
            1 => $"어제({date})",
            _ => $"{ago}일 전({date})",
        };
    }

    /// <summary>
    /// "긴급 제보 3일 전(11/27 금), 편의점 신고: 우편물 적체, 악취 \"문 앞에 우편물이 쌓여 있음…\"".
    /// </summary>
    public static string Describe(Tip tip, DateOnly worklistDay)
    {
        var sb = new StringBuilder(tip.Urgent ? "긴급 제보 " : "제보 ");
        sb.Append(When(tip, worklistDay)).Append(", ").Append(Source(tip));
        var signs = WarningSigns.Found(tip.Note, 2);
        if (signs.Count > 0) sb.Append(": ").Append(string.Join(", ", signs));
        if (Excerpt(tip.Note) is { Length: > 0 } excerpt) sb.Append(signs.Count > 0 ? " \"" : ": \"").Append(excerpt).Append('"');
        return sb.ToString();
    }

    /// <summary>
    /// The note's first <see cref="ExcerptChars"/> characters on one line ("; " is the reason separator, quotes are the
    /// excerpt's own); phone numbers written in the note are masked (the household's own number is in 연락처).
    /// </summary>
    public static string Excerpt(string note)
    {
        var sb = new StringBuilder(ExcerptChars + 1);
        var space = false;
        foreach (var ch in PhoneLike().Replace(note, "***").Trim())
        {
            if (char.IsWhiteSpace(ch)) { space = true; continue; }
            if (sb.Length >= ExcerptChars) return sb.Append('…').ToString();
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(ch switch { ';' => ',', '"' => '\'', _ => ch });
        }
        return sb.ToString();
    }

    /// <summary>The model's tip-history reason: "제보 이력 2건: 우편물 적체, 악취", "제보 이력: 악취", "제보 이력 3건".</summary>
    public static string History(int tips, IReadOnlyList<string> signs)
    {
        var head = tips > 1 ? $"{HistoryPrefix} {tips}건" : HistoryPrefix;
        return signs.Count > 0 ? $"{head}: {string.Join(", ", signs)}" : head;
    }

    public static bool IsHistory(string reason) => reason.StartsWith(HistoryPrefix, StringComparison.Ordinal);

    /// <summary>True when a tip points at isolation: category 고립 or an isolation warning sign in its note.</summary>
    public static bool SignalsIsolation(Tip tip) => tip.Category?.Trim() == Vocabulary.Isolation || WarningSigns.ShowsIsolation(tip.Note);

    [System.Text.RegularExpressions.GeneratedRegex(@"\d[\d\- ]{5,}\d")]
    private static partial System.Text.RegularExpressions.Regex PhoneLike();
}
