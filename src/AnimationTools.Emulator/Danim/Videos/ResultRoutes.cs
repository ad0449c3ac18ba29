using System.Net;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// The content delivery side, outside the API (GET, no credentials, like the real storage and player hosts): results of
/// DONE videos (<c>raw.mp4</c>, <c>quicklook.gif</c>, <c>thumbnail.jpg</c>), the player page, and stored files.
/// </summary>
internal sealed class ResultRoutes(DanimState state)
{
    private static readonly string[] Read = ["GET", "HEAD"];

    public void Map(IEndpointRouteBuilder service)
    {
        service.MapMethods("/cdn/videos/{id}/{file}", Read, (string id, string file) =>
        {
            var video = state.Videos.FindAny(id);
            if (video is null || video.StateAt(state.Now) != VideoState.DONE)
            {
                return NotFound($"No result for video \"{id}\": it does not exist or is not DONE.");
            }

            return file switch
            {
                "raw.mp4" => Results.Bytes(DanimSamples.VideoMp4, "video/mp4", enableRangeProcessing: true, entityTag: ETagOf(DanimSamples.VideoMp4)),
                "quicklook.gif" => Results.Bytes(DanimSamples.QuicklookGif, "image/gif", enableRangeProcessing: true, entityTag: ETagOf(DanimSamples.QuicklookGif)),
                "thumbnail.jpg" => Results.Bytes(DanimSamples.ThumbnailJpg, "image/jpeg", enableRangeProcessing: true, entityTag: ETagOf(DanimSamples.ThumbnailJpg)),
                _ => NotFound($"Video \"{id}\" has no file \"{file}\"."),
            };
        });

        service.MapMethods("/player/{shortId}", Read, (string shortId) =>
        {
            var video = state.Videos.FindByShortId(shortId);
            if (video is null)
            {
                return NotFound($"No video with the short id \"{shortId}\".");
            }

            var done = video.StateAt(state.Now) == VideoState.DONE;
            var title = WebUtility.HtmlEncode(video.Name);
            var body = done
                ? $"<video controls poster=\"{video.ThumbnailUrl}\" src=\"{video.RawUrl}\"></video>"
                : "<p>This video is not ready yet.</p>";
            return Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>",
                "text/html; charset=utf-8");
        });

        service.MapMethods("/cdn/app/api-app/file-store/{name}", Read, (string name) =>
        {
            var file = state.Files.FindByStorageKey(Path.GetFileNameWithoutExtension(name));
            return file is null ? NotFound($"No stored file \"{name}\".") : Results.Bytes(file.Content, file.MimeType, enableRangeProcessing: true, entityTag: ETagOf(file.Content));
        });
    }

    private static IResult NotFound(string message) => Envelope.Failure(ErrorTypes.NotFound, message, status: StatusCodes.Status404NotFound);

    /// <summary>A strong validator, as a CDN sends one: a resumed download can prove its bytes are of this file.</summary>
    private static Microsoft.Net.Http.Headers.EntityTagHeaderValue ETagOf(byte[] content) =>
        new("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content)) + "\"");
}
