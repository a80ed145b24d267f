using BlindSpot.Core.Domain;

namespace BlindSpot.Core.Worklists;

/// <summary>
/// One line of a dong's tips-to-resolve file (tips-to-resolve/&lt;date&gt;/&lt;dong&gt;.csv): a tip that is not linked to a
/// household, so that dong staff find the household themselves or choose among the candidates. Holds the address as
/// written and a note excerpt: the dong's own file, like its worklist.
/// </summary>
public sealed record TipToResolveRow(
    string TipId,
    string Source,
    DateTime ReceivedAt,
    bool Urgent,
    string Category,
    string Reporter,
    string Address,
    string? SubjectName,
    string NoteExcerpt,
    string Status,
    IReadOnlyList<string> Candidates)
{
    /// <summary>The Korean headers, in order (docs/data-contract.md).</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["제보번호", "경로", "접수일시", "긴급", "유형", "제보자", "주소(적힌 그대로)", "대상자", "내용 요약", "상태", "후보세대ID"];

    /// <summary>Characters of the note shown; the whole note is in the store.</summary>
    public const int ExcerptLength = 80;

    /// <summary>
    /// The tips a dong must see on <paramref name="date"/>: not linked, and received in the <paramref name="recentDays"/>
    /// days up to the as-of day, or urgent and received in the <paramref name="urgentDays"/> days up to it. Urgent first,
    /// then newest first.
    /// </summary>
    public static IReadOnlyList<(string Dong, TipToResolveRow Row)> Select(IEnumerable<Tip> tips, DateOnly asOf, int recentDays, int urgentDays) =>
        InOrder(Due(tips, asOf, recentDays, urgentDays)).Select(t => (t.Dong, From(t))).ToList();

    /// <summary>The unlinked tips due on <paramref name="asOf"/> (the rule of <see cref="Select"/>; the dong's screen uses it too).</summary>
    public static IEnumerable<Tip> Due(IEnumerable<Tip> tips, DateOnly asOf, int recentDays, int urgentDays)
    {
        var end = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var recentFrom = asOf.AddDays(1 - recentDays).ToDateTime(TimeOnly.MinValue);
        var urgentFrom = asOf.AddDays(1 - urgentDays).ToDateTime(TimeOnly.MinValue);
        return tips.Where(t => t.HouseholdId is null && t.ReceivedAt < end && (t.ReceivedAt >= recentFrom || t.Urgent && t.ReceivedAt >= urgentFrom));
    }

    /// <summary>By dong, then urgent first, then newest first.</summary>
    public static IEnumerable<Tip> InOrder(IEnumerable<Tip> tips) =>
        tips.OrderBy(t => t.Dong, StringComparer.Ordinal).ThenByDescending(t => t.Urgent).ThenByDescending(t => t.ReceivedAt)
            .ThenBy(t => t.TipId, StringComparer.Ordinal);

    public static TipToResolveRow From(Tip t) => new(
        t.TipId,
        t.Source == TipSource.Officer ? "명예사회복지공무원" : "핫라인",
        t.ReceivedAt,
        t.Urgent,
        t.Category ?? "",
        t.SourceDetail,
        t.Address,
        t.SubjectName,
        Excerpt(t.Note),
        t.LinkStatus == TipLinkStatus.Candidates ? "후보 확인" : "주소 확인",
        t.Candidates);

    static string Excerpt(string note)
    {
        var oneLine = string.Join(' ', note.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= ExcerptLength ? oneLine : oneLine[..ExcerptLength] + "…";
    }
}
