using System.Net;

namespace AnimationTools.Emulator.Teleport;

/// <summary>
/// What the URLs of the service point at, served without a token: the model files of the metadata (from the "CDN",
/// or the origin with <c>use_cdn=false</c>), the preview images, and minimal viewer and share pages. Files answer
/// <c>HEAD</c>, send <c>Content-Length</c> and honour <c>Range</c> (206), so downloads can be resumed.
/// </summary>
internal sealed class CdnRoutes(TeleportState state)
{
    public const string CdnSegment = "_cdn";
    public const string OriginSegment = "_files";

    public void Map(IEndpointRouteBuilder service)
    {
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        service.MapMethods($"/{CdnSegment}/{{sid}}/preview/{{size}}.png", getOrHead, Preview);
        service.MapMethods($"/{CdnSegment}/{{sid}}/{{profile}}/{{quality}}/{{file}}", getOrHead, Model);
        service.MapMethods($"/{OriginSegment}/{{sid}}/{{profile}}/{{quality}}/{{file}}", getOrHead, Model);
        service.MapGet("/captures/{eid}", (string eid) =>
            state.Find(eid) is { Sid: { } sid } capture && IsReady(capture) ? Page(capture.Name, $"Viewer of capture {eid}", sid) : Results.NotFound());
        service.MapGet("/share/{sid}", (string sid) =>
            state.BySid(sid) is { } capture ? Page(capture.Name, $"Shared capture {sid}", IsReady(capture) ? sid : null) : Results.NotFound());
    }

    private IResult Model(string sid, string profile, string quality, string file)
    {
        if (state.BySid(sid) is not { } capture || !IsReady(capture) || !ModelFiles.Profiles.Contains(profile) || quality is not ("sd" or "hd"))
        {
            return Results.NotFound();
        }

        var model = state.Model(sid, profile, quality);
        return model.FileName != file
            ? Results.NotFound()
            : Results.File(model.Content, model.ContentType, fileDownloadName: null, enableRangeProcessing: true);
    }

    private IResult Preview(string sid, string size)
    {
        if (state.BySid(sid) is not { } capture || !IsReady(capture))
        {
            return Results.NotFound();
        }

        foreach (var (width, height) in PreviewImage.Sizes)
        {
            if (PreviewImage.Key(width, height) == size)
            {
                return Results.File(state.Preview(sid, width, height), "image/png", enableRangeProcessing: true);
            }
        }

        return Results.NotFound();
    }

    private bool IsReady(CaptureRecord capture) => capture.StateAt(state.Clock.GetUtcNow()).State == CaptureStates.Ready;

    private static IResult Page(string name, string title, string? previewSid)
    {
        var image = previewSid is null ? "<p>Not ready yet.</p>" : $"<img src=\"../{CdnSegment}/{previewSid}/preview/{PreviewImage.Key(432, 576)}.png\" alt=\"preview\">";
        var html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(name)}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(name)}</h1><p>{WebUtility.HtmlEncode(title)} (Teleport emulator)</p>{image}</body></html>";
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
