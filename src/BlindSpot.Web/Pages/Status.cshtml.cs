using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages;

/// <summary>Error pages in Korean, one line, no details (status code pages and the exception handler re-execute here).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    public void OnGet(int code) => Set(code);
    public void OnPost(int code) => Set(code);

    void Set(int code)
    {
        (Title, Text) = code switch
        {
            403 => ("접근 권한 없음 (403)", "이 화면은 볼 수 있는 권한이 없습니다. 담당 동이나 역할을 확인하세요."),
            404 => ("찾을 수 없음 (404)", "요청한 화면이 없습니다."),
            400 => ("잘못된 요청 (400)", "요청을 처리할 수 없습니다. 화면을 새로 고친 뒤 다시 시도하세요."),
            _ => ("오류", "처리 중 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요."),
        };
        // The original status code stays (re-execution); a direct visit answers the code in the address.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and < 600)
            Response.StatusCode = code;
    }
}
