namespace BlindSpot.Web.DongWork;

/// <summary>
/// Why a visit result is corrected (정정), chosen from a fixed list: the reason goes to the append-only audit log, which
/// must never hold personal data, so no free text (docs/web.md).
/// </summary>
public static class CorrectionReasons
{
    public static IReadOnlyList<(string Code, string Korean)> All { get; } =
    [
        ("entry-mistake", "입력 실수 (다른 결과를 골랐음)"),
        ("revisit", "다시 방문해 확인한 결과가 다름"),
        ("further-check", "추가 확인(상담·조회) 결과 변경"),
        ("supervisor", "담당 팀장 검토에 따른 정정"),
    ];

    public static string? Korean(string? code) => All.FirstOrDefault(r => r.Code == code).Korean;
}
