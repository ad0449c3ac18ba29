namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// Absolute URLs the emulator hands out. Files and the player page are served without the API key, as a CDN or a
/// public page would: an unguessable token in the path is what protects them.
/// </summary>
internal static class HourOneUrls
{
    public static string Service(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/{HourOneService.ServiceName}";

    public static string Player(HttpContext context, VideoRecord video) => $"{Service(context)}/player/{video.Id}";

    public static string Download(HttpContext context, VideoRecord video) => $"{Service(context)}/files/videos/{video.FileToken}/{video.Id}.mp4";

    public static string Subtitles(HttpContext context, VideoRecord video, string language, string format) =>
        $"{Service(context)}/files/subtitles/{video.FileToken}/{video.Id}.{language}.{format}";

    public static string VoicePreview(HttpContext context, VoicePreview preview) => $"{Service(context)}/files/voice-previews/{preview.FileToken}/{preview.Id}.wav";
}
