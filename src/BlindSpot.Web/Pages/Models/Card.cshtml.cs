using BlindSpot.Model.UseCases;
using Markdig;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BlindSpot.Web.Pages.Models;

/// <summary>A model card, rendered from the registry's Markdown (raw HTML in it is not passed through).</summary>
public sealed class CardModel(ModelRegistryService registry) : PageModel
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    [FromRoute] public string Version { get; set; } = "";
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await registry.CardMarkdownAsync(Version, ct) is not { } markdown) return NotFound();
        Html = Markdig.Markdown.ToHtml(markdown, Markdown);
        return Page();
    }
}
