using System.Text.Json.Nodes;

namespace AnimationTools.Emulator.HourOne;

/// <summary>
/// <c>/videos</c>: list (a plain array, newest first: the API has no filters and no paging), create (<c>201</c>), get,
/// delete (<c>204</c>), metadata and subtitles (both <c>409</c> until the video is ready).
/// </summary>
internal sealed class VideoRoutes(HourOneState state)
{
    public static readonly IReadOnlyList<string> SubtitleLanguages =
        ["en", "es", "de", "pt", "it", "fr", "nl", "ja", "tr", "pl", "hu", "cz", "he", "zh", "hi", "ru", "ko", "ar"];

    public static readonly IReadOnlyList<string> SubtitleFormats = ["vtt", "srt"];

    public void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/videos", (HttpContext context) =>
        {
            state.Clock.Tick();
            return FastApi.Json(state.Videos.All().Select(v => Dto(context, v)).ToList());
        });
        // Cast: a Task<IResult>(HttpContext) method group would bind as a RequestDelegate and its result be dropped.
        api.MapPost("/videos", (Delegate)CreateAsync);
        api.MapGet("/videos/{video_id}", (string video_id, HttpContext context) =>
            state.Videos.Find(video_id) is { } video ? FastApi.Json(Dto(context, video)) : VideoNotFound());
        api.MapDelete("/videos/{video_id}", (string video_id) =>
            state.Videos.Remove(video_id) ? Results.NoContent() : VideoNotFound());
        api.MapGet("/videos/{video_id}/metadata", Metadata);
        api.MapPost("/videos/{video_id}/subtitles", SubtitlesAsync);
    }

    public static IResult VideoNotFound() => FastApi.NotFound("Video not found");

    /// <summary>The <c>VideoResponse</c>, every field in its declared order, nulls kept.</summary>
    public Dictionary<string, object?> Dto(HttpContext context, VideoRecord video)
    {
        var current = video.StateAt(state.Time.GetUtcNow());
        var spec = video.Spec;
        return new Dictionary<string, object?>
        {
            ["id"] = video.Id,
            ["name"] = spec.Name,
            ["status"] = current.Status,
            ["progress"] = current.Progress,
            ["req_id"] = video.ReqId,
            ["draft_id"] = video.DraftId,
            ["source_draft_id"] = spec.SourceDraftId,
            ["recipe_id"] = spec.RecipeId,
            ["template_id"] = spec.TemplateId,
            ["palette_id"] = spec.PaletteId,
            ["character_id"] = spec.CharacterId,
            ["voice_id"] = spec.VoiceId,
            ["scenes"] = spec.ScenesEcho,
            ["video_player_url"] = HourOneUrls.Player(context, video),
            ["download_url"] = current.IsRendered ? HourOneUrls.Download(context, video) : null,
            ["metadata"] = spec.Metadata,
            ["correlation_id"] = spec.CorrelationId,
            ["palette"] = spec.Palette,
            ["global_media_elements"] = spec.GlobalMediaElements,
        };
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return FastApi.Detail(StatusCodes.Status400BadRequest, "There was an error parsing the body");
        }

        var (request, issues) = CreateVideoRequest.Parse(body, context.Request.ContentType);
        if (issues is not null)
        {
            return FastApi.Unprocessable(issues);
        }

        var headers = context.Request.Headers;
        var (spec, error) = VideoFactory.Resolve(request!, state.Catalog, NonEmpty(headers["workspace-id"]), NonEmpty(headers["team-id"]));
        if (error is not null)
        {
            return error;
        }

        var video = new VideoRecord(spec!, state.TakePlan(), state.Time.GetUtcNow());
        state.Videos.Add(video);
        return FastApi.Json(Dto(context, video), StatusCodes.Status201Created);
    }

    private IResult Metadata(string video_id)
    {
        if (state.Videos.Find(video_id) is not { } video)
        {
            return VideoNotFound();
        }

        if (!video.StateAt(state.Time.GetUtcNow()).IsRendered)
        {
            return FastApi.NotReady();
        }

        var start = 0.0;
        var scenes = new List<Dictionary<string, object>>();
        foreach (var (scene, index) in video.Spec.Scenes.Select((s, i) => (s, i)))
        {
            scenes.Add(new() { ["scene_index"] = index, ["start_time"] = start, ["duration"] = scene.Duration });
            start += scene.Duration;
        }

        return FastApi.Json(new Dictionary<string, object> { ["duration"] = video.Duration, ["scenes_metadata"] = scenes });
    }

    /// <summary>Validation (422) comes first, as in FastAPI; then the video (404) and its state (409).</summary>
    private async Task<IResult> SubtitlesAsync(string video_id, HttpContext context)
    {
        if (await ReadBodyAsync(context) is not { } body)
        {
            return FastApi.Detail(StatusCodes.Status400BadRequest, "There was an error parsing the body");
        }

        var (root, decodeIssues) = JsonInput.Parse(body, context.Request.ContentType);
        if (decodeIssues is not null)
        {
            return FastApi.Unprocessable(decodeIssues);
        }

        var reader = new PydanticReader();
        object[] loc = ["body"];
        string? language = null;
        string? format = null;
        if (root!.Value.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            reader.NotADict(loc);
        }
        else
        {
            language = reader.Enum(root.Value, loc, "language_code", SubtitleLanguages, required: true);
            format = reader.Enum(root.Value, loc, "format", SubtitleFormats, required: false, fallback: "vtt");
        }

        if (!reader.IsValid)
        {
            return FastApi.Unprocessable(reader.Issues);
        }

        if (state.Videos.Find(video_id) is not { } video)
        {
            return VideoNotFound();
        }

        if (!video.StateAt(state.Time.GetUtcNow()).IsRendered)
        {
            return FastApi.NotReady();
        }

        video.AddSubtitles(language!, format!);
        return FastApi.Json(new Dictionary<string, string>
        {
            ["language_code"] = language!,
            ["format"] = format!,
            ["url"] = HourOneUrls.Subtitles(context, video, language!, format!),
        }, StatusCodes.Status201Created);
    }

    internal static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var copy = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
            return copy.ToArray();
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value.ToString().Length == 0 ? null : value.ToString();
}
