using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>API 8: <c>POST /videoInfo</c> reads the real MP4 header of an uploaded file.</summary>
internal sealed class VideoInfoRoutes(StorageBucket bucket)
{
    public void Map(IEndpointRouteBuilder api) =>
        // Cast: a Task<IResult>(HttpContext) method group would bind as a RequestDelegate and its result be dropped.
        api.MapPost("/videoInfo", (Delegate)VideoInfoAsync);

    private async Task<IResult> VideoInfoAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var url = body.Root!.Value.OptionalString("url");
        if (string.IsNullOrEmpty(url))
        {
            return ApiResults.BadRequest("Field 'url' (the url returned by /upload) is required.");
        }

        var stored = bucket.FindByUrl(url);
        if (stored is null)
        {
            return ApiResults.BadRequest("The url was not issued by /upload.");
        }

        if (stored.Probe() is not { } probe)
        {
            return ApiResults.BadRequest("The file has not been uploaded (completely) yet.");
        }

        if (probe.Video is not { } video)
        {
            return ApiResults.BadRequest(probe.Kind == MediaKind.Image
                ? "The file is an image, not a video."
                : $"The file is not a readable MP4 video: {probe.Problem}");
        }

        return ApiResults.Json(new { width = video.Width, height = video.Height, fps = video.Fps, duration = video.Duration, codec = video.Codec, size = stored.Size });
    }
}
