using AnimationTools.Emulator.Infrastructure;

namespace AnimationTools.Emulator.DeepMotion;

/// <summary>API 2: <c>GET /upload?name=&amp;resumable=</c> hands out a signed storage URL.</summary>
internal sealed class UploadRoutes(StorageBucket bucket)
{
    public void Map(IEndpointRouteBuilder api) => api.MapGet("/upload", Upload);

    /// <summary>Parses the <c>resumable</c> query value shared by /upload and getModelUploadUrl; it defaults to 1.</summary>
    public static bool? ParseResumable(string? value) => value switch
    {
        null or "" or "1" => true,
        "0" => false,
        _ => null,
    };

    private IResult Upload(HttpContext context, string? name, string? resumable)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ApiResults.BadRequest("Query parameter 'name' (the file name) is required.");
        }

        if (ParseResumable(resumable) is not { } isResumable)
        {
            return ApiResults.BadRequest("Query parameter 'resumable' must be 0 or 1.");
        }

        var stored = bucket.Issue(DeepMotionUrls.Storage(context), name, isResumable, UploadPurpose.Media);
        return ApiResults.Json(new { url = stored.Url });
    }
}
