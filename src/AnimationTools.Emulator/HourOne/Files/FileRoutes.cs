using System.Net;
using System.Text;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// What the API's URLs point to, served without the API key: the player page, the rendered MP4 (<c>HEAD</c> and
/// <c>Range</c> work), subtitle files and voice preview audio. A file of a video that is not ready, or deleted, is 404.
/// </summary>
internal sealed class FileRoutes(HourOneState state)
{
    public void Map(IEndpointRouteBuilder service)
    {
        service.MapGet("/player/{video_id}", Player);
        service.MapMethods("/files/videos/{token}/{video_id}.mp4", [HttpMethods.Get, HttpMethods.Head], (string token, string video_id) =>
            Rendered(token, video_id) is not null
                ? Results.Bytes(SampleVideo.Mp4, "video/mp4", $"{video_id}.mp4", enableRangeProcessing: true)
                : FastApi.NotFound("Not Found"));
        service.MapMethods("/files/subtitles/{token}/{video_id}.{language}.{format}", [HttpMethods.Get, HttpMethods.Head],
            (string token, string video_id, string language, string format) =>
            {
                if (Rendered(token, video_id) is not { } video || !video.HasSubtitles(language, format))
                {
                    return FastApi.NotFound("Not Found");
                }

                return format == "srt"
                    ? Results.Text(SubtitleFile.Srt(video), "application/x-subrip; charset=utf-8", Encoding.UTF8)
                    : Results.Text(SubtitleFile.Vtt(video, language), "text/vtt; charset=utf-8", Encoding.UTF8);
            });
        service.MapMethods("/files/voice-previews/{token}/{preview_id}.wav", [HttpMethods.Get, HttpMethods.Head], (string token, string preview_id) =>
            state.VoicePreviews.FindByToken(token) is { } preview && preview.Id == preview_id && preview.StatusAt(state.Time.GetUtcNow()) == "ready"
                ? Results.Bytes(Wav.Tone(preview.Seconds), "audio/wav", $"{preview_id}.wav", enableRangeProcessing: true)
                : FastApi.NotFound("Not Found"));
    }

    private VideoRecord? Rendered(string token, string videoId) =>
        state.Videos.Find(videoId) is { } video && video.FileToken == token && video.StateAt(state.Time.GetUtcNow()).IsRendered ? video : null;

    /// <summary>A page for people: the video once rendered, its status before.</summary>
    private IResult Player(string video_id, HttpContext context)
    {
        if (state.Videos.Find(video_id) is not { } video)
        {
            return FastApi.NotFound("Video not found");
        }

        var current = video.StateAt(state.Time.GetUtcNow());
        var title = WebUtility.HtmlEncode(video.Spec.Name ?? video.Id);
        var body = current.IsRendered
            ? $"<video controls width=\"640\" src=\"{WebUtility.HtmlEncode(HourOneUrls.Download(context, video))}\"></video>"
            : $"<p>This video is {WebUtility.HtmlEncode(current.Status)}{(current.Progress >= 0 && !current.IsTerminal ? $" ({current.Progress}%)" : string.Empty)}.</p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{title}</title></head>
            <body>
            <h1>{title}</h1>
            {body}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
